package com.voclake.identity;

import static com.voclake.testing.Rows.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunContext;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** one_ids across daily incremental runs: stability, merges, and manual overrides. */
@ExtendWith(SparkExtension.class)
class StableOneIdTest {
  private final SparkSession spark;

  StableOneIdTest(SparkSession spark) {
    this.spark = spark;
  }

  private static String tp(String id, String day, String hour, String fields) {
    return WebLeads.line(id, day, hour, fields);
  }

  private static String oneId(String recordKey) throws Exception {
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(recordKey.getBytes(StandardCharsets.UTF_8));
    return "C" + HexFormat.of().formatHex(sha).substring(0, 16);
  }

  private Map<String, String> customers(VoclakeConfig config) {
    Map<String, String> out = new HashMap<>();
    for (Row r : spark.read().format("delta").load(config.paths().warehouse() + "/cdp/customer_journey")
        .where(col("event_id").isNotNull()).select("event_id", "one_id").collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  private void run(VoclakeConfig config, String day) {
    IdentityJob.run(spark, RunContext.start("identity", LocalDate.parse(day), config));
  }

  @Test
  void idsSurviveNewRecordsMergesKeepTheOlderIdAndOverridesStick(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("in");
    VoclakeConfig config = TestConfigs.local(in, tmp.resolve("wh"));
    byte[] key = config.pii().resolveKey(System.getenv());
    Rows.writeLines(in.resolve("touchpoints/dt=2026-11-01/part-0.jsonl"),
        tp("a1", "2026-11-01", "09", "\"phone\":\"13800138001\",\"crm_id\":\"CRM1\""),
        tp("b1", "2026-11-01", "10", "\"phone\":\"13800138002\",\"app_user_id\":\"U2\""),
        tp("e1", "2026-11-01", "12", "\"email\":\"e9@qq.com\""));
    Rows.writeLines(in.resolve("interactions/dt=2026-11-01/part-0.jsonl"),
        "{\"interaction_id\":\"i1\",\"start_time\":\"2026-11-01T15:00:00+08:00\",\"channel\":\"hotline\","
            + "\"kind\":\"call\",\"phone\":\"13800138001\",\"text\":\"车机又死机了\"}");
    run(config, "2026-11-01");
    String a = oneId("event:a1");
    String b = oneId("event:b1");
    String e = oneId("event:e1");
    assertThat(customers(config)).containsEntry("a1", a).containsEntry("b1", b).containsEntry("e1", e);

    Rows.writeLines(in.resolve("touchpoints/dt=2026-11-02/part-0.jsonl"),
        tp("a2", "2026-11-02", "09", "\"phone\":\"138 0013 8001\""),
        tp("m1", "2026-11-02", "11", "\"crm_id\":\"crm1\",\"app_user_id\":\"U2\""));
    run(config, "2026-11-02");
    assertThat(customers(config)).as("a2 joins A; m1 merges B into the older A")
        .containsEntry("a1", a).containsEntry("a2", a).containsEntry("b1", a).containsEntry("m1", a)
        .containsEntry("e1", e);
    Dataset<Row> mergeLog = spark.read().format("delta").load(config.paths().warehouse() + "/cdp/merge_log");
    assertThat(Rows.of(mergeLog, "merged_one_id", "surviving_one_id", "dt", "via_id_type", "via_id_hash", "rule"))
        .as("one merge, through the app user id that m1 shares with b1")
        .containsExactly(row(b, a, "2026-11-02", "app_user_id", PiiProtection.hash(key, "app_user_id", "U2"),
            "identifier_match"));

    run(config, "2026-11-02");
    assertThat(customers(config)).as("rerunning the day changes nothing").containsEntry("b1", a).hasSize(5);
    assertThat(mergeLog.count()).as("and logs no second merge").isEqualTo(1);

    Warehouse warehouse = new Warehouse(config.paths().warehouse());
    IdentityOverrides.add(spark, warehouse, "never_link", "crm_id", PiiProtection.hash(key, "crm_id", "CRM1"),
        "app_user_id", PiiProtection.hash(key, "app_user_id", "U2"), "two people, one family account", "steward");
    Rows.writeLines(in.resolve("touchpoints/dt=2026-11-03/part-0.jsonl"),
        tp("c3", "2026-11-03", "09", "\"email\":\"c3@qq.com\""));
    run(config, "2026-11-03");
    assertThat(customers(config)).as("never_link splits A; B's side takes its own id again")
        .containsEntry("a1", a).containsEntry("a2", a).containsEntry("m1", a)
        .containsEntry("b1", b).containsEntry("e1", e);

    Rows.writeLines(in.resolve("touchpoints/dt=2026-11-04/part-0.jsonl"),
        tp("d4", "2026-11-04", "09", "\"app_user_id\":\"U2\",\"crm_id\":\"CRM1\""));
    run(config, "2026-11-04");
    assertThat(customers(config)).as("the split sticks when new data links the two again")
        .containsEntry("a1", a).containsEntry("b1", b).containsEntry("d4", a);

    IdentityOverrides.add(spark, warehouse, "always_link", "phone", PiiProtection.hash(key, "phone", "+8613800138001"),
        "email", PiiProtection.hash(key, "email", "e9@qq.com"), "same person, confirmed by phone", "steward");
    Rows.writeLines(in.resolve("touchpoints/dt=2026-11-05/part-0.jsonl"),
        tp("f5", "2026-11-05", "09", "\"email\":\"f5@qq.com\""));
    run(config, "2026-11-05");
    assertThat(customers(config)).as("always_link merges E into the older A")
        .containsEntry("e1", a).containsEntry("a1", a).containsEntry("b1", b);
    assertThat(Rows.of(mergeLog.where(col("dt").equalTo("2026-11-05")), "merged_one_id", "surviving_one_id",
        "via_id_type", "rule"))
        .containsExactly(row(e, a, "email", "always_link"));
    assertThat(Rows.of(spark.read().format("delta").load(config.paths().warehouse() + "/cdp/customer_profile")
        .where(col("one_id").isin(a, b)), "one_id", "events"))
        .as("profiles follow").containsExactlyInAnyOrder(row(a, 5L), row(b, 1L));
    assertThat(List.of(spark.read().format("delta").load(config.paths().warehouse() + "/cdp/identity_links")
        .where(col("one_id").equalTo(b)).count())).containsExactly(2L);
  }
}
