package com.voclake.publish;

import static com.voclake.publish.EnrichedFixtures.aspect;
import static com.voclake.publish.EnrichedFixtures.interaction;
import static com.voclake.publish.EnrichedFixtures.many;
import static com.voclake.publish.EnrichedFixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.ConfigLoader;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.DeltaTables;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.testing.Chromium;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publish stage end to end on tiny Delta inputs: what it writes, read back the way BI tools
 * and Avro users read it, and what a rerun does.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class PublishJobTest {
  private static final String INCIDENT_DAY = "2026-11-20";
  private static final String QUIET_DAY = "2026-11-19";

  private final SparkSession spark;
  private LocalRobot robot;

  PublishJobTest(SparkSession spark) {
    this.spark = spark;
  }

  @AfterEach
  void stopRobot() {
    if (robot != null) {
      robot.close();
    }
  }

  @Test
  void publishesTheDayReadableByDuckDbAndAvroAndRerunsIdempotently(@TempDir Path tmp) throws Exception {
    Path warehouse = tmp.resolve("wh");
    writeInputs(warehouse.toString());
    VoclakeConfig config = config(tmp, warehouse, startRobot());

    StageResult result = PublishJob.run(spark, RunContext.start("publish", LocalDate.parse(INCIDENT_DAY), config));

    assertThat(result.stage()).isEqualTo("publish");
    assertThat(result.recordsIn()).as("enriched rows of %s", INCIDENT_DAY).isEqualTo(64 + 6);
    assertThat(result.quarantined()).isZero();
    assertThat(result.figures()).containsEntry("robot_failures", 0L).containsEntry("alerts", 5L)
        .containsEntry("alerts_firing", 5L).containsEntry("alerts_critical", 4L).containsEntry("notifications", 5L)
        .containsEntry("robot_messages", 5L);
    assertThat(result.recordsOut()).isEqualTo(result.figures().get("request_map_rows")
        + result.figures().get("request_map_daily_rows") + result.figures().get("alerts")
        + result.figures().get("preference_rows"));
    assertThat(robot.messages()).as("one markdown message per alert that started firing").hasSize(5)
        .anySatisfy(m -> assertThat(m).contains("[CRITICAL] firing: category_l2=车机死机;province=广东",
            "head_unit_failure_surge", "requests: **64** (above 50"))
        .allSatisfy(m -> assertThat(m).startsWith("{\"msgtype\":\"markdown\"").doesNotContain("13800138000"));

    Path publish = warehouse.resolve("publish");
    assertThat(publish.resolve("request_map/dt=" + INCIDENT_DAY)).isDirectory();
    try (Stream<Path> staged = Files.walk(publish.resolve("_staging"))) {
      assertThat(staged.filter(Files::isRegularFile).toList()).as("no staged files left behind").isEmpty();
    }

    readWithDuckDb(publish);
    for (String dataset : PublishedSchemas.DATASETS) {
      holdFilesAgainstTheAvroSchema(publish, dataset);
    }
    checkThePageInChromium(publish.resolve("summary/dt=" + INCIDENT_DAY + "/index.html"));

    // Rerun of the same date, first with the robot down, then up: same rows, nothing sent twice.
    Map<String, List<String>> first = snapshot(publish, INCIDENT_DAY);
    VoclakeConfig robotDown = config(tmp, warehouse, "http://127.0.0.1:" + deadPort() + "/cgi-bin/webhook/send?key=k");
    StageResult rerun = PublishJob.run(spark, RunContext.start("publish", LocalDate.parse(INCIDENT_DAY), robotDown));
    assertThat(rerun.figures()).as("every notification was delivered before: nothing to send")
        .containsEntry("robot_failures", 0L).containsEntry("robot_messages", 0L).containsEntry("notifications", 5L);
    PublishJob.run(spark, RunContext.start("publish", LocalDate.parse(INCIDENT_DAY), config));
    assertThat(robot.messages()).as("no message sent again on reruns").hasSize(5);
    assertThat(rerun.recordsOut()).isEqualTo(result.recordsOut());
    assertThat(snapshot(publish, INCIDENT_DAY)).as("a rerun publishes the same rows").isEqualTo(first);
    for (String dataset : PublishedSchemas.DATASETS) {
      assertThat(Files.list(publish.resolve(dataset + "/dt=" + INCIDENT_DAY))
          .filter(f -> f.toString().endsWith(".parquet")).count()).as("%s: one file, old one replaced", dataset)
          .isEqualTo(1);
    }
    assertThat(spark.read().format("delta").load(warehouse.resolve("state/alerts").toString())
        .where("dt = '" + INCIDENT_DAY + "'").count()).as("the state keeps one row per episode").isEqualTo(5);

    // Publishing the day before leaves the incident day's files as they were, byte for byte.
    Map<String, String> filesBefore = fileDigests(publish, INCIDENT_DAY);
    StageResult quiet = PublishJob.run(spark, RunContext.start("publish", LocalDate.parse(QUIET_DAY), config));
    assertThat(quiet.figures()).containsEntry("alerts", 0L);
    assertThat(fileDigests(publish, INCIDENT_DAY)).isEqualTo(filesBefore);
    assertThat(snapshot(publish, QUIET_DAY).get(PublishedSchemas.REQUEST_MAP)).as("the quiet day's 6 requests").hasSize(6);
  }

  /** The page as a browser shows it: Chromium's DOM after loading the file, and a screenshot. */
  private static void checkThePageInChromium(Path page) throws Exception {
    String dom = Chromium.dumpDom(page);
    assertThat(dom).contains("VOCLake 每日概览 · " + INCIDENT_DAY)
        .contains("<span id=\"total-requests\">70</span>", "<span id=\"total-alerts\">5</span>")
        .contains("data-state=\"firing\" data-severity=\"critical\"")
        .contains("head_unit_failure_surge", "category_l2=车机死机;province=广东")
        .as("65 车机死机 (64 in 广东, 1 in 北京), 1 the day before, no data a week before")
        .contains("<td>车机系统 / 车机死机</td><td>65</td><td>+6400%</td><td>n/a</td>")
        .contains("<tr class=\"escalation\"><td>广东</td><td>16</td>")
        .doesNotContain("138****", "13800138000");
    assertThat(Chromium.count(dom, "<rect class=\"bar\"")).as("24 hour bars and one bar per category (4)")
        .isEqualTo(24 + 4);
    assertThat(Chromium.count(dom, "<tr class=\"feature\"")).as("rising features: 车机 and others").isPositive();
    Chromium.Screenshot shot = Chromium.screenshot(page, 1200, 1600);
    assertThat(shot.distinctColours()).as("a rendered page with coloured bars and badges, not a blank one")
        .isGreaterThan(20);
  }

  /** The BI view: DuckDB over the dataset roots with hive partitioning. */
  private static void readWithDuckDb(Path publish) throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
         Statement sql = duck.createStatement()) {
      try (ResultSet rs = sql.executeQuery("select sum(requests), sum(customers), count(*) from read_parquet('"
          + publish.resolve("request_map") + "/*/*.parquet', hive_partitioning=true)"
          + " where category_l2 = '车机死机' and province = '广东' and cast(dt as varchar) = '" + INCIDENT_DAY + "'")) {
        rs.next();
        assertThat(rs.getLong(1)).as("车机死机 requests in 广东").isEqualTo(64);
        assertThat(rs.getLong(2)).as("distinct customers per row, summed").isEqualTo(64);
      }
      try (ResultSet rs = sql.executeQuery("select sum(customers), sum(requests), sum(escalations),"
          + " sum(requests_previous_day) from read_parquet('"
          + publish.resolve("request_map_daily") + "/*/*.parquet', hive_partitioning=true)"
          + " where cast(dt as varchar) = '" + INCIDENT_DAY + "'")) {
        rs.next();
        assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
            .as("day grain: 69 (c1 in two categories, one request without one_id), 16 escalated, 6 the day before")
            .containsExactly(69L, 70L, 16L, 6L);
      }
      try (ResultSet rs = sql.executeQuery("select hour, top_keywords from read_parquet('"
          + publish.resolve("request_map") + "/*/*.parquet', hive_partitioning=true)"
          + " where category_l2 = '车机死机' and hour = 9")) {
        rs.next();
        assertThat(rs.getArray(2).getArray())
            .as("top keywords of the incident hour: OTA and 死机 in 40 calls each (tie by keyword), 黑屏 in 20")
            .isEqualTo(new Object[] {"OTA", "死机", "黑屏"});
      }
      List<String> alerts = new ArrayList<>();
      try (ResultSet rs = sql.executeQuery("select rule, scope, severity, round(observed, 4), threshold, \"window\", expected,"
          + " state, kind, active_since, fired_at, resolved_at, inhibited, alert_id from read_parquet('"
          + publish.resolve("alerts") + "/*/*.parquet', hive_partitioning=true) order by rule, scope")) {
        while (rs.next()) {
          alerts.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getDouble(4)
              + " " + rs.getDouble(5) + " " + rs.getString(6) + " " + rs.getObject(7) + " " + rs.getString(8)
              + " " + rs.getString(9) + " " + rs.getString(10) + " " + rs.getString(11) + " " + rs.getString(12)
              + " " + rs.getBoolean(13));
          assertThat(rs.getString(14)).hasSize(64).isEqualTo(sha256(rs.getString(1) + "|" + rs.getString(2)
              + "|2026-11-19T16:00:00Z"));
        }
      }
      String times = " firing static 2026-11-20T00:00:00+08:00 2026-11-21T00:00:00+08:00 null false";
      assertThat(alerts).as("the OTA incident, seen by every rule it should trip; expected = the threshold").containsExactly(
          "category_l1_sentiment category_l1=车机系统 critical -0.8431 -0.7 P1D -0.7" + times,
          "category_negative_share category_l2=车机死机 critical 1.0 0.8 P1D 0.8" + times,
          "head_unit_failure_negative category_l2=车机死机;province=广东 critical 1.0 0.85 P1D 0.85" + times,
          "head_unit_failure_surge category_l2=车机死机;province=广东 critical 64.0 50.0 P1D 50.0" + times,
          "province_escalations province=广东 warning 16.0 15.0 P1D 15.0" + times);
      try (ResultSet rs = sql.executeQuery("select mentions, customers, positive, negative,"
          + " round(net_sentiment, 4), round(share_of_voice, 4), round(lift, 4), period"
          + " from read_parquet('" + publish.resolve("product_preference") + "/*/*.parquet', hive_partitioning=true)"
          + " where segment_type = 'car_model' and segment = '星舰7' and feature = '车机' and period_type = 'month'")) {
        rs.next();
        assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
            .as("车机 mentions by 星舰7 owners over both days: c1 pos x2, c3 neg x2, 64 OTA calls neg")
            .containsExactly(68L, 66L, 2L, 66L);
        assertThat(rs.getDouble(5)).as("net sentiment (2 - 66) / 68").isEqualTo(-0.9412);
        assertThat(rs.getString(8)).isEqualTo("2026-10-22/2026-11-20");
        assertThat(rs.next()).as("one row per segment and feature").isFalse();
      }
    }
  }

  /** Fails when a published column is renamed, dropped, reordered or changes type or nullability. */
  private static void holdFilesAgainstTheAvroSchema(Path publish, String dataset) throws IOException {
    Schema contract = PublishedSchemas.avroSchema(dataset);
    Path file = parquetFile(publish.resolve(dataset + "/dt=" + INCIDENT_DAY));
    Configuration conf = new Configuration();
    conf.setBoolean("parquet.avro.add-list-element-records", false);
    org.apache.hadoop.fs.Path hadoopPath = new org.apache.hadoop.fs.Path(file.toUri());

    Schema written;
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath, conf))) {
      written = new AvroSchemaConverter(conf).convert(reader.getFooter().getFileMetaData().getSchema());
    }
    assertThat(describe(written)).as("%s: columns of the written Parquet vs %s.avsc", dataset, dataset)
        .isEqualTo(describe(contract));

    AvroReadSupport.setAvroReadSchema(conf, contract);
    int records = 0;
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
        HadoopInputFile.fromPath(hadoopPath, conf)).withDataModel(GenericData.get()).withConf(conf).build()) {
      for (GenericRecord record = reader.read(); record != null; record = reader.read()) {
        assertThat(GenericData.get().validate(contract, record)).as("%s record %s", dataset, record).isTrue();
        records++;
      }
    }
    assertThat(records).as("%s records read with the Avro schema", dataset).isPositive();
  }

  /** name:type per field, nullable types as "?type", arrays as "array<item>". */
  private static List<String> describe(Schema record) {
    List<String> fields = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      fields.add(field.name() + ":" + describeType(field.schema()));
    }
    return fields;
  }

  private static String describeType(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      List<Schema> types = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
      return "?" + describeType(types.get(0));
    }
    if (schema.getType() == Schema.Type.ARRAY) {
      return "array<" + describeType(schema.getElementType()) + ">";
    }
    return schema.getType().getName();
  }

  /** Every dataset's rows of {@code dt}, as sorted strings. */
  private Map<String, List<String>> snapshot(Path publish, String dt) {
    Map<String, List<String>> out = new TreeMap<>();
    for (String dataset : PublishedSchemas.DATASETS) {
      Dataset<Row> rows = spark.read().parquet(publish.resolve(dataset + "/dt=" + dt).toString());
      out.put(dataset, Rows.of(rows).stream().map(Object::toString).sorted().toList());
    }
    assertThat(out.get(PublishedSchemas.ALERTS)).doesNotHaveDuplicates();
    return out;
  }

  private static Map<String, String> fileDigests(Path publish, String dt) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String dataset : PublishedSchemas.DATASETS) {
      try (Stream<Path> files = Files.list(publish.resolve(dataset + "/dt=" + dt))) {
        for (Path file : files.toList()) {
          out.put(dataset + "/" + file.getFileName(), sha256(Files.readAllBytes(file)));
        }
      }
    }
    return out;
  }

  private static Path parquetFile(Path partition) throws IOException {
    try (Stream<Path> files = Files.list(partition)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  /**
   * The quiet day: 6 ordinary requests. The incident day: the same 6 plus 64 negative 车机死机
   * calls from 广东 after an OTA push, each mentioning the head unit.
   */
  private void writeInputs(String warehouse) {
    List<EnrichedFixtures.Interaction> rows = new ArrayList<>();
    for (String dt : List.of(QUIET_DAY, INCIDENT_DAY)) {
      rows.add(interaction(dt + "-a").oneId("c1").dt(dt).category("补能", "充电").sentiment("pos", 0.7)
          .aspects(aspect("续航", "pos")).keywords("充电桩", "续航"));
      rows.add(interaction(dt + "-b").oneId("c2").dt(dt).region("浙江", "杭州").category("销售", "试驾预约")
          .sentiment("neu", 0.1).keywords("试驾"));
      rows.add(interaction(dt + "-c").oneId("c3").dt(dt).region("北京", "北京").channel("app").kind("review")
          .category("车机系统", "车机死机").sentiment("neg", -0.4).aspects(aspect("车机", "neg")));
      rows.add(interaction(dt + "-d").oneId("c1").dt(dt).category("售后", "保养预约").aspects(aspect("车机", "pos")));
      rows.add(interaction(dt + "-e").oneId(null).dt(dt).region(null, null).category("售后", "保养预约"));
      rows.add(interaction(dt + "-f").oneId("c4").dt(dt).channel("wechat_mp").category("补能", "充电")
          .sentiment("neg", -0.5).aspects(aspect("充电", "neg")));
    }
    AtomicInteger n = new AtomicInteger();
    rows.addAll(many(64, "ota", i -> {
      int k = n.getAndIncrement();
      i.dt(INCIDENT_DAY).at(INCIDENT_DAY + (k < 40 ? "T09:" : "T10:") + String.format("%02d", k % 40) + ":00+08:00")
          .category("车机系统", "车机死机").sentiment("neg", -0.85).aspects(aspect("车机", "neg"))
          .keywords("死机", k % 2 == 0 ? "黑屏" : "OTA", "OTA");
      if (k % 4 == 0) {
        i.escalate();
      }
    }));
    DeltaTables.overwrite(EnrichedFixtures.enriched(spark, rows), warehouse + "/voc/interactions_enriched", "dt");

    List<Row> profiles = new ArrayList<>(List.of(
        profile("c1", "星舰7", "一线", "25-34"), profile("c2", "星舰5", "二线", "35-44"),
        profile("c3", "星舰7", "一线", "25-34"), profile("c4", null, null, null)));
    for (int i = 0; i < 64; i++) {
      profiles.add(profile("ota-c" + i, "星舰7", i % 2 == 0 ? "一线" : "新一线", "25-34"));
    }
    DeltaTables.overwrite(EnrichedFixtures.profiles(spark, profiles.toArray(Row[]::new)),
        warehouse + "/cdp/customer_profile");
    writeLinks(spark, warehouse, "c1");
  }

  /** {@code cdp/identity_links} with a VIN for each of {@code owners} (and a phone for the first). */
  static void writeLinks(SparkSession spark, String warehouse, String... owners) {
    List<Row> links = new ArrayList<>();
    for (String owner : owners) {
      links.add(org.apache.spark.sql.RowFactory.create(owner, "vin", "active"));
      links.add(org.apache.spark.sql.RowFactory.create(owner, "phone", "active"));
    }
    DeltaTables.overwrite(spark.createDataFrame(links, new org.apache.spark.sql.types.StructType()
        .add("one_id", "string").add("id_type", "string").add("status", "string")), warehouse + "/cdp/identity_links");
  }

  static VoclakeConfig config(Path tmp, Path warehouse, String wecomUrl) {
    return ConfigLoader.load(TestConfigs.repoRoot().resolve("conf/local.conf").toString(), Map.of(
        "voclake.paths.input", tmp.resolve("in").toString(),
        "voclake.paths.warehouse", warehouse.toString(),
        "voclake.publish.robots.wecom-url", wecomUrl,
        "voclake.publish.robots.timeout", "5s",
        "voclake.publish.robots.retry-backoff", "10ms"));
  }

  private String startRobot() throws java.io.IOException {
    robot = new LocalRobot();
    return robot.url();
  }


  private static int deadPort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
