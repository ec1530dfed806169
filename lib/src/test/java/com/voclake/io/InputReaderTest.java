package com.voclake.io;

import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.VoclakeException;
import com.voclake.config.VoclakeConfig;
import com.voclake.pipeline.RunContext;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class InputReaderTest {
  private final SparkSession spark;

  InputReaderTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void quarantinesEachBadTouchpointWithItsReasonAndKeepsTheRest(@TempDir Path tmp) {
    Rows.writeLines(tmp.resolve("in/touchpoints/dt=2026-11-17/part-0.jsonl"),
        "{\"event_id\":\"e1\",\"event_time\":\"2026-11-17T09:30:00+08:00\",\"channel\":\"app\",\"phone\":\"13800138000\",\"birth_year\":\"1988\"}",
        "{\"event_id\":\"e2\",\"event_time\":\"2026-11-17T10:00:00+08:00\",\"channel\":\"web\",\"email\":\"a@b.cn\",\"birth_year\":\"unknown\"}",
        "{\"event_id\":\"e3\",\"event_time\":\"2026-02-30T10:00:00+08:00\",\"channel\":\"web\",\"email\":\"a@b.cn\"}",
        "{\"event_id\":\"e4\",\"event_time\":\"2026-11-17T10:00:00+08:00\",\"channel\":\"web\"",
        "",
        "{\"event_time\":\"2026-11-17T10:00:00+08:00\",\"channel\":\"web\",\"email\":\"c@d.cn\"}",
        "{\"event_id\":\"e5\",\"event_time\":\"2026-11-17T10:00:00+08:00\",\"channel\":\"web\"}");
    Rows.writeLines(tmp.resolve("in/touchpoints/dt=2026-11-18/part-0.jsonl"),
        "{\"event_id\":\"e1\",\"event_time\":\"2026-11-17T09:30:00+08:00\",\"channel\":\"app\",\"phone\":\"13800138000\"}",
        "{\"event_id\":\"e6\",\"event_time\":\"2031-01-01T10:00:00+08:00\",\"channel\":\"app\",\"phone\":\"13800138001\"}");
    Rows.writeLines(tmp.resolve("in/touchpoints/dt=2026-11-19/part-0.jsonl"),
        "{\"event_id\":\"e9\",\"event_time\":\"2026-11-19T09:30:00+08:00\",\"channel\":\"app\",\"phone\":\"13800138000\"}");
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    RunContext ctx = RunContext.start("identity", LocalDate.parse("2026-11-18"), config);

    InputReader.Batch batch = InputReader.read(spark, ctx, InputReader.Source.TOUCHPOINTS, null, "2026-11-18");

    assertThat(batch.recordsIn()).as("non-blank lines up to 2026-11-18").isEqualTo(8);
    assertThat(batch.recordsOut() + batch.quarantined()).isEqualTo(batch.recordsIn());
    assertThat(Rows.of(batch.records(), "event_id", "birth_year", "dt", "cast(event_time as string)"))
        .as("good records, typed; an unreadable birth year becomes null, not a reject")
        .containsExactlyInAnyOrder(
            row("e1", 1988, "2026-11-17", "2026-11-17 09:30:00"),
            row("e2", null, "2026-11-17", "2026-11-17 10:00:00"));
    assertThat(Rows.of(spark.read().format("delta").load(config.paths().warehouse() + "/quarantine/touchpoints"),
        "record_id", "reason", "run_id = '" + ctx.runId() + "'"))
        .containsExactlyInAnyOrder(
            row("e3", RejectReason.INVALID_TIME, true),
            row(null, RejectReason.MALFORMED_JSON, true),
            row(null, RejectReason.MISSING_ID, true),
            row("e5", RejectReason.NO_IDENTIFIER, true),
            row("e1", RejectReason.DUPLICATE_ID, true),
            row("e6", RejectReason.FUTURE_TIME, true));

    assertThat(Rows.filesPerFolder(spark.read().format("delta").load(config.paths().warehouse() + "/quarantine/touchpoints")))
        .as("one file per landing date").isEqualTo(Map.of("dt=2026-11-17", 1L, "dt=2026-11-18", 1L));

    // Rerunning the same date replaces its quarantine rows instead of adding to them.
    InputReader.read(spark, RunContext.start("identity", LocalDate.parse("2026-11-18"), config),
        InputReader.Source.TOUCHPOINTS, null, "2026-11-18");
    assertThat(spark.read().format("delta").load(config.paths().warehouse() + "/quarantine/touchpoints").count())
        .isEqualTo(6);
  }

  @Test
  void interactionsNeedTextOrACustomerTurnWithText(@TempDir Path tmp) {
    Rows.writeLines(tmp.resolve("in/interactions/dt=2026-11-18/a.jsonl"),
        "{\"interaction_id\":\"i1\",\"start_time\":\"2026-11-18T09:00:00+08:00\",\"channel\":\"hotline\",\"kind\":\"call\",\"turns\":[{\"speaker\":\"Customer \",\"offset_s\":3,\"text\":\"车机又死机了\"}]}",
        "{\"interaction_id\":\"i2\",\"start_time\":\"2026-11-18T09:00:00+08:00\",\"channel\":\"app\",\"kind\":\"review\",\"text\":\"  \",\"rating\":\"5\"}",
        "{\"interaction_id\":\"i3\",\"start_time\":\"2026-11-18T09:00:00+08:00\",\"channel\":\"app\",\"kind\":\"review\",\"text\":\"续航很扎实\",\"rating\":\"4\"}");
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    RunContext ctx = RunContext.start("enrich", LocalDate.parse("2026-11-18"), config);

    InputReader.Batch batch = InputReader.read(spark, ctx, InputReader.Source.INTERACTIONS, "2026-11-18", "2026-11-18");

    assertThat(batch.rejectsByReason()).containsExactly(java.util.Map.entry(RejectReason.NO_TEXT, 1L));
    assertThat(Rows.of(batch.records(), "interaction_id", "rating", "turns[0].speaker", "turns[0].offset_s"))
        .containsExactlyInAnyOrder(row("i1", null, "customer", 3.0), row("i3", 4, null, null));
    assertThat(batch.records().schema()).isEqualTo(InteractionSchema.SCHEMA);
  }

  @Test
  void failFastStopsAtBadRecordsAndNamesTheirIds(@TempDir Path tmp) {
    Rows.writeLines(tmp.resolve("in/interactions/dt=2026-11-18/a.jsonl"),
        "{\"interaction_id\":\"i1\",\"start_time\":\"2026-11-18T09:00:00+08:00\",\"channel\":\"app\",\"text\":\"好\"}",
        "{\"interaction_id\":\"i2\",\"start_time\":\"2026-11-31T09:00:00+08:00\",\"channel\":\"app\",\"text\":\"好\"}");
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    RunContext ctx = RunContext.start("enrich", LocalDate.parse("2026-11-18"),
        config.withRun(config.run().withFailFast(true)));
    assertThatThrownBy(() -> InputReader.read(spark, ctx, InputReader.Source.INTERACTIONS, "2026-11-18", "2026-11-18"))
        .isInstanceOf(VoclakeException.class)
        .hasMessageContaining("--fail-fast: 1 bad interactions records")
        .hasMessageContaining("invalid_time=1")
        .hasMessageContaining("[i2]");
  }

  @Test
  void missingDateFailsWithAMessageThatNamesTheFolder(@TempDir Path tmp) {
    Rows.writeLines(tmp.resolve("in/interactions/dt=2026-11-18/a.jsonl"), "{}");
    RunContext ctx = RunContext.start("enrich", LocalDate.parse("2026-11-19"),
        TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh")));
    assertThatThrownBy(() -> InputReader.read(spark, ctx, InputReader.Source.INTERACTIONS, "2026-11-19", "2026-11-19"))
        .isInstanceOf(VoclakeException.class)
        .hasMessageContaining("No interactions landed for 2026-11-19")
        .hasMessageContaining("dt=2026-11-19");
  }
}
