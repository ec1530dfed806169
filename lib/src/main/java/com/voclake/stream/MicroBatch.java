package com.voclake.stream;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.VoclakeConfig;
import com.voclake.identity.IdentityJob;
import com.voclake.increment.BatchInput;
import com.voclake.increment.BatchScope;
import com.voclake.increment.IncrementId;
import com.voclake.io.InputValidation;
import com.voclake.io.Source;
import com.voclake.io.TouchpointSchema;
import com.voclake.io.ValidatedInput;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.Checkpoints;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.text.EnrichJob;
import java.time.LocalDate;
import java.time.ZoneId;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * One micro-batch of the core query, the stream's unit of work: the batch's lines validated
 * ({@link InputValidation}: in-batch duplicates of an id are marked there, before anything
 * merges), identity ({@link IdentityJob#apply}) and enrichment ({@link EnrichJob#apply}) as two
 * increments of the increment core with ids {@code stream-<query>/identity} and
 * {@code stream-<query>/enrich} at the batch id, then the batch's alerts
 * ({@link StreamAlerting}). A batch Spark runs again after a crash finds its increments in the log
 * (committed: nothing to do; claimed: finished from their staged changes) and computes the same
 * alerts. Its quarantine rows carry the run id {@code stream-<query>-<batch id>}.
 */
final class MicroBatch implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;

  private final transient VoclakeConfig config;
  private final transient StreamAlerting alerting;
  private final transient BatchGate gate;
  private final transient StreamProgress progress;

  MicroBatch(VoclakeConfig config, StreamAlerting alerting, BatchGate gate, StreamProgress progress) {
    this.config = config;
    this.alerting = alerting;
    this.gate = gate;
    this.progress = progress;
  }

  /** The application of the query's increments of {@code stage}. */
  static String app(String query, String stage) {
    return "stream-" + query + "/" + stage;
  }

  /** The run id a batch files its quarantine rows and alert rows under. */
  static String runId(String query, long batchId) {
    return "stream-" + query + "-" + batchId;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) throws Exception {
    gate.run(() -> process(batch, batchId));
  }

  private void process(Dataset<Row> batch, long batchId) {
    long started = System.nanoTime();
    SparkSession spark = batch.sparkSession();
    String query = config.stream().query();
    Warehouse warehouse = new Warehouse(config.paths().warehouse());
    String events = warehouse.streamEvents(query);
    Dataset<Row> lines = batch.persist();
    try (Checkpoints.Scope scope = Checkpoints.scope()) {
      LocalDate date = date(lines);
      RunContext ctx = new RunContext(runId(query, batchId), "stream", date, config);
      BatchInput input = BatchInput.of(BatchScope.records(date), validate(lines, Source.TOUCHPOINTS),
          validate(lines, Source.INTERACTIONS), config.run().failFast());
      IdentityJob.Outcome identity = IdentityJob.apply(spark, ctx, new IncrementId(app(query, IdentityJob.STAGE),
          batchId), input);
      long enrichStarted = System.nanoTime();
      StageResult enrich = EnrichJob.apply(spark, ctx, new IncrementId(app(query, EnrichJob.STAGE), batchId),
          identity.input(), false, StreamEvents.stagedInto(events, batchId));
      long alertsStarted = System.nanoTime();
      StreamAlerting.Outcome alerts = alerting.afterBatch(spark, warehouse, StreamEvents.ofBatch(spark, events, batchId),
          ctx.runId());
      long finished = System.nanoTime();
      StageResult id = identity.result();
      progress.record(batchId, new StreamProgress.Batch(input.counts().recordsIn(), id.recordsOut(),
          id.quarantined() + enrich.quarantined(), id.figures().getOrDefault("customers_touched", 0L),
          enrich.recordsOut(), alerts.firing(), alerts.conversations(), alerts.notifications(),
          id.figures().getOrDefault("replayed", 0L) + enrich.figures().getOrDefault("replayed", 0L) > 0,
          seconds(started, finished), seconds(started, enrichStarted), seconds(enrichStarted, alertsStarted),
          seconds(alertsStarted, finished)));
    } finally {
      lines.unpersist();
    }
  }

  private static double seconds(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1e9;
  }

  private ValidatedInput validate(Dataset<Row> lines, Source source) {
    return InputValidation.validate(lines.where(col(StreamSources.SOURCE).equalTo(source.folder()))
        .select(InputValidation.RAW, TouchpointSchema.DT), source, config.run());
  }

  /** The batch's newest landing date: the date its increments are filed under (today when none). */
  private LocalDate date(Dataset<Row> lines) {
    Row newest = lines.agg(functions.max(col(TouchpointSchema.DT))).first();
    String dt = newest.isNullAt(0) ? "" : newest.getString(0);
    return dt.matches("\\d{4}-\\d{2}-\\d{2}") ? LocalDate.parse(dt) : LocalDate.now(ZoneId.of(config.run().timeZone()));
  }
}
