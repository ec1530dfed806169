package com.voclake.identity;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.VoclakeException;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that stops after committing the state but before the tables derived from it: the next run
 * notices and rebuilds, instead of leaving rows that no incremental run revisits.
 */
@ExtendWith(SparkExtension.class)
class UnfinishedRunTest {
  private static final List<String> DERIVED = List.of("cdp/customer_journey", "cdp/identity_links",
      "cdp/customer_profile", "cdp/merge_log");
  private final SparkSession spark;

  UnfinishedRunTest(SparkSession spark) {
    this.spark = spark;
  }

  private static String tp(String id, String day, String hour, String fields) {
    return WebLeads.line(id, day, hour, fields);
  }

  private StageResult run(VoclakeConfig config, String day) {
    return IdentityJob.run(spark, RunContext.start("identity", LocalDate.parse(day), config));
  }

  private Map<String, List<List<Object>>> derived(VoclakeConfig config) {
    Map<String, List<List<Object>>> rows = new HashMap<>();
    for (String table : DERIVED) {
      List<List<Object>> r = Rows.of(spark.read().format("delta").load(config.paths().warehouse() + "/" + table)
          .drop("merged_at", "run_id"));
      r.sort(java.util.Comparator.comparing(Object::toString));
      rows.put(table, r);
    }
    return rows;
  }

  private String customerOf(VoclakeConfig config, String eventId) {
    return spark.read().format("delta").load(config.paths().warehouse() + "/cdp/customer_journey")
        .where(col("event_id").equalTo(eventId)).first().getString(3);
  }

  /**
   * Day 1, then day 2 (m1 merges b1's customer into a1's), then what a crash right after day 2's
   * state commit leaves: the state and its start mark of day 2, everything derived as of day 1.
   *
   * @param a the customer of a1 (and of b1 after day 2)
   * @param expected the derived tables as the finished day 2 left them
   * @param dayOneState the state's version after day 1, which day 2 resolved against
   */
  private record Crashed(VoclakeConfig config, Warehouse warehouse, String state, String dayOneRun,
      long dayOneState, String a, Map<String, List<List<Object>>> expected) {}

  private Crashed dayTwoStopsAfterTheState(Path tmp) {
    Path in = tmp.resolve("in");
    VoclakeConfig config = TestConfigs.local(in, tmp.resolve("wh"));
    Warehouse warehouse = new Warehouse(config.paths().warehouse());
    String state = IdentityRecordsSchema.path(warehouse);
    Rows.writeLines(in.resolve("touchpoints/dt=2026-11-01/part-0.jsonl"),
        tp("a1", "2026-11-01", "09", "\"phone\":\"13800138001\",\"crm_id\":\"CRM1\""),
        tp("b1", "2026-11-01", "10", "\"phone\":\"13800138002\",\"app_user_id\":\"U2\""));
    Rows.writeLines(in.resolve("interactions/dt=2026-11-01/part-0.jsonl"),
        "{\"interaction_id\":\"i1\",\"start_time\":\"2026-11-01T15:00:00+08:00\",\"channel\":\"hotline\","
            + "\"kind\":\"call\",\"phone\":\"13800138002\",\"text\":\"车机又死机了\"}");
    run(config, "2026-11-01");
    String dayOneRun = RunMarks.property(spark, state, RunMarks.COMPLETED);
    assertThat(dayOneRun).isEqualTo(RunMarks.property(spark, state, RunMarks.STARTED)).isNotNull();
    long dayOneState = DeltaTable.forPath(spark, state).history(1).first().getLong(0);
    Map<String, Long> dayOneVersions = new HashMap<>();
    for (String table : DERIVED) {
      dayOneVersions.put(table, DeltaTable.forPath(spark, config.paths().warehouse() + "/" + table).history(1)
          .first().getLong(0));
    }

    Rows.writeLines(in.resolve("touchpoints/dt=2026-11-02/part-0.jsonl"),
        tp("m1", "2026-11-02", "11", "\"crm_id\":\"crm1\",\"app_user_id\":\"U2\""));
    StageResult clean = run(config, "2026-11-02");
    assertThat(clean.figures()).containsEntry("recovered_unfinished_run", 0L).containsEntry("full_rebuild", 0L);
    String a = customerOf(config, "a1");
    assertThat(customerOf(config, "b1")).as("m1 merges b1's customer into a1's, the older").isEqualTo(a);
    Map<String, List<List<Object>>> expected = derived(config);

    for (String table : DERIVED) {
      spark.sql("RESTORE TABLE delta.`" + config.paths().warehouse() + "/" + table + "` TO VERSION AS OF "
          + dayOneVersions.get(table));
    }
    spark.sql("ALTER TABLE delta.`" + state + "` SET TBLPROPERTIES ('" + RunMarks.COMPLETED + "' = '" + dayOneRun
        + "')");
    assertThat(customerOf(config, "b1")).isNotEqualTo(a);
    assertThat(RunMarks.unfinished(spark, warehouse)).isPresent();
    return new Crashed(config, warehouse, state, dayOneRun, dayOneState, a, expected);
  }

  @Test
  void aRunAfterACrashBetweenStateAndDerivedTablesRebuildsThem(@TempDir Path tmp) {
    Crashed crashed = dayTwoStopsAfterTheState(tmp);
    VoclakeConfig config = crashed.config();
    Warehouse warehouse = crashed.warehouse();
    String state = crashed.state();
    String dayOneRun = crashed.dayOneRun();
    String a = crashed.a();
    Map<String, List<List<Object>>> expected = crashed.expected();
    Path in = tmp.resolve("in");

    StageResult rerun = run(config, "2026-11-02");
    assertThat(rerun.figures()).containsEntry("recovered_unfinished_run", 1L).containsEntry("full_rebuild", 1L);
    assertThat(customerOf(config, "b1")).isEqualTo(a);
    assertThat(derived(config)).isEqualTo(expected);
    assertThat(RunMarks.unfinished(spark, warehouse)).isEmpty();

    // A crash after every write but before the end mark: the rebuild logs the merge once, not twice.
    String rerunId = RunMarks.property(spark, state, RunMarks.STARTED);
    spark.sql("ALTER TABLE delta.`" + state + "` SET TBLPROPERTIES ('" + RunMarks.COMPLETED + "' = '" + dayOneRun
        + "')");
    assertThat(RunMarks.unfinished(spark, warehouse)).get().extracting(RunMarks.Unfinished::runId).isEqualTo(rerunId);
    // Erasure now would vacuum the files of the version the rebuild reads: refused, nothing touched.
    GivenIdentifier customerA = GivenIdentifier.of(config, "one_id", a);
    assertThat(Forget.run(spark, RunContext.start("forget", LocalDate.parse("2026-11-02"), config), customerA, true)
        .notes()).anyMatch(n -> n.contains("half-written"));
    assertThatThrownBy(() -> Forget.run(spark, RunContext.start("forget", LocalDate.parse("2026-11-02"), config),
        customerA, false)).isInstanceOf(VoclakeException.class).hasMessageContaining("run the identity job again");
    assertThat(derived(config)).isEqualTo(expected);
    assertThat(run(config, "2026-11-02").figures()).containsEntry("recovered_unfinished_run", 1L);
    assertThat(derived(config)).isEqualTo(expected);

    Rows.writeLines(in.resolve("touchpoints/dt=2026-11-03/part-0.jsonl"),
        tp("a3", "2026-11-03", "09", "\"phone\":\"13800138001\""));
    assertThat(run(config, "2026-11-03").figures()).as("and the next day is incremental again")
        .containsEntry("recovered_unfinished_run", 0L).containsEntry("full_rebuild", 0L);
    assertThat(customerOf(config, "a3")).isEqualTo(a);
  }

  @Test
  void aRecoveryAfterTheOldStateWasVacuumedResolvesAgainstTheStateAsTheRunLeftIt(@TempDir Path tmp) {
    Crashed crashed = dayTwoStopsAfterTheState(tmp);
    String state = crashed.state();
    // Days later, routine maintenance rewrites the state's files and vacuums the old ones: the
    // version day 2 started from can no longer be read.
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    try {
      spark.sql("REORG TABLE delta.`" + state + "` APPLY (PURGE)");
      spark.sql("VACUUM delta.`" + state + "` RETAIN 0 HOURS");
    } finally {
      spark.conf().unset("spark.databricks.delta.retentionDurationCheck.enabled");
    }
    assertThat(DeltaTables.versionReadable(spark, state, crashed.dayOneState())).isFalse();
    assertThat(DeltaTables.versionReadable(spark, state,
        DeltaTable.forPath(spark, state).history(1).first().getLong(0))).isTrue();

    StageResult rerun = run(crashed.config(), "2026-11-02");
    assertThat(rerun.figures()).containsEntry("recovered_unfinished_run", 1L).containsEntry("full_rebuild", 1L);
    assertThat(customerOf(crashed.config(), "b1")).isEqualTo(crashed.a());
    assertThat(RunMarks.unfinished(spark, crashed.warehouse())).isEmpty();
    // Every derived table as day 2 would have left it, but the merge that day 2 found and had not
    // logged yet: the state it was found against is gone.
    Map<String, List<List<Object>>> rebuilt = derived(crashed.config());
    for (String table : DERIVED) {
      if (!table.equals("cdp/merge_log")) {
        assertThat(rebuilt.get(table)).as(table).isEqualTo(crashed.expected().get(table));
      }
    }
    assertThat(crashed.expected().get("cdp/merge_log")).hasSize(1);
    assertThat(rebuilt.get("cdp/merge_log")).isEmpty();
  }
}
