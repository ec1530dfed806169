package com.voclake.identity;

import static com.voclake.identity.Broadcasts.small;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.voclake.VoclakeException;
import com.voclake.config.IdentityConfig;
import com.voclake.config.PiiConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.HadoopFiles;
import com.voclake.io.InputReader;
import com.voclake.io.InputReader.Batch;
import com.voclake.io.InputReader.Source;
import com.voclake.io.InteractionSchema;
import com.voclake.io.TouchpointSchema;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.Checkpoints;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code identity} stage: merges touchpoints and interactions into customers (OneID) and keeps
 * {@code cdp/identity_records} (its own state), {@code cdp/customer_journey},
 * {@code cdp/identity_links} and {@code cdp/customer_profile} up to date, appends to
 * {@code cdp/merge_log} and writes the run's guard-rail findings to {@code quarantine/identity}.
 *
 * <p>Two modes ({@code identity.mode}):
 * <ul>
 *   <li>full: reads all input up to the run's date and rewrites every table; {@code one_id}s
 *       still come from the previous state when there is one, so they stay stable.
 *   <li>incremental (the default): reads only the input landed on the run's date, finds the
 *       customers its identifiers (and every manual override) reach, recomputes those customers
 *       with the new records, and replaces their rows in the tables (untouched customers keep
 *       theirs). Without state, the run is a full one; after a run that stopped half-way through
 *       its writes ({@link RunMarks}), a full one from the state as it was before that run. An
 *       identifier blocked as shared on an earlier day stays blocked without bringing back every
 *       customer that carries it, so the day's quarantine lists it only if the day's records
 *       re-trip the rule.
 * </ul>
 * Rerunning a date gives the same tables: its records replace the ones it landed before. Raw
 * identifiers never reach a table or a log line. See {@link IdentityResolution} for the rules.
 */
public final class IdentityJob {
  public static final String STAGE = "identity";

  private static final Logger LOG = LoggerFactory.getLogger(IdentityJob.class);
  private static final AtomicBoolean LOCAL_KEY_WARNED = new AtomicBoolean();
  private static final String RECORD_KEY = IdentityRecordsSchema.RECORD_KEY;
  private static final String ONE_ID = IdentityResolution.ONE_ID;
  /** Marks the stored rows (identity_links, identity_records) that the day's records reach. */
  private static final String TOUCHED = "_touched";
  /** Marks the stored records that the day lands again. */
  private static final String LANDED = "_landed";
  private static final String[] ID = {IdentityRecordsSchema.ID_TYPE, IdentityRecordsSchema.ID_HASH};
  private static final String[] JOURNEY_KEY = {CustomerJourneySchema.RECORD_TYPE, CustomerJourneySchema.EVENT_ID,
      CustomerJourneySchema.INTERACTION_ID};

  private IdentityJob() {}

  /** Runs the stage for {@code ctx.date()}; failures propagate with context. */
  public static StageResult run(SparkSession spark, RunContext ctx) {
    long started = System.nanoTime();
    IdentityConfig rules = ctx.config().identity();
    byte[] key = piiKey(ctx.config().pii());
    Warehouse warehouse = ctx.warehouse();
    String statePath = IdentityRecordsSchema.path(warehouse);
    boolean hasState = DeltaTables.exists(spark, statePath);
    boolean full = !hasState || rules.mode().equals(IdentityConfig.FULL);
    Optional<RunMarks.Unfinished> unfinished = full ? Optional.empty() : RunMarks.unfinished(spark, warehouse);
    if (unfinished.isPresent()) {
      LOG.warn("Rebuilding every identity table from all input up to {}, because {}: an incremental run"
          + " cannot build on tables that a run left half-written", ctx.dt(), unfinished.get().reason());
      full = true;
    }

    Batch touchpoints = read(spark, ctx, Source.TOUCHPOINTS, full);
    Batch interactions = read(spark, ctx, Source.INTERACTIONS, full);
    long step = System.nanoTime();
    Dataset<Row> withStates = Checkpoints.materialize(IdentityTables.state(
        IdentityGraph.records(touchpoints.records(), interactions.records()), rules.junkPatterns(), key));
    Map<String, Long> byState = countByState(withStates);
    Dataset<Row> fresh = withStates.drop(IdentityTables.ID_STATES);
    LOG.info("{} run: normalized identifiers of {} records: {} in {} ms", full ? "Full" : "Incremental",
        touchpoints.recordsOut() + interactions.recordsOut(), byState, millisSince(step));

    step = System.nanoTime();
    Dataset<Row> overrides = IdentityOverrides.read(spark, warehouse);
    if (!full) {
      // Full runs create these tables with deletion vectors on; older warehouses get them here,
      // before anything reads the tables: a scan planned before the switch cannot read the
      // deletion vectors that this run's deletes write.
      for (String table : List.of(statePath, warehouse.customerJourney(), warehouse.identityLinks(),
          warehouse.customerProfile())) {
        DeltaTables.enableDeletionVectors(spark, table);
      }
    }
    // One version of the state for every read in this run, before and after the run writes it.
    Long baseVersion = hasState ? baseVersion(spark, statePath, unfinished) : null;
    Dataset<Row> previous = hasState
        ? spark.read().format("delta").option("versionAsOf", baseVersion).load(statePath) : null;
    boolean fromUnfinishedRunStart = unfinished.isPresent() && unfinished.get().runId() != null
        && baseVersion.equals(unfinished.get().stateVersion());
    if (fromUnfinishedRunStart) {
      // Resolving from where that run started, the rebuild finds and logs its merges again.
      DeltaTable.forPath(spark, warehouse.mergeLog())
          .delete(col(MergeLogSchema.RUN_ID).equalTo(unfinished.get().runId()));
    }
    Dataset<Row> work;
    Dataset<Row> alreadyShared;
    Dataset<Row> storedNotLinking = null;
    Dataset<Row> touchedOneIds;
    Dataset<Row> touchedOneIdRows;
    Dataset<Row> untouched;
    Dataset<Row> oldRecords = null;
    if (full) {
      work = previous == null ? fresh.withColumn(IdentityResolution.PREV_ONE_ID, lit(null).cast("string"))
          : fresh.join(previous.select(col(RECORD_KEY), col(ONE_ID).as(IdentityResolution.PREV_ONE_ID)),
              new String[] {RECORD_KEY}, "left");
      alreadyShared = fresh.sparkSession().createDataFrame(List.of(),
          IdentityLinksSchema.SCHEMA).select(IdentityRecordsSchema.ID_TYPE, IdentityRecordsSchema.ID_HASH);
      touchedOneIds = null;
      touchedOneIdRows = null;
      untouched = null;
    } else {
      Column sameDate = col(IdentityRecordsSchema.DT).equalTo(ctx.dt());
      Column otherDate = org.apache.spark.sql.functions.not(sameDate);
      Dataset<Row> kept = previous.where(otherDate);
      // The day's records include any landed again under another date; their identifiers reach
      // their own customers, who are then recomputed with them where they were stored.
      Dataset<Row> touchedIds = Checkpoints.materialize(IdentityResolution.edges(fresh).select(ID[0], ID[1])
          .union(overrides.select(col(IdentityOverridesSchema.ID_TYPE_A), col(IdentityOverridesSchema.ID_HASH_A)))
          .union(overrides.select(col(IdentityOverridesSchema.ID_TYPE_B), col(IdentityOverridesSchema.ID_HASH_B)))
          .distinct());
      // identity_links names the customer of every active identifier, so looking the day's
      // identifiers up there reads a few narrow columns instead of every record's identifiers. A
      // shared identifier stays blocked (alreadyShared) and reaches no customer. A quarantined one
      // has no customer in the links but must bring back the records that carry it, so that
      // component repair sees the whole component again; those are found in the records. One
      // scan of identity_links serves every lookup of the run: the rows of the day's identifiers,
      // and the few rows of identifiers that do not link (shared, quarantined).
      Dataset<Row> storedLinks = Checkpoints.materialize(spark.read().format("delta")
          .load(warehouse.identityLinks()).join(small(touchedIds.withColumn(TOUCHED, lit(true))), ID, "left")
          .where(col(TOUCHED).isNotNull().or(col(IdentityLinksSchema.STATUS).notEqual(IdentityLinksSchema.ACTIVE))));
      Dataset<Row> touchedLinks = storedLinks.where(col(TOUCHED).isNotNull());
      storedNotLinking = storedLinks.where(col(IdentityLinksSchema.STATUS).notEqual(IdentityLinksSchema.ACTIVE))
          .drop(TOUCHED);
      Dataset<Row> quarantinedIds = Checkpoints.materialize(touchedLinks
          .where(col(IdentityLinksSchema.STATUS).equalTo(IdentityLinksSchema.QUARANTINED)).select(ID[0], ID[1]));
      Dataset<Row> reached = touchedLinks.where(col(ONE_ID).isNotNull()).select(ONE_ID)
          .union(previous.where(sameDate).select(ONE_ID));
      if (!quarantinedIds.isEmpty()) {
        reached = reached.union(kept
            .select(col(ONE_ID), org.apache.spark.sql.functions.explode(col(IdentityRecordsSchema.IDENTIFIERS)).as("i"))
            .select(col(ONE_ID), col("i." + ID[0]).as(ID[0]), col("i." + ID[1]).as(ID[1]))
            .join(small(quarantinedIds), ID, "left_semi").select(ONE_ID));
      }
      // The hinted form is for joins; elsewhere (EXCEPT) a broadcast hint only earns a warning.
      touchedOneIdRows = Checkpoints.materialize(reached.distinct());
      long touchedCustomers = touchedOneIdRows.count();
      LOG.info("The day's records reach {} stored customers; recomputing them", touchedCustomers);
      touchedOneIds = small(touchedOneIdRows, touchedCustomers);
      // One scan of the state, broadcasting both key sets over it: every stored record of the
      // touched customers (the records to recompute, and the rows the deletes below look for), and
      // the day's records stored under another date, which stay where they were.
      Column landedBefore = col(LANDED).isNotNull().and(otherDate);
      Dataset<Row> stored = Checkpoints.materialize(previous
          .join(small(touchedOneIdRows.withColumn(TOUCHED, lit(true)), touchedCustomers), new String[] {ONE_ID}, "left")
          .join(small(fresh.select(col(RECORD_KEY), lit(true).as(LANDED))), new String[] {RECORD_KEY}, "left")
          .where(col(TOUCHED).isNotNull().or(landedBefore)));
      oldRecords = stored.where(col(TOUCHED).isNotNull())
          .select(java.util.Arrays.stream(previous.columns()).map(c -> col(c)).toArray(Column[]::new));
      fresh = Checkpoints.materialize(fresh.join(stored.where(landedBefore).select(RECORD_KEY),
          new String[] {RECORD_KEY}, "left_anti"));
      Dataset<Row> affected = oldRecords.where(otherDate);
      untouched = kept.join(touchedOneIds, new String[] {ONE_ID}, "left_anti");
      work = fresh.withColumn(IdentityResolution.PREV_ONE_ID, lit(null).cast("string"))
          .unionByName(affected.withColumn(IdentityResolution.PREV_ONE_ID, col(ONE_ID)));
      alreadyShared = storedNotLinking.where(col(IdentityLinksSchema.STATUS).equalTo(IdentityLinksSchema.SHARED_BLOCKED))
          .select(IdentityRecordsSchema.ID_TYPE, IdentityRecordsSchema.ID_HASH);
    }
    if (previous != null) {
      // Without a previous state, work is the normalized records (materialized above) with a null
      // column: a copy would cost a pass over every record for nothing.
      work = Checkpoints.materialize(work);
    }
    IdentityResolution.Outcome outcome = IdentityResolution.resolve(work, alreadyShared, overrides, rules);
    Dataset<Row> resolved = Checkpoints.materialize(IdentityTables.withOneIds(
        work.drop(IdentityResolution.PREV_ONE_ID), outcome.recordOneIds()));
    Dataset<Row> identifiers = Checkpoints.materialize(outcome.identifiers());
    long recomputed = resolved.count();
    LOG.info("Resolved {} records into customers in {} ms", recomputed, millisSince(step));

    step = System.nanoTime();
    // Stored records of the touched customers that this run no longer has (a date rerun with other input).
    Dataset<Row> gone = untouched == null ? null : Checkpoints.materialize(oldRecords.join(resolved.select(RECORD_KEY),
        new String[] {RECORD_KEY}, "left_anti"));
    // A full run's identifiers were counted over every record that carries them. An incremental
    // run's are computed once: written as identity_links, and the profiles' contacts read them.
    Dataset<Row> links = untouched == null ? IdentityTables.conform(identifiers, IdentityLinksSchema.SCHEMA)
        : Checkpoints.materialize(incrementalLinks(storedNotLinking, resolved, identifiers, oldRecords, gone,
            untouched));
    Dataset<Row> profiles = IdentityTables.profiles(resolved, links, rules.survivorship(),
        rules.sourcePriority(), ctx.date());
    Dataset<Row> merges;
    RunMarks.started(spark, warehouse, ctx.runId(), baseVersion);
    if (full) {
      // One file per landing date, as incremental runs append them: each task would otherwise
      // write a file into every date it holds (eight times the files), and every later scan and
      // delete opens each of them.
      Dataset<Row> byDate = resolved.repartition(col(IdentityRecordsSchema.DT));
      timed("identity_records", () -> DeltaTables.overwriteForDeletes(byDate, statePath, IdentityRecordsSchema.DT));
      if (!hasState) {
        RunMarks.started(spark, warehouse, ctx.runId(), null); // the table did not exist until now
      }
      timed("customer_journey", () -> DeltaTables.overwriteForDeletes(IdentityTables.journey(byDate),
          warehouse.customerJourney(), CustomerJourneySchema.DT));
      timed("identity_links", () -> DeltaTables.overwriteForDeletes(links, warehouse.identityLinks()));
      timed("customer_profile", () -> DeltaTables.overwriteForDeletes(profiles, warehouse.customerProfile()));
      merges = Checkpoints.materialize(outcome.merges());
    } else {
      // A recomputed record that was stored before is stored again unchanged unless its customer's
      // one_id changed: only new records and re-assigned ones are written again.
      Dataset<Row> rewritten = Checkpoints.materialize(changed(resolved, work));
      // Every write below takes one or two commits; RunMarks lets the next run notice if this one
      // stops in between. The state goes first: the tables derived from it follow it.
      timed("identity_records", () -> replaceRows(rewritten.repartition(col(IdentityRecordsSchema.DT)), statePath,
          new String[] {RECORD_KEY}, gone.select(RECORD_KEY)));
      // A touched customer's identifier drops out of identity_links only with the records that
      // carried it: every such record was recomputed, unless it is gone. Without gone records
      // (every day but a date rerun with other input) there is nothing to look for.
      Dataset<Row> goneLinks = gone.isEmpty() ? identifiers.select(ID[0], ID[1]).limit(0)
          : spark.read().format("delta").load(warehouse.identityLinks())
              .join(touchedOneIds, new String[] {ONE_ID}, "left_semi")
              .select(ID[0], ID[1]).except(identifiers.select(ID[0], ID[1]));
      // The three derived tables and the merge log's rows are independent, and each write is
      // mostly fixed cost (planning, Delta log, many small jobs), so running them together keeps
      // both cores busy through each other's gaps.
      AtomicReference<Dataset<Row>> computedMerges = new AtomicReference<>();
      concurrently(List.of(
          () -> timed("customer_journey", () -> replaceRows(
              IdentityTables.journey(rewritten).repartition(col(CustomerJourneySchema.DT)), warehouse.customerJourney(),
              JOURNEY_KEY, IdentityTables.journey(gone).select(JOURNEY_KEY[0],
                  java.util.Arrays.copyOfRange(JOURNEY_KEY, 1, 3)))),
          () -> timed("identity_links", () -> replaceRows(links, warehouse.identityLinks(), ID, goneLinks)),
          () -> timed("customer_profile", () -> replaceRows(profiles, warehouse.customerProfile(), new String[] {ONE_ID},
              touchedOneIdRows.except(resolved.select(ONE_ID)))),
          () -> computedMerges.set(Checkpoints.materialize(outcome.merges()))));
      merges = computedMerges.get();
    }
    Timestamp now = Timestamp.from(Instant.now());
    long mergeCount = merges.count();
    if (mergeCount > 0 || !DeltaTables.exists(spark, warehouse.mergeLog())) {
      DeltaTables.append(IdentityTables.conform(merges.withColumn(MergeLogSchema.MERGED_AT, lit(now))
          .withColumn(MergeLogSchema.RUN_ID, lit(ctx.runId())).withColumn(MergeLogSchema.DT, lit(ctx.dt())),
          MergeLogSchema.SCHEMA), warehouse.mergeLog(), MergeLogSchema.DT);
    }
    Dataset<Row> quarantine = Checkpoints.materialize(IdentityTables.conform(outcome.quarantine()
        .withColumn(IdentityQuarantineSchema.RUN_ID, lit(ctx.runId()))
        .withColumn(IdentityQuarantineSchema.QUARANTINED_AT, lit(now))
        .withColumn(IdentityQuarantineSchema.DT, lit(ctx.dt())), IdentityQuarantineSchema.SCHEMA));
    DeltaTables.replaceWhere(quarantine, warehouse.quarantine(STAGE), "dt = '" + ctx.dt() + "'",
        IdentityQuarantineSchema.DT);
    RunMarks.completed(spark, warehouse, ctx.runId());
    LOG.info("Wrote identity tables in {} ms", millisSince(step));
    long compacted = compact(spark, warehouse, rules.compactFiles());

    // Delta answers these counts from its file statistics, without recomputing anything.
    long journeyRows = spark.read().format("delta").load(warehouse.customerJourney()).count();
    // One pass over identity_links gives both the total and the shared count.
    Map<String, Long> linksByStatus = new HashMap<>();
    for (Row r : spark.read().format("delta").load(warehouse.identityLinks())
        .groupBy(IdentityLinksSchema.STATUS).count().collectAsList()) {
      linksByStatus.put(r.getString(0), r.getLong(1));
    }
    Map<String, Long> figures = new HashMap<>();
    figures.put("customers", spark.read().format("delta").load(warehouse.customerProfile()).count());
    figures.put("identifiers", linksByStatus.values().stream().mapToLong(Long::longValue).sum());
    figures.put("shared_blocked", linksByStatus.getOrDefault(IdentityLinksSchema.SHARED_BLOCKED, 0L));
    figures.put("junk_values", byState.getOrDefault(IdentityGraph.JUNK, 0L));
    figures.put("invalid_values", byState.getOrDefault(IdentityGraph.INVALID, 0L));
    figures.put("full_rebuild", full ? 1L : 0L);
    figures.put("recovered_unfinished_run", unfinished.isPresent() ? 1L : 0L);
    figures.put("records_recomputed", recomputed);
    figures.put("merges", mergeCount);
    figures.put("quarantined_identifiers", quarantine.count());
    figures.put("compacted_partitions", compacted);
    figures.put("journey_rows", journeyRows);
    // Out counts this run's good input records, so that in = out + quarantined holds for an
    // incremental day too; the journey's total size is a figure.
    StageResult result = new StageResult(STAGE,
        touchpoints.recordsIn() + interactions.recordsIn(),
        touchpoints.recordsOut() + interactions.recordsOut(),
        touchpoints.quarantined() + interactions.quarantined(),
        (System.nanoTime() - started) / 1e9,
        figures);
    LOG.info("{}", result.summary());
    return result;
  }

  /**
   * identity_links rows of an incremental run's identifiers. An active identifier links every
   * record that carries it into one customer, so all of them were recomputed and its row is
   * aggregated from those records. An identifier stored as not linking (shared, quarantined) may
   * also be carried by records of untouched customers; its row is its stored one plus the records
   * that are new to the state, since a stored record's time never changes. When one of its stored
   * records is gone (a date rerun with other input), the untouched records that carry it are read
   * again instead.
   */
  private static Dataset<Row> incrementalLinks(Dataset<Row> allNotLinking, Dataset<Row> resolved,
      Dataset<Row> identifiers, Dataset<Row> oldRecords, Dataset<Row> gone, Dataset<Row> untouched) {
    Dataset<Row> storedNotLinking = Checkpoints.materialize(allNotLinking
        .join(small(identifiers.select(ID[0], ID[1])), ID, "left_semi"));
    Dataset<Row> reread = Checkpoints.materialize(IdentityResolution.edges(gone).select(ID[0], ID[1]).distinct()
        .join(small(storedNotLinking.select(ID[0], ID[1])), ID, "left_semi"));
    long rereadRows = reread.count();
    Dataset<Row> rereadKeys = small(reread, rereadRows);
    Dataset<Row> carried = storedNotLinking.join(rereadKeys, ID, "left_anti");
    Dataset<Row> newEdges = IdentityResolution.edges(resolved.join(oldRecords.select(RECORD_KEY), new String[] {RECORD_KEY},
        "left_anti"));
    Dataset<Row> everyEdge = IdentityResolution.edges(resolved);
    if (rereadRows > 0) {
      everyEdge = everyEdge.unionByName(IdentityResolution.edges(untouched).join(rereadKeys, ID, "left_semi"));
    }
    return IdentityTables.links(everyEdge, identifiers.join(small(carried.select(ID[0], ID[1])), ID, "left_anti"))
        .unionByName(IdentityTables.carriedLinks(carried, newEdges, identifiers));
  }

  /**
   * Compacts the partitions (or unpartitioned tables) that the runs so far left with more than
   * {@code maxFiles} files: every incremental run appends a few to each one it touches. Runs after
   * the end mark, since it changes no row; returns how many it compacted.
   */
  private static long compact(SparkSession spark, Warehouse warehouse, int maxFiles) {
    long start = System.nanoTime();
    long compacted = 0;
    String[][] tables = {{IdentityRecordsSchema.path(warehouse), IdentityRecordsSchema.DT},
        {warehouse.customerJourney(), CustomerJourneySchema.DT}, {warehouse.identityLinks(), null},
        {warehouse.customerProfile(), null}};
    for (String[] table : tables) {
      List<String> partitions = DeltaTables.compactCrowded(spark, table[0], table[1], maxFiles);
      if (!partitions.isEmpty()) {
        // Partition values come sorted: the range says which dates without listing each.
        LOG.info("Compacted {} of {} (more than {} files each){}", partitions.size(),
            table[0].substring(warehouse.root().length() + 1), maxFiles, table[1] == null ? ""
                : String.format(": %s %s to %s", table[1], partitions.get(0), partitions.get(partitions.size() - 1)));
        compacted += partitions.size();
      }
    }
    if (compacted > 0) {
      LOG.info("Compacted {} partitions in {} ms", compacted, millisSince(start));
    }
    return compacted;
  }

  /**
   * The version of the state to resolve against: the current one, or after an unfinished run the
   * one that run resolved against (Delta time travel), so that the rebuild starts from where that
   * run started and finds and logs the same merges.
   */
  private static long baseVersion(SparkSession spark, String statePath, Optional<RunMarks.Unfinished> unfinished) {
    if (unfinished.isPresent() && unfinished.get().runId() != null) {
      Long before = unfinished.get().stateVersion();
      if (before != null && DeltaTables.versionReadable(spark, statePath, before)) {
        LOG.info("Resolving against cdp/identity_records as of version {}, before run {}", before,
            unfinished.get().runId());
        return before;
      }
      // The state as that run left it still gives every customer the one_id that run chose; what
      // is lost are the merges it found, unless it logged them before it stopped (they are kept).
      LOG.warn("Resolving against the current cdp/identity_records: {} before run {}, so merges that run"
          + " found but did not log are missing from cdp/merge_log", before == null ? "its version is not known"
          : "version " + before + " can no longer be read (VACUUM or log clean-up removed it)",
          unfinished.get().runId());
    }
    return DeltaTable.forPath(spark, statePath).history(1).first().getLong(0);
  }

  /**
   * The rows of {@code resolved} that differ from what {@code identity_records} holds: records that
   * were not stored (no previous one_id in {@code work}) and records whose one_id changed. The other
   * columns of a stored record are carried over from the stored row, so they cannot differ.
   */
  private static Dataset<Row> changed(Dataset<Row> resolved, Dataset<Row> work) {
    String previousOneId = IdentityResolution.PREV_ONE_ID;
    return IdentityTables.conform(resolved.join(work.select(RECORD_KEY, previousOneId), RECORD_KEY)
        .where(col(previousOneId).isNull().or(col(previousOneId).notEqual(col(ONE_ID)))),
        IdentityRecordsSchema.SCHEMA);
  }

  /**
   * Replaces the rows of the table at {@code path} whose {@code keys} (null-safe) are in
   * {@code rows} or {@code deletedKeys} by {@code rows}: a DELETE of those keys, then an append.
   * The DELETE reads the table once and writes only deletion vectors
   * ({@link DeltaTables#deleteKeys}); past {@value Broadcasts#MAX_ROWS} keys, which the driver would
   * have to hold, a delete-only MERGE joins the table with them instead. Either way it takes two
   * commits, and {@link RunMarks} covers a crash between them.
   */
  static void replaceRows(Dataset<Row> rows, String path, String[] keys, Dataset<Row> deletedKeys) {
    String[] otherKeys = java.util.Arrays.copyOfRange(keys, 1, keys.length);
    Dataset<Row> replacement = Checkpoints.materialize(rows);
    Dataset<Row> source = Checkpoints.materialize(replacement.select(keys[0], otherKeys)
        .unionByName(deletedKeys.select(keys[0], otherKeys)));
    long sourceRows = source.count();
    LOG.info("Replacing up to {} rows of {}", sourceRows, path);
    if (sourceRows <= Broadcasts.MAX_ROWS) {
      DeltaTables.deleteKeys(path, keys, source);
    } else {
      List<String> on = new ArrayList<>();
      for (String k : keys) {
        on.add("t.`" + k + "` <=> s.`" + k + "`");
      }
      DeltaTable.forPath(rows.sparkSession(), path).as("t")
          .merge(source.as("s"), String.join(" AND ", on))
          .whenMatched().delete()
          .execute();
    }
    DeltaTables.append(replacement, path);
  }

  /**
   * A full run reads every landing date up to the run's; an incremental run only the run's. A day
   * on which one source landed nothing while the other did is normal (interactions only), so that
   * source then counts as empty; with neither, the reader's error says to check --date.
   */
  private static Batch read(SparkSession spark, RunContext ctx, Source source, boolean full) {
    if (full) {
      return InputReader.read(spark, ctx, source, null, ctx.dt());
    }
    String input = ctx.config().paths().input();
    Source other = source == Source.TOUCHPOINTS ? Source.INTERACTIONS : Source.TOUCHPOINTS;
    if (!HadoopFiles.exists(spark, input + "/" + source.folder() + "/dt=" + ctx.dt())
        && HadoopFiles.exists(spark, input + "/" + other.folder() + "/dt=" + ctx.dt())) {
      // Nothing of this source landed that day: an empty batch, without reading its history.
      StructType schema = source == Source.TOUCHPOINTS ? TouchpointSchema.SCHEMA : InteractionSchema.SCHEMA;
      return new Batch(spark.createDataFrame(List.of(), schema), 0, 0, 0, Map.of());
    }
    return InputReader.read(spark, ctx, source, ctx.dt(), ctx.dt());
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
  private static Map<String, Long> countByState(Dataset<Row> state) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row r : state.select(org.apache.spark.sql.functions.explode(col(IdentityTables.ID_STATES)).as("s"))
        .groupBy("s").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return counts;
  }

  /**
   * Runs {@code tasks} at the same time, one thread each, and returns when all have ended; the
   * first failure is then rethrown, so no write is still running when the stage fails.
   */
  private static void concurrently(List<Runnable> tasks) {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Runnable task : tasks) {
        running.add(pool.submit(task));
      }
      Throwable failure = null;
      for (Future<?> task : running) {
        try {
          task.get();
        } catch (ExecutionException e) {
          failure = failure == null ? e.getCause() : failure;
        }
      }
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      if (failure != null) {
        throw new VoclakeException("Writing the identity tables failed: " + failure.getMessage(), failure);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VoclakeException("Interrupted while writing the identity tables", e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs one table write and logs how long it took: the writes are most of a run. */
  private static void timed(String table, Runnable write) {
    long start = System.nanoTime();
    write.run();
    LOG.info("Wrote cdp/{} in {} ms", table, millisSince(start));
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
