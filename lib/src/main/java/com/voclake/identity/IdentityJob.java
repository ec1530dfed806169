package com.voclake.identity;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.IdentityConfig;
import com.voclake.config.PiiConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.InputReader;
import com.voclake.io.InputReader.Batch;
import com.voclake.io.InputReader.Source;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code identity} stage: merges every touchpoint and interaction landed up to the run's date
 * into customers (OneID) and rewrites {@code cdp/identity_links}, {@code cdp/customer_profile} and
 * {@code cdp/customer_journey} (see their {@code *Schema} classes).
 *
 * <p>This version rebuilds from all input on every run: the tables are overwritten as a whole,
 * so rerunning a date gives identical tables, and {@code one_id}s are stable across runs because
 * they derive from each customer's earliest record. It does not write {@code cdp/merge_log} yet
 * (nothing is merged into existing ids when everything is rebuilt).
 *
 * <p>Steps: read and quarantine input; normalize identifiers ({@link IdentifierNormalizer}) and
 * drop junk; block shared weak identifiers ({@link IdentityGraph#sharedIdentifiers}); connected
 * components ({@link ConnectedComponents}); {@code one_id} per component; hash and mask
 * identifiers ({@link PiiProtection}); write. Raw identifiers never reach a table or a log line.
 */
public final class IdentityJob {
  public static final String STAGE = "identity";

  private static final Logger LOG = LoggerFactory.getLogger(IdentityJob.class);
  private static final AtomicBoolean LOCAL_KEY_WARNED = new AtomicBoolean();

  private IdentityJob() {}

  /** Runs the stage for {@code ctx.date()}; failures propagate with context. */
  public static StageResult run(SparkSession spark, RunContext ctx) {
    long started = System.nanoTime();
    IdentityConfig rules = ctx.config().identity();
    byte[] key = piiKey(ctx.config().pii());
    Warehouse warehouse = ctx.warehouse();

    Batch touchpoints = InputReader.read(spark, ctx, Source.TOUCHPOINTS, null, ctx.dt());
    Batch interactions = InputReader.read(spark, ctx, Source.INTERACTIONS, null, ctx.dt());
    long step = System.nanoTime();

    Dataset<Row> records = Checkpoints.materialize(
        IdentityGraph.records(touchpoints.records(), interactions.records()));
    Dataset<Row> occurrences = Checkpoints.materialize(
        IdentityGraph.identifierOccurrences(records, rules.junkPatterns()));
    Map<String, Long> byState = countByState(occurrences);
    LOG.info("Normalized identifiers of {} records: {} in {} ms", touchpoints.recordsOut()
        + interactions.recordsOut(), byState, millisSince(step));

    step = System.nanoTime();
    Dataset<Row> shared = Checkpoints.materialize(IdentityGraph.sharedIdentifiers(occurrences,
        rules.sharedLimits(), rules.strongTypes()));
    Dataset<Row> linking = occurrences.where(col(IdentityGraph.ID_STATE).equalTo(IdentityGraph.VALID))
        .join(shared, new String[] {IdentityGraph.ID_TYPE, IdentityGraph.ID_VALUE}, "left_anti");
    IdentityGraph.Customers customers = IdentityGraph.assignCustomers(records,
        linking.select(IdentityGraph.RECORD_KEY, IdentityGraph.ID_TYPE, IdentityGraph.ID_VALUE),
        rules.maxIterations());
    Dataset<Row> oneIds = Checkpoints.materialize(customers.oneIds());
    LOG.info("Connected components: {} shared identifiers blocked, {} rounds, {} ms", shared.count(),
        customers.rounds(), millisSince(step));

    step = System.nanoTime();
    DeltaTables.overwrite(IdentityTables.journey(records, oneIds), warehouse.customerJourney(),
        CustomerJourneySchema.DT);
    DeltaTables.overwrite(IdentityTables.links(occurrences, shared, oneIds, key), warehouse.identityLinks());
    DeltaTables.overwrite(IdentityTables.profiles(records, oneIds, linking, ctx.date()),
        warehouse.customerProfile());
    LOG.info("Wrote identity tables in {} ms", millisSince(step));

    // Delta answers these counts from its file statistics, without recomputing anything.
    long journeyRows = spark.read().format("delta").load(warehouse.customerJourney()).count();
    Dataset<Row> links = spark.read().format("delta").load(warehouse.identityLinks());
    long identifiers = links.count();
    long sharedBlocked = links.where(col(IdentityLinksSchema.STATUS)
        .equalTo(IdentityLinksSchema.SHARED_BLOCKED)).count();
    long profiles = spark.read().format("delta").load(warehouse.customerProfile()).count();

    Map<String, Long> figures = new HashMap<>();
    figures.put("customers", profiles);
    figures.put("identifiers", identifiers);
    figures.put("shared_blocked", sharedBlocked);
    figures.put("components_rounds", (long) customers.rounds());
    figures.put("junk_values", byState.getOrDefault(IdentityGraph.JUNK, 0L));
    figures.put("invalid_values", byState.getOrDefault(IdentityGraph.INVALID, 0L));
    StageResult result = new StageResult(STAGE,
        touchpoints.recordsIn() + interactions.recordsIn(),
        journeyRows,
        touchpoints.quarantined() + interactions.quarantined(),
        (System.nanoTime() - started) / 1e9,
        figures);
    LOG.info("{}", result.summary());
    return result;
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

  /** Identifier values per state (valid, invalid, junk): occurrences, not distinct values. */
  private static Map<String, Long> countByState(Dataset<Row> occurrences) {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (Row r : occurrences.groupBy(IdentityGraph.ID_STATE).count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
