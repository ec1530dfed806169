package com.voclake.identity;

import static com.voclake.identity.Broadcasts.small;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import com.voclake.config.IdentityConfig;
import com.voclake.increment.BatchScope;
import com.voclake.pipeline.Checkpoints;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identity merge of one batch, as a pure step: from the batch's records, the CDP as it is and the
 * rules, the changes to every identity table. Nothing is written; {@link IdentityWrites} stages
 * the changes and the increment core commits them.
 *
 * <p>Without a stored state, or for a batch that replaces {@link BatchScope.Kind#EVERYTHING}, every
 * table is computed whole (a full rebuild; {@code one_id}s still come from the stored state when
 * there is one, so they stay stable). Otherwise the step finds the customers the batch's
 * identifiers (and every manual override) reach, recomputes them with the batch's records, and
 * returns only their rows: records of the batch and re-assigned ones to upsert, and the keys of
 * rows that are gone (records the rerun of a landing date no longer has, customers merged away,
 * identifiers no record carries). A batch record whose id is stored already, other than under the
 * landing date the batch replaces, is a duplicate ({@link IdentityChanges#duplicates}): it is not
 * merged again, and its line goes to quarantine. An identifier blocked as shared before stays
 * blocked without bringing back every customer that carries it.
 */
public final class IdentityIncrement {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityIncrement.class);
  private static final String RECORD_KEY = IdentityRecordsSchema.RECORD_KEY;
  private static final String ONE_ID = IdentityResolution.ONE_ID;
  /** Marks the stored rows (identity_links, identity_records) that the batch's records reach. */
  private static final String TOUCHED = "_touched";
  /** Marks the stored records that the batch lands again. */
  private static final String LANDED = "_landed";
  private static final String[] ID = {IdentityRecordsSchema.ID_TYPE, IdentityRecordsSchema.ID_HASH};
  static final String[] JOURNEY_KEY = {CustomerJourneySchema.RECORD_TYPE, CustomerJourneySchema.EVENT_ID,
      CustomerJourneySchema.INTERACTION_ID};

  private IdentityIncrement() {}

  /**
   * The CDP as an increment reads it.
   *
   * @param records {@code cdp/identity_records}, or null before the first run
   * @param links {@code cdp/identity_links}, or null before the first run
   * @param enriched {@code voc/interactions_enriched}, or null before the first enrich run: its
   *     rows carry the customer's one_id, which follows a merge
   */
  public record State(Dataset<Row> records, Dataset<Row> links, Dataset<Row> enriched) {
    public static final State EMPTY = new State(null, null, null);

    boolean isEmpty() {
      return records == null;
    }
  }

  /**
   * Computes the changes of one batch.
   *
   * @param batch the batch's records ({@link IdentityGraph#records} of its good touchpoints and interactions)
   * @param scope what the batch replaces
   * @param state the CDP as it is
   * @param overrides {@code cdp/identity_overrides} rows
   * @param rules identity rules
   * @param key the PII hashing key
   * @param asOf the date profiles compute ages at
   */
  public static IdentityChanges apply(Dataset<Row> batch, BatchScope scope, State state, Dataset<Row> overrides,
      IdentityConfig rules, byte[] key, LocalDate asOf) {
    long step = System.nanoTime();
    Dataset<Row> withStates = Checkpoints.materialize(IdentityTables.state(batch, rules.junkPatterns(), key));
    Map<String, Long> figures = new TreeMap<>();
    Map<String, Long> byState = countByState(withStates);
    figures.put("junk_values", byState.getOrDefault(IdentityGraph.JUNK, 0L));
    figures.put("invalid_values", byState.getOrDefault(IdentityGraph.INVALID, 0L));
    Dataset<Row> fresh = withStates.drop(IdentityTables.ID_STATES);
    boolean full = state.isEmpty() || scope.kind() == BatchScope.Kind.EVERYTHING;
    LOG.info("{} increment: normalized identifiers of the batch's records: {} in {} ms", full ? "Full" : "Incremental",
        byState, millisSince(step));
    figures.put("full_rebuild", full ? 1L : 0L);
    return full ? full(fresh, state, overrides, rules, asOf, figures)
        : incremental(fresh, scope, state, overrides, rules, asOf, figures);
  }

  private static IdentityChanges full(Dataset<Row> fresh, State state, Dataset<Row> overrides, IdentityConfig rules,
      LocalDate asOf, Map<String, Long> figures) {
    Dataset<Row> work = state.isEmpty()
        ? fresh.withColumn(IdentityResolution.PREV_ONE_ID, lit(null).cast("string"))
        : Checkpoints.materialize(fresh.join(state.records().select(col(RECORD_KEY),
            col(ONE_ID).as(IdentityResolution.PREV_ONE_ID)), new String[] {RECORD_KEY}, "left"));
    Dataset<Row> noneShared = fresh.sparkSession().createDataFrame(List.of(), IdentityLinksSchema.SCHEMA)
        .select(ID[0], ID[1]);
    IdentityResolution.Outcome outcome = IdentityResolution.resolve(work, noneShared, overrides, rules);
    Dataset<Row> resolved = Checkpoints.materialize(IdentityTables.withOneIds(
        work.drop(IdentityResolution.PREV_ONE_ID), outcome.recordOneIds()));
    Dataset<Row> links = IdentityTables.conform(Checkpoints.materialize(outcome.identifiers()),
        IdentityLinksSchema.SCHEMA);
    figures.put("records_recomputed", resolved.count());
    return new IdentityChanges(true, noDuplicates(fresh), resolved, null, IdentityTables.journey(resolved), null,
        links, null, IdentityTables.profiles(resolved, links, rules.survivorship(), rules.sourcePriority(), asOf), null,
        outcome.merges(), outcome.quarantine(), reassigned(state, resolved, work), figures);
  }

  private static IdentityChanges incremental(Dataset<Row> batchRecords, BatchScope scope, State state,
      Dataset<Row> overrides, IdentityConfig rules, LocalDate asOf, Map<String, Long> figures) {
    long step = System.nanoTime();
    Dataset<Row> previous = state.records();
    Column replaced = scope.replaces(col(IdentityRecordsSchema.DT));
    Column keptBefore = org.apache.spark.sql.functions.not(replaced);
    Dataset<Row> kept = previous.where(keptBefore);
    // The batch's identifiers, including those of duplicates: a duplicate's identifiers are
    // already stored, so looking them up finds nothing the stored records did not bring.
    Dataset<Row> touchedIds = Checkpoints.materialize(IdentityResolution.edges(batchRecords).select(ID[0], ID[1])
        .union(overrides.select(col(IdentityOverridesSchema.ID_TYPE_A), col(IdentityOverridesSchema.ID_HASH_A)))
        .union(overrides.select(col(IdentityOverridesSchema.ID_TYPE_B), col(IdentityOverridesSchema.ID_HASH_B)))
        .distinct());
    // identity_links names the customer of every active identifier, so looking the batch's
    // identifiers up there reads a few narrow columns instead of every record's identifiers. A
    // shared identifier stays blocked (alreadyShared) and reaches no customer. A quarantined one
    // has no customer in the links but must bring back the records that carry it, so that
    // component repair sees the whole component again; those are found in the records. One
    // scan of identity_links serves every lookup: the rows of the batch's identifiers, and the
    // few rows of identifiers that do not link (shared, quarantined).
    Dataset<Row> storedLinks = Checkpoints.materialize(state.links()
        .join(small(touchedIds.withColumn(TOUCHED, lit(true))), ID, "left")
        .where(col(TOUCHED).isNotNull().or(col(IdentityLinksSchema.STATUS).notEqual(IdentityLinksSchema.ACTIVE))));
    Dataset<Row> touchedLinks = storedLinks.where(col(TOUCHED).isNotNull());
    Dataset<Row> storedNotLinking = storedLinks
        .where(col(IdentityLinksSchema.STATUS).notEqual(IdentityLinksSchema.ACTIVE)).drop(TOUCHED);
    Dataset<Row> quarantinedIds = Checkpoints.materialize(touchedLinks
        .where(col(IdentityLinksSchema.STATUS).equalTo(IdentityLinksSchema.QUARANTINED)).select(ID[0], ID[1]));
    Dataset<Row> reached = touchedLinks.where(col(ONE_ID).isNotNull()).select(ONE_ID)
        .union(previous.where(replaced).select(ONE_ID));
    if (!quarantinedIds.isEmpty()) {
      reached = reached.union(kept
          .select(col(ONE_ID), explode(col(IdentityRecordsSchema.IDENTIFIERS)).as("i"))
          .select(col(ONE_ID), col("i." + ID[0]).as(ID[0]), col("i." + ID[1]).as(ID[1]))
          .join(small(quarantinedIds), ID, "left_semi").select(ONE_ID));
    }
    Dataset<Row> touchedOneIdRows = Checkpoints.materialize(reached.distinct());
    long touchedCustomers = touchedOneIdRows.count();
    LOG.info("The batch's records reach {} stored customers; recomputing them", touchedCustomers);
    figures.put("customers_touched", touchedCustomers);
    Dataset<Row> touchedOneIds = small(touchedOneIdRows, touchedCustomers);
    // One scan of the state, broadcasting both key sets over it: every stored record of the
    // touched customers (the records to recompute, and the rows the deletes look for), and the
    // batch's records stored already outside what the batch replaces: duplicates.
    Column landedBefore = col(LANDED).isNotNull().and(keptBefore);
    Dataset<Row> stored = Checkpoints.materialize(previous
        .join(small(touchedOneIdRows.withColumn(TOUCHED, lit(true)), touchedCustomers), new String[] {ONE_ID}, "left")
        .join(small(batchRecords.select(col(RECORD_KEY), lit(true).as(LANDED))), new String[] {RECORD_KEY}, "left")
        .where(col(TOUCHED).isNotNull().or(landedBefore)));
    Dataset<Row> oldRecords = stored.where(col(TOUCHED).isNotNull())
        .select(Arrays.stream(previous.columns()).map(c -> col(c)).toArray(Column[]::new));
    Dataset<Row> duplicates = Checkpoints.materialize(stored.where(landedBefore)
        .select(IdentityRecordsSchema.RECORD_KEY, IdentityRecordsSchema.RECORD_TYPE, IdentityRecordsSchema.RECORD_ID));
    Dataset<Row> fresh = batchRecords.join(duplicates.select(RECORD_KEY), new String[] {RECORD_KEY}, "left_anti");
    Dataset<Row> affected = oldRecords.where(keptBefore);
    Dataset<Row> untouched = kept.join(touchedOneIds, new String[] {ONE_ID}, "left_anti");
    Dataset<Row> work = Checkpoints.materialize(fresh.withColumn(IdentityResolution.PREV_ONE_ID, lit(null).cast("string"))
        .unionByName(affected.withColumn(IdentityResolution.PREV_ONE_ID, col(ONE_ID))));
    Dataset<Row> alreadyShared = storedNotLinking
        .where(col(IdentityLinksSchema.STATUS).equalTo(IdentityLinksSchema.SHARED_BLOCKED)).select(ID[0], ID[1]);

    IdentityResolution.Outcome outcome = IdentityResolution.resolve(work, alreadyShared, overrides, rules);
    Dataset<Row> resolved = Checkpoints.materialize(IdentityTables.withOneIds(
        work.drop(IdentityResolution.PREV_ONE_ID), outcome.recordOneIds()));
    Dataset<Row> identifiers = Checkpoints.materialize(outcome.identifiers());
    figures.put("records_recomputed", resolved.count());
    LOG.info("Resolved the batch into customers in {} ms", millisSince(step));

    // Stored records of the touched customers that the batch no longer has (a rerun of a landing
    // date with other input).
    Dataset<Row> gone = Checkpoints.materialize(oldRecords.join(resolved.select(RECORD_KEY),
        new String[] {RECORD_KEY}, "left_anti"));
    Dataset<Row> links = Checkpoints.materialize(incrementalLinks(storedNotLinking, resolved, identifiers, oldRecords,
        gone, untouched));
    Dataset<Row> profiles = IdentityTables.profiles(resolved, links, rules.survivorship(), rules.sourcePriority(),
        asOf);
    // A recomputed record that was stored before is stored again unchanged unless its customer's
    // one_id changed: only new records and re-assigned ones are written again.
    Dataset<Row> rewritten = Checkpoints.materialize(changed(resolved, work));
    // A touched customer's identifier drops out of identity_links only with the records that
    // carried it: every such record was recomputed, unless it is gone. Without gone records
    // (every batch but a rerun of a landing date with other input) there is nothing to look for.
    Dataset<Row> goneLinks = gone.isEmpty() ? identifiers.select(ID[0], ID[1]).limit(0)
        : state.links().join(touchedOneIds, new String[] {ONE_ID}, "left_semi")
            .select(ID[0], ID[1]).except(identifiers.select(ID[0], ID[1]));
    // The stored rows the batch deletes: gone ones, and those its rows replace. Every stored record
    // the batch rewrites is one of the touched customers' (oldRecords); records new to the state
    // cost no delete.
    Dataset<Row> deleted = Checkpoints.materialize(oldRecords.join(rewritten.select(RECORD_KEY), new String[] {RECORD_KEY},
        "left_semi").unionByName(gone));
    return new IdentityChanges(false, duplicates, rewritten, deleted.select(RECORD_KEY),
        IdentityTables.journey(rewritten), IdentityTables.journey(deleted).select(JOURNEY_KEY[0], JOURNEY_KEY[1],
            JOURNEY_KEY[2]),
        links, goneLinks, profiles, touchedOneIdRows, outcome.merges(), outcome.quarantine(),
        reassigned(state, resolved, work), figures);
  }

  /**
   * identity_links rows of an incremental batch's identifiers. An active identifier links every
   * record that carries it into one customer, so all of them were recomputed and its row is
   * aggregated from those records. An identifier stored as not linking (shared, quarantined) may
   * also be carried by records of untouched customers; its row is its stored one plus the records
   * that are new to the state, since a stored record's time never changes. When one of its stored
   * records is gone (a landing date rerun with other input), the untouched records that carry it
   * are read again instead.
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
    Dataset<Row> newEdges = IdentityResolution.edges(resolved.join(oldRecords.select(RECORD_KEY),
        new String[] {RECORD_KEY}, "left_anti"));
    Dataset<Row> everyEdge = IdentityResolution.edges(resolved);
    if (rereadRows > 0) {
      everyEdge = everyEdge.unionByName(IdentityResolution.edges(untouched).join(rereadKeys, ID, "left_semi"));
    }
    return IdentityTables.links(everyEdge, identifiers.join(small(carried.select(ID[0], ID[1])), ID, "left_anti"))
        .unionByName(IdentityTables.carriedLinks(carried, newEdges, identifiers));
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
   * The enriched rows of interactions whose customer changed (a merge, a split), with their new
   * one_id; null when nothing was enriched yet. Enrichment stores the one_id an interaction had
   * then: without this a merge would leave its enriched rows on a customer that no longer exists,
   * and a day enriched batch by batch would differ from one enriched at once.
   */
  private static Dataset<Row> reassigned(State state, Dataset<Row> resolved, Dataset<Row> work) {
    if (state.enriched() == null) {
      return null;
    }
    String previousOneId = IdentityResolution.PREV_ONE_ID;
    Dataset<Row> moved = resolved.where(col(IdentityRecordsSchema.RECORD_TYPE).equalTo(CustomerJourneySchema.INTERACTION))
        .join(work.select(RECORD_KEY, previousOneId), RECORD_KEY)
        .where(col(previousOneId).isNotNull().and(col(previousOneId).notEqual(col(ONE_ID))))
        .select(col(IdentityRecordsSchema.RECORD_ID).as(CustomerJourneySchema.INTERACTION_ID), col(ONE_ID).as("_moved_to"));
    Column[] columns = Arrays.stream(state.enriched().columns())
        .map(c -> c.equals(ONE_ID) ? col("_moved_to").as(ONE_ID) : col(c)).toArray(Column[]::new);
    return state.enriched().join(small(moved), CustomerJourneySchema.INTERACTION_ID).select(columns);
  }

  private static Dataset<Row> noDuplicates(Dataset<Row> records) {
    return records.select(IdentityRecordsSchema.RECORD_KEY, IdentityRecordsSchema.RECORD_TYPE,
        IdentityRecordsSchema.RECORD_ID).limit(0);
  }

  /** Identifier values per state (valid, invalid, junk): occurrences, not distinct values. */
  private static Map<String, Long> countByState(Dataset<Row> state) {
    Map<String, Long> counts = new HashMap<>();
    for (Row r : state.select(explode(col(IdentityTables.ID_STATES)).as("s")).groupBy("s").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    return new TreeMap<>(counts);
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
