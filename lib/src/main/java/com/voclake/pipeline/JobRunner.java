package com.voclake.pipeline;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the stages of one job in order, logs a summary line per stage and a table at the end, and
 * records the run in {@code _runs}, failed runs included. A failing stage stops the job and its
 * exception propagates (so the process exits non-zero); the stages after it do not run.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private JobRunner() {}

  /** Runs {@code stages} (name → stage, in insertion order) for {@code ctx} and returns their results. */
  public static List<StageResult> run(SparkSession spark, RunContext ctx, Map<String, Stage> stages) {
    Instant started = Instant.now();
    List<StageResult> results = new ArrayList<>();
    LOG.info("Run {}: job {} for {} ({} stage(s): {}), Spark application {}, code {}", ctx.runId(), ctx.job(),
        ctx.dt(), stages.size(), String.join(" -> ", stages.keySet()), spark.sparkContext().applicationId(),
        BuildInfo.codeVersion());
    // What the run's stages materialize (its input, intermediate tables) is released when it ends.
    try (Checkpoints.Scope scope = Checkpoints.scope()) {
      for (Map.Entry<String, Stage> stage : stages.entrySet()) {
        LOG.info("Stage {} started", stage.getKey());
        long t0 = System.nanoTime();
        StageResult result = stage.getValue().run(spark, ctx);
        results.add(result);
        LOG.info("Stage {} finished in {}s: {}", stage.getKey(),
            String.format("%.1f", (System.nanoTime() - t0) / 1e9), result.summary());
      }
    } catch (RuntimeException e) {
      record(spark, ctx, started, results, RunLogSchema.FAILED, e);
      throw e;
    }
    record(spark, ctx, started, results, RunLogSchema.SUCCEEDED, null);
    LOG.info("Run {} succeeded in {}s\n{}", ctx.runId(),
        String.format("%.1f", (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0),
        summaryTable(results));
    return results;
  }

  /** A plain-text table of the stages' figures, for the end of the log. */
  public static String summaryTable(List<StageResult> results) {
    StringBuilder out = new StringBuilder(String.format("  %-9s %12s %12s %12s %8s%n",
        "stage", "records in", "records out", "quarantined", "seconds"));
    for (StageResult r : results) {
      out.append(String.format("  %-9s %12d %12d %12d %8.1f%n", r.stage(), r.recordsIn(), r.recordsOut(),
          r.quarantined(), r.seconds()));
    }
    return out.toString().stripTrailing();
  }

  private static void record(SparkSession spark, RunContext ctx, Instant started, List<StageResult> results,
      String status, RuntimeException error) {
    Instant finished = Instant.now();
    List<Row> stageRows = new ArrayList<>();
    for (StageResult r : results) {
      stageRows.add(RowFactory.create(r.stage(), r.recordsIn(), r.recordsOut(), r.quarantined(), r.seconds(),
          scala.jdk.javaapi.CollectionConverters.asScala(new LinkedHashMap<>(r.figures()))));
    }
    Row run = RowFactory.create(ctx.runId(), ctx.job(), ctx.dt(), status, Timestamp.from(started),
        Timestamp.from(finished), (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0,
        scala.jdk.javaapi.CollectionConverters.asScala(stageRows).toSeq(),
        error == null ? null : error.getClass().getSimpleName() + ": " + error.getMessage(),
        spark.sparkContext().applicationId(), BuildInfo.codeVersion());
    try {
      // mergeSchema: a _runs table written before a column was added takes the new column.
      spark.createDataFrame(List.of(run), RunLogSchema.SCHEMA).write().format("delta").mode(SaveMode.Append)
          .option("mergeSchema", "true").save(ctx.warehouse().runs());
    } catch (RuntimeException e) {
      // The run's own outcome matters more than its log row: never mask the real error with this one.
      LOG.warn("Could not record run {} in {}: {}", ctx.runId(), ctx.warehouse().runs(), e.getMessage());
      if (error != null) {
        error.addSuppressed(e);
      } else {
        throw e;
      }
    }
  }
}
