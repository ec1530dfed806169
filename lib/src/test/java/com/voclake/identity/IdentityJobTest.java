package com.voclake.identity;

import static com.voclake.testing.Rows.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.IdentityConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(SparkExtension.class)
class IdentityJobTest {
  private static final LocalDate DATE = LocalDate.parse("2026-11-18");
  private final SparkSession spark;

  IdentityJobTest(SparkSession spark) {
    this.spark = spark;
  }

  private static String tp(String id, String time, String channel, String type, String fields) {
    return String.format("{\"event_id\":\"%s\",\"event_time\":\"%sT10:00:00+08:00\",\"channel\":\"%s\","
        + "\"event_type\":\"%s\",%s}", id, time, channel, type, fields);
  }

  private static void landFixtures(Path input) {
    Rows.writeLines(input.resolve("touchpoints/dt=2026-11-17/part-0.jsonl"),
        // One person, three touchpoints, three ways of writing the phone, plus the CRM record.
        tp("t1", "2026-11-10", "web", "lead", "\"phone\":\"138 0013 8000\",\"email\":\" Zhang.San@QQ.com\","
            + "\"name\":\"张三丰\",\"city\":\"上海\",\"car_model\":\"ModelA\""),
        tp("t2", "2026-11-12", "dealer", "order", "\"phone\":\"+86-13800138000\",\"crm_id\":\"crm001\","
            + "\"car_model\":\"ModelA\",\"birth_year\":\"1990\""),
        tp("t3", "2026-11-15", "wechat_oa", "follow", "\"phone\":\"8613800138000\","
            + "\"wechat_openid\":\"oOPEN1\",\"wechat_appid\":\"wxAPP\",\"wechat_unionid\":\"oUNION1\","
            + "\"city\":\"北京\",\"car_model\":\"ModelB\""),
        tp("c1", "2026-11-11", "crm", "update", "\"crm_id\":\"CRM001\",\"name\":\"张三\",\"gender\":\"男\","
            + "\"birth_year\":\"1991\",\"city\":\"杭州市\",\"province\":\"浙江\""),
        // A dealer's front-desk phone typed into five different customers' orders.
        tp("d1", "2026-11-13", "dealer", "order", "\"phone\":\"0571-8888 6666\",\"crm_id\":\"CRM101\""),
        tp("d2", "2026-11-13", "dealer", "order", "\"phone\":\"0571-8888 6666\",\"crm_id\":\"CRM102\""),
        tp("d3", "2026-11-13", "dealer", "order", "\"phone\":\"0571-8888 6666\",\"crm_id\":\"CRM103\""),
        tp("d4", "2026-11-14", "dealer", "order", "\"phone\":\"0571-8888 6666\",\"crm_id\":\"CRM104\""),
        tp("d5", "2026-11-14", "dealer", "order", "\"phone\":\"(0571) 88886666\",\"crm_id\":\"CRM105\""),
        // Placeholder phones link nothing.
        tp("j1", "2026-11-15", "web", "lead", "\"phone\":\"13800000000\""),
        tp("j2", "2026-11-16", "app", "lead", "\"phone\":\"13800000000\",\"email\":\"test@example.com\""),
        "{\"event_id\":\"bad\",");
    Rows.writeLines(input.resolve("interactions/dt=2026-11-18/part-0.jsonl"),
        "{\"interaction_id\":\"i1\",\"start_time\":\"2026-11-18T09:00:00+08:00\",\"channel\":\"hotline\","
            + "\"kind\":\"call\",\"phone\":\"１３８００１３８０００\",\"text\":\"车机又死机了\"}",
        "{\"interaction_id\":\"i2\",\"start_time\":\"2026-11-18T11:00:00+08:00\",\"channel\":\"app\","
            + "\"kind\":\"review\",\"app_user_id\":\"U9\",\"text\":\"续航很扎实\"}");
  }

  private static String expectedOneId(String earliestRecordKey) throws Exception {
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(earliestRecordKey.getBytes(StandardCharsets.UTF_8));
    return "C" + HexFormat.of().formatHex(sha).substring(0, 16);
  }

  private Dataset<Row> table(VoclakeConfig config, String name) {
    return spark.read().format("delta").load(config.paths().warehouse() + "/cdp/" + name);
  }

  @Test
  void mergesOnePersonAcrossChannelsButNotThroughSharedOrJunkPhones(@TempDir Path tmp) throws Exception {
    landFixtures(tmp.resolve("in"));
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));

    StageResult result = IdentityJob.run(spark, RunContext.start("identity", DATE, config));

    String zhang = expectedOneId("event:t1");
    Dataset<Row> journey = table(config, "customer_journey");
    Dataset<Row> links = table(config, "identity_links");
    Dataset<Row> profile = table(config, "customer_profile");
    assertThat(journey.schema()).isEqualTo(CustomerJourneySchema.SCHEMA);
    assertThat(links.schema()).isEqualTo(IdentityLinksSchema.SCHEMA);
    assertThat(profile.schema()).isEqualTo(CustomerProfileSchema.SCHEMA);

    assertThat(Rows.of(journey.where(col("one_id").equalTo(zhang)), "record_type", "event_id",
        "interaction_id", "channel", "event_type", "dt"))
        .as("web lead, dealer order, WeChat follow, CRM record and hotline call are one customer")
        .containsExactlyInAnyOrder(
            row("event", "t1", null, "web", "lead", "2026-11-17"),
            row("event", "t2", null, "dealer", "order", "2026-11-17"),
            row("event", "t3", null, "wechat_oa", "follow", "2026-11-17"),
            row("event", "c1", null, "crm", "update", "2026-11-17"),
            row("interaction", null, "i1", "hotline", "call", "2026-11-18"));
    assertThat(journey.where(col("event_id").rlike("^d")).select("one_id").distinct().count())
        .as("five dealer customers sharing the front-desk phone stay five").isEqualTo(5);
    assertThat(journey.where(col("event_id").isin("j1", "j2")).select("one_id").distinct().count())
        .as("the junk phone links nothing").isEqualTo(2);

    assertThat(Rows.of(links, "id_type", "id_masked", "one_id is not null", "records", "status",
        "cast(first_seen as string)"))
        .containsExactlyInAnyOrder(
            row("phone", "138****8000", true, 4L, "active", "2026-11-10 10:00:00"),
            row("email", "z***@qq.com", true, 1L, "active", "2026-11-10 10:00:00"),
            row("crm_id", "C****", true, 2L, "active", "2026-11-11 10:00:00"),
            row("wechat_openid", "wxA****N1", true, 1L, "active", "2026-11-15 10:00:00"),
            row("wechat_unionid", "o****", true, 1L, "active", "2026-11-15 10:00:00"),
            row("phone", "571****6666", false, 5L, "shared_blocked", "2026-11-13 10:00:00"),
            row("crm_id", "C****", true, 1L, "active", "2026-11-13 10:00:00"),
            row("crm_id", "C****", true, 1L, "active", "2026-11-13 10:00:00"),
            row("crm_id", "C****", true, 1L, "active", "2026-11-13 10:00:00"),
            row("crm_id", "C****", true, 1L, "active", "2026-11-14 10:00:00"),
            row("crm_id", "C****", true, 1L, "active", "2026-11-14 10:00:00"),
            row("app_user_id", "U****", true, 1L, "active", "2026-11-18 11:00:00"));
    assertThat(links.where(col("status").equalTo("active")).where(col("id_type").isin("phone", "crm_id",
        "wechat_openid", "wechat_unionid", "email")).where(col("records").geq(1)).where(col("one_id")
        .equalTo(zhang)).count()).as("all of 张三's identifiers carry his one_id").isEqualTo(5);
    assertThat(Rows.of(links.where(col("id_type").equalTo("phone").and(col("status").equalTo("active"))),
        "id_hash")).containsExactly(row(PiiProtection.hash(
            config.pii().resolveKey(System.getenv()), "phone", "+8613800138000")));

    assertThat(Rows.of(profile.where(col("one_id").equalTo(zhang)), "phone_masked", "email_masked",
        "name_masked", "gender", "birth_year", "age_band", "city", "province", "city_tier", "car_models",
        "primary_car_model", "channels", "preferred_channel", "cast(first_seen as string)",
        "cast(last_seen as string)", "events", "interactions", "identifiers", "to_json(channel_counts)"))
        .as("name, gender and birth year by source priority (CRM first), city the newest, car model the"
            + " most frequent")
        .containsExactly(row("138****8000", "z***@qq.com", "张*", "M", 1991, "35-44", "北京", "浙江",
            "一线", scalaList("ModelA", "ModelB"), "ModelA",
            scalaList("crm", "dealer", "hotline", "web", "wechat_oa"), "crm", "2026-11-10 10:00:00",
            "2026-11-18 09:00:00", 4L, 1L, 5L,
            "{\"crm\":1,\"dealer\":1,\"hotline\":1,\"web\":1,\"wechat_oa\":1}"));
    assertThat(Rows.of(profile.where(col("one_id").isin(journey.where(col("event_id").equalTo("d1"))
        .select("one_id").as(Encoders.STRING()).collectAsList().toArray())),
        "phone_masked", "identifiers", "city_tier", "age_band"))
        .as("a blocked phone is nobody's contact").containsExactly(row(null, 1L, "unknown", null));
    assertThat(profile.count()).isEqualTo(9);

    assertThat(result.recordsIn()).isEqualTo(14);
    assertThat(result.quarantined()).isEqualTo(1);
    assertThat(result.recordsOut()).isEqualTo(13);
    assertThat(result.figures()).containsEntry("customers", 9L).containsEntry("identifiers", 12L)
        .containsEntry("shared_blocked", 1L).containsEntry("junk_values", 3L)
        .containsEntry("full_rebuild", 1L).containsEntry("merges", 0L);

    long phoneLimit = config.identity().sharedLimits().get("phone");
    assertThat(Rows.of(quarantine(config), "rule", "id_type", "id_masked", "component", "observed", "`limit`",
        "dropped"))
        .as("the guard rail names the shared phone, masked, with what it saw")
        .containsExactly(row("shared_identifier", "phone", "571****6666", null, 5L, phoneLimit, true));

    assertNoRawPii(journey, links, profile, quarantine(config));
    assertThat(Rows.filesPerFolder(table(config, "identity_records")))
        .as("one file per landing date, which every later scan and delete opens")
        .isEqualTo(Map.of("dt=2026-11-17", 1L, "dt=2026-11-18", 1L));
    assertThat(Rows.filesPerFolder(journey)).isEqualTo(Map.of("dt=2026-11-17", 1L, "dt=2026-11-18", 1L));

    List<List<Object>> before = allRows(config);
    IdentityJob.run(spark, RunContext.start("identity", DATE, config));
    assertThat(allRows(config)).as("rerunning the date gives identical tables").isEqualTo(before);
  }

  @Test
  void quarantinesTheIdentifiersCutFromAComponentOverTheSizeLimitWithTheirMaskedForms(@TempDir Path tmp)
      throws Exception {
    landFixtures(tmp.resolve("in"));
    VoclakeConfig local = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    IdentityConfig r = local.identity();
    // 张三's five records make the only component over three records.
    VoclakeConfig config = local.withIdentity(new IdentityConfig(r.sharedLimits(), r.strongTypes(), r.junkPatterns(),
        r.maxIterations(), r.singleTaskBudgetMb(), 3, r.mode(), r.survivorship(), r.sourcePriority(),
        r.compactFiles()));

    IdentityJob.run(spark, RunContext.start("identity", DATE, config));

    Dataset<Row> cut = quarantine(config).where(col("rule").equalTo("max_component_size"));
    assertThat(cut.count()).as("identifiers cut or kept from the oversized component").isPositive();
    assertThat(Rows.of(cut.select("component", "observed", "limit").distinct(), "component", "observed", "`limit`"))
        .containsExactly(row(expectedOneId("event:c1"), 5L, 3L));
    Dataset<Row> links = table(config, "identity_links").select(col("id_type"), col("id_hash"),
        col("id_masked").as("link_masked"), col("status"));
    assertThat(Rows.of(cut.join(links, new String[] {"id_type", "id_hash"}, "left"),
        "id_masked is not null", "id_masked = link_masked", "dropped = (status = 'quarantined')").stream().distinct())
        .as("each names its identifier by the masked form identity_links keeps, and is dropped where cut")
        .containsExactly(row(true, true, true));
  }

  private Dataset<Row> quarantine(VoclakeConfig config) {
    return spark.read().format("delta").load(config.paths().warehouse() + "/quarantine/identity");
  }

  private static Object scalaList(String... values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(values)).toSeq();
  }

  private List<List<Object>> allRows(VoclakeConfig config) {
    List<List<Object>> out = new java.util.ArrayList<>();
    for (String name : List.of("customer_journey", "identity_links", "customer_profile")) {
      out.addAll(Rows.of(table(config, name).select(functions.to_json(functions.struct(col("*"))).as("j"))
          .orderBy("j")));
    }
    return out;
  }

  private static void assertNoRawPii(Dataset<Row>... tables) {
    List<String> raw = List.of("13800138000", "88886666", "8888 6666", "zhang.san", "Zhang.San",
        "oOPEN1", "oUNION1", "张三", "13800000000", "test@example.com");
    for (Dataset<Row> t : tables) {
      for (Row r : t.select(functions.to_json(functions.struct(col("*")))).collectAsList()) {
        for (String value : raw) {
          assertThat(r.getString(0)).as("no raw identifier or name in a CDP row").doesNotContain(value);
        }
      }
    }
  }
}
