package com.voclake.pipeline;

import static org.apache.spark.sql.functions.col;

import com.voclake.io.HadoopFiles;
import com.voclake.io.Warehouse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads {@code _runs} back for operators: the last runs, newest first, as a plain-text table. */
public final class RunLog {
  private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private RunLog() {}

  /** One run as the table shows it. */
  public record Entry(String runId, String job, String dt, String status, Instant startedAt,
      double seconds, List<StageResult> stages, String error, String sparkAppId, String codeVersion) {}

  /** The newest {@code limit} runs (of {@code job} when given), newest first; empty without a {@code _runs}. */
  public static List<Entry> latest(SparkSession spark, Warehouse warehouse, int limit, Optional<String> job) {
    if (!HadoopFiles.exists(spark, warehouse.runs())) {
      return List.of();
    }
    Dataset<Row> runs = spark.read().format("delta").load(warehouse.runs());
    if (job.isPresent()) {
      runs = runs.where(col(RunLogSchema.JOB).equalTo(job.get()));
    }
    List<Entry> out = new ArrayList<>();
    for (Row row : runs.orderBy(col(RunLogSchema.STARTED_AT).desc()).limit(limit).collectAsList()) {
      List<StageResult> stages = new ArrayList<>();
      for (Row s : row.<Row>getList(row.fieldIndex(RunLogSchema.STAGES))) {
        stages.add(new StageResult(s.getString(0), s.getLong(1), s.getLong(2), s.getLong(3), s.getDouble(4),
            Map.of()));
      }
      out.add(new Entry(row.getAs(RunLogSchema.RUN_ID), row.getAs(RunLogSchema.JOB), row.getAs(RunLogSchema.DT),
          row.getAs(RunLogSchema.STATUS), row.getTimestamp(row.fieldIndex(RunLogSchema.STARTED_AT)).toInstant(),
          row.getDouble(row.fieldIndex(RunLogSchema.SECONDS)), stages, row.getAs(RunLogSchema.ERROR),
          optional(row, RunLogSchema.SPARK_APP_ID), optional(row, RunLogSchema.CODE_VERSION)));
    }
    return out;
  }

  /**
   * A table of {@code runs}, start times in {@code zone}: a line a run with its stages as
   * {@code name in/out/quarantined}, and below it the run id, Spark application id, code version
   * and, for a failed run, the first line of its error.
   */
  public static String table(List<Entry> runs, ZoneId zone) {
    StringBuilder out = new StringBuilder(String.format("%-19s  %-8s  %-10s  %-9s  %8s  %s%n",
        "started", "job", "date", "status", "seconds", "stages (in/out/quarantined)"));
    for (Entry run : runs) {
      List<String> stages = new ArrayList<>();
      for (StageResult s : run.stages()) {
        stages.add(String.format("%s %d/%d/%d", s.stage(), s.recordsIn(), s.recordsOut(), s.quarantined()));
      }
      out.append(String.format("%-19s  %-8s  %-10s  %-9s  %8.1f  %s%n", STARTED.format(run.startedAt().atZone(zone)),
          run.job(), run.dt(), run.status(), run.seconds(), stages.isEmpty() ? "-" : String.join(", ", stages)));
      out.append(String.format("    run %s  app %s  code %s", run.runId(), orDash(run.sparkAppId()),
          orDash(run.codeVersion())));
      if (run.error() != null) {
        out.append("\n    error: ").append(run.error().lines().findFirst().orElse(""));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** A column added to {@code _runs} later: absent until a run of this version appended to the table. */
  private static String optional(Row row, String column) {
    return Arrays.asList(row.schema().fieldNames()).contains(column) ? row.getAs(column) : null;
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
