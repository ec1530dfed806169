package com.voclake.identity;

import static com.voclake.testing.Rows.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.VoclakeConfig;
import com.voclake.increment.BatchScope;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pure identity step on in-memory frames ({@link CdpInMemory}): stable one_ids, merges,
 * overrides, duplicates and what a batch replaces, increment after increment, without files.
 */
@ExtendWith(SparkExtension.class)
class IdentityIncrementTest {
  private final SparkSession spark;
  private final VoclakeConfig config;

  IdentityIncrementTest(SparkSession spark) {
    this.spark = spark;
    this.config = TestConfigs.local(Path.of("unused-input"), Path.of("unused-warehouse"));
  }

  private static String tp(String id, String day, String hour, String fields) {
    return WebLeads.line(id, day, hour, fields);
  }

  private static String call(String id, String day, String fields) {
    return "{\"interaction_id\":\"" + id + "\",\"start_time\":\"" + day + "T15:00:00+08:00\",\"channel\":\"hotline\","
        + "\"kind\":\"call\"," + fields + ",\"text\":\"车机又死机了\"}";
  }

  private static String oneId(String recordKey) throws Exception {
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(recordKey.getBytes(StandardCharsets.UTF_8));
    return "C" + HexFormat.of().formatHex(sha).substring(0, 16);
  }

  @Test
  void idsSurviveNewRecordsMergesKeepTheOlderIdAndOverridesStick() throws Exception {
    CdpInMemory cdp = new CdpInMemory(spark, config);
    byte[] key = cdp.key();
    cdp.apply("2026-11-01", List.of(
        tp("a1", "2026-11-01", "09", "\"phone\":\"13800138001\",\"crm_id\":\"CRM1\""),
        tp("b1", "2026-11-01", "10", "\"phone\":\"13800138002\",\"app_user_id\":\"U2\""),
        tp("e1", "2026-11-01", "12", "\"email\":\"e9@qq.com\"")),
        List.of(call("i1", "2026-11-01", "\"phone\":\"13800138001\"")));
    String a = oneId("event:a1");
    String b = oneId("event:b1");
    String e = oneId("event:e1");
    assertThat(cdp.customers()).containsEntry("a1", a).containsEntry("i1", a).containsEntry("b1", b)
        .containsEntry("e1", e);

    cdp.apply("2026-11-02", List.of(
        tp("a2", "2026-11-02", "09", "\"phone\":\"138 0013 8001\""),
        tp("m1", "2026-11-02", "11", "\"crm_id\":\"crm1\",\"app_user_id\":\"U2\"")), List.of());
    assertThat(cdp.customers()).as("a2 joins A; m1 merges B into the older A")
        .containsEntry("a1", a).containsEntry("a2", a).containsEntry("b1", a).containsEntry("m1", a)
        .containsEntry("e1", e);
    assertThat(Rows.of(cdp.merges, "merged_one_id", "surviving_one_id", "dt", "via_id_type", "via_id_hash", "rule"))
        .as("one merge, through the app user id that m1 shares with b1")
        .containsExactly(row(b, a, "2026-11-02", "app_user_id", PiiProtection.hash(key, "app_user_id", "U2"),
            "identifier_match"));
    assertThat(cdp.last.figures()).containsEntry("customers_touched", 2L);

    cdp.apply("2026-11-02", List.of(
        tp("a2", "2026-11-02", "09", "\"phone\":\"138 0013 8001\""),
        tp("m1", "2026-11-02", "11", "\"crm_id\":\"crm1\",\"app_user_id\":\"U2\"")), List.of());
    assertThat(cdp.customers()).as("rerunning the day changes nothing").containsEntry("b1", a).hasSize(6);
    assertThat(cdp.merges.count()).as("and finds no second merge").isEqualTo(1);
    assertThat(cdp.last.records().count()).as("and rewrites only the date's own two records").isEqualTo(2);

    cdp.override("never_link", "crm_id", PiiProtection.hash(key, "crm_id", "CRM1"),
        "app_user_id", PiiProtection.hash(key, "app_user_id", "U2"));
    cdp.apply("2026-11-03", List.of(tp("c3", "2026-11-03", "09", "\"email\":\"c3@qq.com\"")), List.of());
    assertThat(cdp.customers()).as("never_link splits A; B's side takes its own id again")
        .containsEntry("a1", a).containsEntry("a2", a).containsEntry("m1", a)
        .containsEntry("b1", b).containsEntry("e1", e);

    cdp.apply("2026-11-04", List.of(tp("d4", "2026-11-04", "09", "\"app_user_id\":\"U2\",\"crm_id\":\"CRM1\"")),
        List.of());
    assertThat(cdp.customers()).as("the split sticks when new data links the two again")
        .containsEntry("a1", a).containsEntry("b1", b).containsEntry("d4", a);

    cdp.override("always_link", "phone", PiiProtection.hash(key, "phone", "+8613800138001"),
        "email", PiiProtection.hash(key, "email", "e9@qq.com"));
    cdp.apply("2026-11-05", List.of(tp("f5", "2026-11-05", "09", "\"email\":\"f5@qq.com\"")), List.of());
    assertThat(cdp.customers()).as("always_link merges E into the older A")
        .containsEntry("e1", a).containsEntry("a1", a).containsEntry("b1", b);
    assertThat(Rows.of(cdp.merges.where(col("dt").equalTo("2026-11-05")), "merged_one_id", "surviving_one_id",
        "via_id_type", "rule")).containsExactly(row(e, a, "email", "always_link"));
    assertThat(Rows.of(cdp.profiles.where(col("one_id").isin(a, b)), "one_id", "events", "interactions"))
        .as("profiles follow").containsExactlyInAnyOrder(row(a, 5L, 1L), row(b, 1L, 0L));
    assertThat(cdp.links.where(col("one_id").equalTo(b)).count()).isEqualTo(2);
  }

  @Test
  void aRecordLandedAgainOnALaterDayIsADuplicateAndARerunReplacesOnlyItsOwnDate() throws Exception {
    CdpInMemory cdp = new CdpInMemory(spark, config);
    cdp.apply("2026-11-01", List.of(tp("a1", "2026-11-01", "09", "\"phone\":\"13800138001\"")),
        List.of(call("i1", "2026-11-01", "\"phone\":\"13800138001\"")));
    String a = oneId("event:a1");

    IdentityChanges day2 = cdp.apply("2026-11-02", List.of(
        tp("a1", "2026-11-01", "09", "\"phone\":\"13800138001\""),
        tp("a2", "2026-11-02", "09", "\"phone\":\"13800138001\""),
        tp("x2", "2026-11-02", "10", "\"phone\":\"13800138099\"")),
        List.of(call("i1", "2026-11-01", "\"phone\":\"13800138001\"")));
    assertThat(Rows.of(day2.duplicates(), "record_type", "record_id"))
        .as("landed on 11-01 already").containsExactlyInAnyOrder(row("event", "a1"), row("interaction", "i1"));
    assertThat(Rows.of(cdp.journey.where(col("event_id").equalTo("a1").or(col("interaction_id").equalTo("i1"))),
        "dt")).as("kept once, under the date it first landed").containsExactly(row("2026-11-01"), row("2026-11-01"));
    assertThat(Rows.of(cdp.profiles.where(col("one_id").equalTo(a)), "events", "interactions"))
        .as("counted once").containsExactly(row(2L, 1L));

    cdp.apply("2026-11-02", List.of(tp("a2", "2026-11-02", "09", "\"phone\":\"13800138001\"")), List.of());
    assertThat(cdp.customers()).as("the rerun of 11-02 without x2 removes x2 and keeps 11-01")
        .containsOnlyKeys("a1", "i1", "a2");
    assertThat(cdp.links.where(col("id_masked").equalTo("138****8099")).count()).as("x2's phone is gone").isZero();

    cdp.apply(BatchScope.Kind.RECORDS, "2026-11-02", List.of(tp("b2", "2026-11-02", "11", "\"phone\":\"13800138002\"")),
        List.of());
    IdentityChanges second = cdp.apply(BatchScope.Kind.RECORDS, "2026-11-02",
        List.of(tp("b3", "2026-11-02", "12", "\"phone\":\"13800138002\""),
            tp("b2", "2026-11-02", "11", "\"phone\":\"13800138002\"")), List.of());
    assertThat(cdp.customers()).as("a second batch of the same date adds to the first")
        .containsEntry("b2", oneId("event:b2")).containsEntry("b3", oneId("event:b2")).containsKey("a2");
    assertThat(Rows.of(second.duplicates(), "record_id")).as("b2 came in the first batch").containsExactly(row("b2"));
  }
}
