package com.voclake.identity;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.IdentityConfig;
import com.voclake.config.PiiConfig;
import com.voclake.increment.BatchInput;
import com.voclake.increment.BatchScope;
import com.voclake.increment.IncrementId;
import com.voclake.increment.Increments;
import com.voclake.increment.Maintenance;
import com.voclake.io.DeltaTables;
import com.voclake.io.ValidatedInput;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code identity} stage: merges touchpoints and interactions into customers (OneID) and keeps
 * {@code cdp/identity_records} (its own state), {@code cdp/customer_journey},
 * {@code cdp/identity_links} and {@code cdp/customer_profile} up to date, appends to
 * {@code cdp/merge_log} and writes the guard rails' findings to {@code quarantine/identity} and the
 * rejected input lines to {@code quarantine/<source>}.
 *
 * <p>One increment of the increment core: read the batch ({@link BatchInput}) → compute its
 * changes ({@link IdentityIncrement}) → stage and commit them ({@link IdentityWrites},
 * {@link Increments}) → report. The batch is the landing date ({@code identity.mode} incremental,
 * the default: a rerun replaces what the date brought before), or everything landed up to the date
 * (a full rebuild: {@code identity.mode = full}, {@code --full}, or the first run on an empty
 * warehouse). A run that stopped half-way is finished by the next writer from its staged changes.
 * Raw identifiers never reach a table or a log line. See {@link IdentityResolution} for the rules.
 */
public final class IdentityJob {
  public static final String STAGE = "identity";

  private static final Logger LOG = LoggerFactory.getLogger(IdentityJob.class);
  private static final AtomicBoolean LOCAL_KEY_WARNED = new AtomicBoolean();
  private static final StructType DUPLICATES = new StructType()
      .add(IdentityRecordsSchema.RECORD_TYPE, DataTypes.StringType)
      .add(IdentityRecordsSchema.RECORD_ID, DataTypes.StringType);

  private IdentityJob() {}

  /**
   * What the stage did, and its input after it: the lines it rejected as duplicates of stored
   * records included, so that enrich analyses the same good records.
   */
  public record Outcome(StageResult result, BatchInput input) {}

  /** Runs the stage for {@code ctx.date()} on its own input; failures propagate with context. */
  public static StageResult run(SparkSession spark, RunContext ctx) {
    return runIncrement(spark, ctx).result();
  }

  /** Runs the stage for {@code ctx.date()} and returns its outcome (for {@code daily}). */
  public static Outcome runIncrement(SparkSession spark, RunContext ctx) {
    long started = System.nanoTime();
    // Without a state the batch is everything landed, a full rebuild, which also holds when an
    // unfinished first increment creates the state before this one computes.
    boolean hasState = DeltaTables.exists(spark, IdentityRecordsSchema.path(ctx.warehouse()));
    boolean full = !hasState || ctx.config().identity().mode().equals(IdentityConfig.FULL);
    BatchScope scope = full ? BatchScope.everything(ctx.date()) : BatchScope.landingDate(ctx.date());
    BatchInput input = BatchInput.landed(spark, ctx.config(), scope);
    Outcome outcome = apply(spark, ctx, new IncrementId(ctx.job() + "/" + STAGE, System.currentTimeMillis()), input);
    LOG.info("{}", outcome.result().summary());
    return new Outcome(outcome.result().withSeconds((System.nanoTime() - started) / 1e9), outcome.input());
  }

  /**
   * Commits the identity increment {@code id} of {@code input}: the step of a daily run and of a
   * stream's micro-batch alike.
   */
  public static Outcome apply(SparkSession spark, RunContext ctx, IncrementId id, BatchInput input) {
    long started = System.nanoTime();
    if (input.counts().recordsIn() == 0 && input.scope().kind() == BatchScope.Kind.RECORDS) {
      // An empty batch of records changes nothing (a landing date's empty batch still replaces
      // what the date brought before).
      return new Outcome(new StageResult(STAGE, 0, 0, 0, (System.nanoTime() - started) / 1e9, Map.of("empty", 1L)),
          input);
    }
    IdentityConfig rules = ctx.config().identity();
    byte[] key = piiKey(ctx.config().pii());
    Warehouse warehouse = ctx.warehouse();
    Dataset<Row> batch = IdentityGraph.records(input.touchpoints().good(), input.interactions().good());
    AtomicReference<BatchInput> after = new AtomicReference<>(input);
    AtomicReference<Long> duplicates = new AtomicReference<>(0L);
    AtomicReference<Map<String, Long>> stepFigures = new AtomicReference<>(Map.of());
    Increments.Committed committed = Increments.commit(spark, warehouse, id, ctx.runId(),
        ctx.config().run().incrementGrace(), staging -> {
      IdentityChanges changes = IdentityIncrement.apply(batch, input.scope(), state(spark, warehouse),
          IdentityOverrides.read(spark, warehouse), rules, key, ctx.date());
      // Few (a batch's records stored before): as a list they outlive the step's stored results.
      List<Row> found = changes.duplicates().select(IdentityRecordsSchema.RECORD_TYPE, IdentityRecordsSchema.RECORD_ID)
          .collectAsList();
      duplicates.set((long) found.size());
      after.set(found.isEmpty() ? input : withDuplicates(spark, input, found));
      stepFigures.set(changes.figures());
      IdentityWrites.stage(staging, warehouse, changes, after.get(), ctx.runId());
    });
    Map<String, Long> figures = new HashMap<>(stepFigures.get());
    if (committed.staged() != null) {
      figures.putAll(committed.staged().figures());
    }
    figures.put("duplicates_of_stored", duplicates.get());
    figures.put("replayed", committed.replayed() ? 1L : 0L);
    figures.put("increment", committed.seq());
    figures.put("compacted_partitions", Maintenance.ifDue(spark, warehouse, committed, ctx.config()));
    if (input.scope().kind() != BatchScope.Kind.RECORDS) {
      // A day's run reports the tables' sizes; a stream's batch, many a minute, only its own figures.
      figures.putAll(tableFigures(spark, warehouse));
    }
    // Out counts the batch's good input records, so that in = out + quarantined holds for an
    // incremental day too; the journey's total size is a figure.
    ValidatedInput.Counts counts = after.get().counts();
    StageResult result = new StageResult(STAGE, counts.recordsIn(), counts.good(), counts.quarantined(),
        (System.nanoTime() - started) / 1e9, figures);
    return new Outcome(result, after.get());
  }

  private static BatchInput withDuplicates(SparkSession spark, BatchInput input, List<Row> found) {
    Dataset<Row> ids = spark.createDataFrame(found.stream()
        .map(r -> RowFactory.create(r.getString(0), r.getString(1))).toList(), DUPLICATES);
    Column type = col(IdentityRecordsSchema.RECORD_TYPE);
    return input.withDuplicates(
        ids.where(type.equalTo(CustomerJourneySchema.EVENT)).select(IdentityRecordsSchema.RECORD_ID),
        ids.where(type.equalTo(CustomerJourneySchema.INTERACTION)).select(IdentityRecordsSchema.RECORD_ID));
  }

  /** The CDP as the increment reads it; empty before the first run. */
  private static IdentityIncrement.State state(SparkSession spark, Warehouse warehouse) {
    String records = IdentityRecordsSchema.path(warehouse);
    if (!DeltaTables.exists(spark, records)) {
      return IdentityIncrement.State.EMPTY;
    }
    String enriched = warehouse.interactionsEnriched();
    return new IdentityIncrement.State(pinned(spark, records), pinned(spark, warehouse.identityLinks()),
        DeltaTables.exists(spark, enriched) ? pinned(spark, enriched) : null);
  }

  /** The table as of its current version: every read in the step sees that one version. */
  private static Dataset<Row> pinned(SparkSession spark, String path) {
    return spark.read().format("delta").option("versionAsOf", DeltaTables.version(spark, path)).load(path);
  }

  /** Table-wide figures after the commit; Delta answers these counts from its file statistics. */
  private static Map<String, Long> tableFigures(SparkSession spark, Warehouse warehouse) {
    Map<String, Long> figures = new HashMap<>();
    figures.put("journey_rows", spark.read().format("delta").load(warehouse.customerJourney()).count());
    // One pass over identity_links gives both the total and the shared count.
    long identifiers = 0;
    long shared = 0;
    for (Row r : spark.read().format("delta").load(warehouse.identityLinks())
        .groupBy(IdentityLinksSchema.STATUS).count().collectAsList()) {
      identifiers += r.getLong(1);
      shared += IdentityLinksSchema.SHARED_BLOCKED.equals(r.getString(0)) ? r.getLong(1) : 0;
    }
    figures.put("identifiers", identifiers);
    figures.put("shared_blocked", shared);
    figures.put("customers", spark.read().format("delta").load(warehouse.customerProfile()).count());
    return figures;
  }

  private static byte[] piiKey(PiiConfig pii) {
    byte[] key = pii.resolveKey(System.getenv());
    if (pii.usesLocalDefault(System.getenv()) && LOCAL_KEY_WARNED.compareAndSet(false, true)) {
      LOG.warn("Identifiers are hashed with the built-in local key because {} is not set: the"
          + " hashes are only fit for sample data; set {} to a secret key in production",
          pii.keyEnv(), pii.keyEnv());
    }
    return key;
  }
}
