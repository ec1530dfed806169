package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.VoclakeConfig;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The daily job end to end on a small hand-written landing set whose answers are known, read back
 * with DuckDB (a BI-side reader, not Spark), run twice to prove it is idempotent.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DailyPipelineTest {
  private static final String DAY = "2026-11-20";
  /** Above head_unit_failure_surge's warning level (20 a day in one province) in conf/alerts.conf. */
  private static final int HEAD_UNIT_COMPLAINTS = 24;

  private Path tmp;
  private SparkSession spark;
  private VoclakeConfig config;
  private String warehouse;
  private List<List<Object>> firstRequestMap;
  private long firstEnriched;

  @BeforeAll
  void runDailyTwice() throws Exception {
    spark = SparkExtension.session();
    tmp = java.nio.file.Files.createTempDirectory("voclake-daily-test");
    writeLanding(tmp.resolve("in"));
    config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    warehouse = config.paths().warehouse();
    runDaily();
    firstRequestMap = duck("SELECT hour, channel, province, city, category_l1, category_l2, requests, customers,"
        + " negative_share, avg_sentiment FROM " + published("request_map") + " ORDER BY ALL");
    firstEnriched = spark.read().format("delta").load(warehouse + "/voc/interactions_enriched").count();
    runDaily();
  }

  private void runDaily() {
    Command daily = Commands.named("daily");
    daily.execute(spark, config, Invocation.parse(daily, List.of("--date", DAY)));
  }

  @Test
  void requestMapCountsTheHeadUnitComplaints() throws Exception {
    assertThat(duck("SELECT sum(requests), min(category_l1) FROM " + published("request_map")
        + " WHERE category_l2 = '车机死机'"))
        .as("every head-unit complaint of the day is counted once, under 智能座舱/车机死机")
        .containsExactly(Rows.row(java.math.BigInteger.valueOf(HEAD_UNIT_COMPLAINTS).longValue(), "智能座舱"));
    assertThat(duck("SELECT DISTINCT CAST(dt AS VARCHAR) FROM " + published("request_map")))
        .containsExactly(Rows.row(DAY));
  }

  @Test
  void anAlertFiresOnTheHeadUnitIncident() throws Exception {
    assertThat(duck("SELECT rule, scope, observed, severity FROM " + published("alerts")
        + " WHERE rule = 'head_unit_failure_surge'"))
        .as("the 车机死机 spike in 广东 crosses the warning level of 20 requests a day")
        .containsExactly(Rows.row("head_unit_failure_surge", "category_l2=车机死机;province=广东",
            (double) HEAD_UNIT_COMPLAINTS, "warning"));
  }

  @Test
  void productPreferenceHasTheFeaturesCustomersTalkedAbout() throws Exception {
    List<List<Object>> range = duck("SELECT mentions, positive, negative FROM " + published("product_preference")
        + " WHERE segment_type = 'all' AND feature = '续航' AND period_type = 'month'");
    assertThat(range).as("续航 is praised in two reviews").hasSize(1);
    assertThat(((Number) range.get(0).get(1)).longValue()).isGreaterThanOrEqualTo(2);
    assertThat(((Number) range.get(0).get(2)).longValue()).isZero();
  }

  @Test
  void rerunningTheDayChangesNothing() throws Exception {
    assertThat(duck("SELECT hour, channel, province, city, category_l1, category_l2, requests, customers,"
        + " negative_share, avg_sentiment FROM " + published("request_map") + " ORDER BY ALL"))
        .isEqualTo(firstRequestMap);
    assertThat(spark.read().format("delta").load(warehouse + "/voc/interactions_enriched").count())
        .isEqualTo(firstEnriched)
        .isEqualTo(HEAD_UNIT_COMPLAINTS + 4);
    assertThat(spark.read().format("delta").load(warehouse + "/cdp/customer_journey")
        .groupBy("record_type").count().collectAsList()).hasSize(2);
  }

  @Test
  void oneCustomerAcrossWebDealerAndWechat() {
    assertThat(spark.read().format("delta").load(warehouse + "/cdp/customer_journey")
        .where("event_id IN ('t1', 't2', 't3') OR interaction_id = 'call-1'")
        .select("one_id").distinct().count())
        .as("one phone in three written forms links the lead, the dealer order, WeChat and the call")
        .isEqualTo(1);
  }

  @Test
  void badLinesAreQuarantinedAndCountsBalance() {
    assertThat(Rows.of(spark.read().format("delta").load(warehouse + "/quarantine/interactions"), "reason"))
        .containsExactly(Rows.row("malformed_json"));
    Dataset<Row> stages = spark.read().format("delta").load(warehouse + "/_runs")
        .where("status = 'succeeded'").selectExpr("explode(stages) AS s");
    assertThat(Rows.of(stages.where("s.stage = 'enrich'"), "s.records_in", "s.records_out", "s.quarantined"))
        .as("enrich analyses what identity accepted: the broken line was read, and counted, once")
        .hasSize(2).allSatisfy(s -> assertThat(s)
            .containsExactly((long) HEAD_UNIT_COMPLAINTS + 4, (long) HEAD_UNIT_COMPLAINTS + 4, 0L));
    assertThat(Rows.of(stages.where("s.stage = 'identity'"), "s.records_in = s.records_out + s.quarantined",
        "s.quarantined")).hasSize(2).allSatisfy(s -> assertThat(s).containsExactly(true, 1L));
  }

  @Test
  void noRawPersonalDataInAnyPublishedFile() throws Exception {
    for (String name : List.of("request_map", "request_map_daily", "alerts", "product_preference")) {
      List<List<Object>> rows = duck("SELECT * FROM " + published(name));
      assertThat(rows).as(name + " has rows").isNotEmpty();
      assertThat(rows.toString()).as(name)
          .doesNotContain("13800138000", "138 0013 8000", "13912345678", "li.na@example.cn", "Li.Na", "王小明");
    }
  }

  private String published(String name) {
    return "read_parquet('" + warehouse + "/publish/" + name + "/*/*.parquet', hive_partitioning = true)";
  }

  private static List<List<Object>> duck(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rs.getObject(i);
          row.add(value instanceof java.math.BigInteger b ? b.longValue()
              : value instanceof java.math.BigDecimal d ? d.longValue() : value);
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static void writeLanding(Path in) {
    Rows.writeLines(in.resolve("touchpoints/dt=2026-11-19/part-0.jsonl"),
        "{\"event_id\":\"t1\",\"event_time\":\"2026-11-19T10:02:00+08:00\",\"channel\":\"web\",\"event_type\":\"lead_form\","
            + "\"phone\":\"138 0013 8000\",\"cookie_id\":\"ck-81f2\",\"name\":\"王小明\",\"city\":\"深圳\",\"province\":\"广东\","
            + "\"car_model\":\"星岚 S7\"}",
        "{\"event_id\":\"t2\",\"event_time\":\"2026-11-19T15:40:00+08:00\",\"channel\":\"dealer\",\"event_type\":\"order\","
            + "\"phone\":\"+86-13800138000\",\"crm_id\":\"CRM-000123\",\"name\":\"王小明\",\"birth_year\":\"1990\","
            + "\"city\":\"深圳\",\"province\":\"广东\",\"car_model\":\"星岚 S7\",\"dealer_id\":\"D-SZ-01\"}",
        "{\"event_id\":\"t3\",\"event_time\":\"2026-11-19T20:11:00+08:00\",\"channel\":\"wechat_oa\",\"event_type\":\"follow\","
            + "\"wechat_openid\":\"oA1b2C3d4E5f\",\"wechat_appid\":\"wx8d7e6f5a\",\"wechat_unionid\":\"uZ9y8X7w6V\","
            + "\"phone\":\"13800138000\"}",
        "{\"event_id\":\"t4\",\"event_time\":\"2026-11-19T21:30:00+08:00\",\"channel\":\"app\",\"event_type\":\"app_login\","
            + "\"app_user_id\":\"u-77821\",\"device_id\":\"dev-5521\",\"email\":\" Li.Na@Example.CN \",\"city\":\"上海\","
            + "\"province\":\"上海\",\"car_model\":\"星岚 X5 EV\"}");
    Rows.writeLines(in.resolve("touchpoints/dt=2026-11-20/part-0.jsonl"),
        "{\"event_id\":\"t5\",\"event_time\":\"2026-11-20T08:00:00+08:00\",\"channel\":\"app\",\"event_type\":\"app_login\","
            + "\"app_user_id\":\"u-77821\",\"device_id\":\"dev-5521\"}");

    String[] complaints = {
        "车机又死机了，屏幕黑屏半天没反应，导航也用不了",
        "昨天开始中控屏死机，重启好几次还是黑屏，太影响开车了",
        "车机死机黑屏，倒车影像都出不来，非常危险",
        "今天早上车机卡死不动，怎么按都没反应，真的很无语",
        "中控大屏频繁死机，开着开着就黑屏，希望尽快处理",
        "车机屏幕死机三次了，蓝牙音乐也断了，体验很差",
        "车机死机重启，空调都调不了，太糟糕了",
        "中控屏突然黑屏死机，导航中断，差点错过高速出口",
        "车机老是死机，屏幕卡住不动，烦死了",
        "车机黑屏死机到现在都没恢复，你们到底管不管"};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < HEAD_UNIT_COMPLAINTS; i++) {
      lines.add(String.format("{\"interaction_id\":\"c-%d\",\"start_time\":\"2026-11-20T%02d:15:00+08:00\","
          + "\"channel\":\"app\",\"kind\":\"complaint\",\"phone\":\"1390000%04d\",\"car_model\":\"星岚 S7\","
          + "\"city\":\"广州\",\"province\":\"广东\",\"text\":\"%s\"}", i, 9 + i % 3, i, complaints[i % complaints.length]));
    }
    lines.add("{\"interaction_id\":\"call-1\",\"start_time\":\"2026-11-20T14:05:00+08:00\",\"channel\":\"hotline\","
        + "\"kind\":\"call\",\"phone\":\"138-0013-8000\",\"car_model\":\"星岚 S7\",\"city\":\"深圳\",\"province\":\"广东\","
        + "\"turns\":["
        + "{\"speaker\":\"agent\",\"offset_s\":0,\"text\":\"您好，这里是星岚客服，请问有什么可以帮您？\"},"
        + "{\"speaker\":\"customer\",\"offset_s\":6,\"text\":\"你好，我想问一下我的车什么时候能交付\"},"
        + "{\"speaker\":\"agent\",\"offset_s\":15,\"text\":\"我帮您查一下，目前显示交付还要延期两周\"},"
        + "{\"speaker\":\"customer\",\"offset_s\":24,\"text\":\"又延期？已经拖了一个月了，太过分了\"},"
        + "{\"speaker\":\"agent\",\"offset_s\":33,\"text\":\"非常抱歉给您带来不便\"},"
        + "{\"speaker\":\"customer\",\"offset_s\":40,\"text\":\"别跟我说抱歉，一直敷衍，我要投诉，再不交车我就退订金\"}]}");
    lines.add("{\"interaction_id\":\"r-1\",\"start_time\":\"2026-11-20T19:20:00+08:00\",\"channel\":\"app\",\"kind\":\"review\","
        + "\"email\":\"li.na@example.cn\",\"car_model\":\"星岚 X5 EV\",\"city\":\"上海\",\"province\":\"上海\",\"rating\":5,"
        + "\"text\":\"续航很扎实，冬天也能跑四百多公里，座椅加热很给力\"}");
    lines.add("{\"interaction_id\":\"r-2\",\"start_time\":\"2026-11-20T20:45:00+08:00\",\"channel\":\"web\",\"kind\":\"review\","
        + "\"cookie_id\":\"ck-99aa\",\"car_model\":\"星岚 X5 EV\",\"city\":\"杭州\",\"province\":\"浙江\",\"rating\":4,"
        + "\"text\":\"续航表现不错，满意，就是后排空间有点小\"}");
    lines.add("{\"interaction_id\":\"s-1\",\"start_time\":\"2026-11-20T21:00:00+08:00\",\"channel\":\"chat\",\"kind\":\"complaint\","
        + "\"app_user_id\":\"u-5520\",\"city\":\"北京\",\"province\":\"北京\","
        + "\"text\":\"保养预约一直约不上，我电话13912345678，请尽快回电\"}");
    lines.add("{\"interaction_id\":\"broken\",\"start_time\":\"2026-11-20T21:");
    Rows.writeLines(in.resolve("interactions/dt=2026-11-20/part-0.jsonl"), lines.toArray(new String[0]));
  }
}
