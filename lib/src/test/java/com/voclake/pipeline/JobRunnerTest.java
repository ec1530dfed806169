package com.voclake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.config.VoclakeConfig;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What a run leaves in {@code _runs}, and how {@code runs} reads it back. */
@ExtendWith(SparkExtension.class)
class JobRunnerTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");

  private static Map<String, Stage> stages(Stage... list) {
    Map<String, Stage> out = new LinkedHashMap<>();
    String[] names = {"identity", "enrich", "publish"};
    for (int i = 0; i < list.length; i++) {
      out.put(names[i], list[i]);
    }
    return out;
  }

  private static Stage counts(String name, long in, long out, long quarantined) {
    return (spark, ctx) -> new StageResult(name, in, out, quarantined, 0.5, Map.of("customers", 3L));
  }

  @Test
  void aRunRecordsItsStagesApplicationAndCodeVersion(SparkSession spark, @TempDir Path tmp) {
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    RunContext ctx = RunContext.start("daily", DAY, config);
    JobRunner.run(spark, ctx, stages(counts("identity", 10, 9, 1), counts("enrich", 4, 4, 0)));

    List<Row> runs = spark.read().format("delta").load(ctx.warehouse().runs()).collectAsList();
    assertThat(runs).hasSize(1);
    Row run = runs.get(0);
    assertThat(List.of(run.getAs(RunLogSchema.RUN_ID), run.getAs(RunLogSchema.JOB), run.getAs(RunLogSchema.DT),
        run.getAs(RunLogSchema.STATUS), run.getAs(RunLogSchema.SPARK_APP_ID), run.getAs(RunLogSchema.CODE_VERSION)))
        .as("run id, job, date, status, Spark application id, code version")
        .containsExactly(ctx.runId(), "daily", "2026-11-20", RunLogSchema.SUCCEEDED,
            spark.sparkContext().applicationId(), BuildInfo.codeVersion());
    assertThat(Rows.of(spark.read().format("delta").load(ctx.warehouse().runs())
            .selectExpr("explode(stages) AS s"), "s.stage", "s.records_in", "s.records_out", "s.quarantined"))
        .containsExactly(Rows.row("identity", 10L, 9L, 1L), Rows.row("enrich", 4L, 4L, 0L));
    assertThat(run.<java.sql.Timestamp>getAs(RunLogSchema.FINISHED_AT))
        .isAfterOrEqualTo(run.<java.sql.Timestamp>getAs(RunLogSchema.STARTED_AT));
  }

  @Test
  void aFailedStageIsRecordedAndItsErrorPropagates(SparkSession spark, @TempDir Path tmp) {
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    RunContext ctx = RunContext.start("daily", DAY, config);
    Stage broken = (s, c) -> {
      throw new IllegalStateException("enrich broke");
    };
    assertThatThrownBy(() -> JobRunner.run(spark, ctx, stages(counts("identity", 10, 9, 1), broken)))
        .hasMessage("enrich broke");

    List<RunLog.Entry> entries = RunLog.latest(spark, ctx.warehouse(), 5, Optional.empty());
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).status()).isEqualTo(RunLogSchema.FAILED);
    assertThat(entries.get(0).error()).isEqualTo("IllegalStateException: enrich broke");
    assertThat(entries.get(0).stages()).extracting(StageResult::stage).as("the stages that finished")
        .containsExactly("identity");
    assertThat(RunLog.table(entries, ZoneId.of("UTC"))).contains("    error: IllegalStateException: enrich broke");
  }

  /** A {@code _runs} written before spark_app_id and code_version existed takes them on the next run. */
  @Test
  void anOlderRunsTableGainsTheNewColumns(SparkSession spark, @TempDir Path tmp) {
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    RunContext old = RunContext.start("enrich", DAY.minusDays(1), config);
    StructType oldSchema = new StructType(java.util.Arrays.stream(RunLogSchema.SCHEMA.fields())
        .filter(f -> !f.name().equals(RunLogSchema.SPARK_APP_ID) && !f.name().equals(RunLogSchema.CODE_VERSION))
        .toArray(org.apache.spark.sql.types.StructField[]::new));
    Row oldRow = RowFactory.create(old.runId(), "enrich", old.dt(), RunLogSchema.SUCCEEDED,
        java.sql.Timestamp.from(java.time.Instant.parse("2026-11-20T03:00:00Z")),
        java.sql.Timestamp.from(java.time.Instant.parse("2026-11-20T03:01:00Z")), 60.0,
        scala.jdk.javaapi.CollectionConverters.asScala(List.<Row>of()).toSeq(), null);
    spark.createDataFrame(List.of(oldRow), oldSchema).write().format("delta").save(old.warehouse().runs());

    RunContext ctx = RunContext.start("daily", DAY, config);
    JobRunner.run(spark, ctx, stages(counts("identity", 1, 1, 0)));

    List<RunLog.Entry> entries = RunLog.latest(spark, ctx.warehouse(), 5, Optional.empty());
    assertThat(entries).extracting(RunLog.Entry::runId).as("newest first").containsExactly(ctx.runId(), old.runId());
    assertThat(entries.get(0).codeVersion()).isEqualTo(BuildInfo.codeVersion());
    assertThat(entries.get(1).sparkAppId()).as("an old row has no application id").isNull();

    String table = RunLog.table(entries, ZoneId.of("Asia/Shanghai"));
    assertThat(table.lines().toList()).as(table).hasSize(5);
    assertThat(table).contains("daily     2026-11-20  succeeded", "identity 1/1/0",
        "    run " + ctx.runId() + "  app " + spark.sparkContext().applicationId() + "  code " + BuildInfo.codeVersion(),
        "2026-11-20 11:00:00  enrich    2026-11-19  succeeded", "    run " + old.runId() + "  app -  code -");
    assertThat(RunLog.latest(spark, ctx.warehouse(), 5, Optional.of("enrich"))).extracting(RunLog.Entry::runId)
        .containsExactly(old.runId());
  }

  @Test
  void noRunsTableMeansNoRuns(SparkSession spark, @TempDir Path tmp) {
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    assertThat(RunLog.latest(spark, RunContext.start("daily", DAY, config).warehouse(), 5, Optional.empty()))
        .isEmpty();
  }
}
