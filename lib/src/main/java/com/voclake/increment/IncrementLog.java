package com.voclake.increment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import com.voclake.VoclakeException;
import com.voclake.io.DeltaTables;
import com.voclake.io.Txn;
import com.voclake.io.Warehouse;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The increment log ({@link IncrementLogSchema}): the order in which increments change the
 * warehouse's tables. An increment claims the next sequence number with a MERGE that inserts its
 * row only if no row holds that number (and carries Delta's write identity
 * {@code (voclake.claim, seq)}): of two writers that claim the same number at once, Delta refuses
 * one, which then finds the number taken and computes again on the newer state. So increments
 * change the tables one at a time, each from the state the one before left, even with several
 * writers.
 */
final class IncrementLog {
  static final String CLAIM = "voclake.claim";
  static final String COMMIT = "voclake.committed";
  static final String CREATE = "voclake.create";

  /**
   * One claimed increment.
   *
   * @param committed whether every table has its changes
   */
  record Entry(long seq, IncrementId id, String staging, boolean committed, Instant claimedAt) {}

  /**
   * What a writer needs to know before it computes an increment.
   *
   * @param lastSeq the newest claimed sequence number (0 for an empty log)
   * @param pending claimed increments not yet committed, oldest first
   * @param own the entry of the increment asked about, when it was claimed before
   */
  record State(long lastSeq, List<Entry> pending, Optional<Entry> own) {}

  private IncrementLog() {}

  static State read(SparkSession spark, Warehouse warehouse, IncrementId id) {
    String path = warehouse.increments();
    if (!DeltaTables.exists(spark, path)) {
      return new State(0, List.of(), Optional.empty());
    }
    Dataset<Row> log = spark.read().format("delta").load(path);
    Row newest = log.agg(max(IncrementLogSchema.SEQ)).first();
    long lastSeq = newest.isNullAt(0) ? 0 : newest.getLong(0);
    Dataset<Row> entries = log
        .groupBy(IncrementLogSchema.SEQ, IncrementLogSchema.APP, IncrementLogSchema.VERSION)
        .agg(max(when(col(IncrementLogSchema.EVENT).equalTo(IncrementLogSchema.STAGED),
                col(IncrementLogSchema.STAGING))).as(IncrementLogSchema.STAGING),
            max(col(IncrementLogSchema.EVENT).equalTo(IncrementLogSchema.COMMITTED)).as("done"),
            min(col(IncrementLogSchema.AT)).as(IncrementLogSchema.AT));
    List<Entry> pending = new ArrayList<>();
    Entry own = null;
    for (Row r : entries.where(col("done").equalTo(false)
            .or(col(IncrementLogSchema.APP).equalTo(id.app()).and(col(IncrementLogSchema.VERSION).equalTo(id.version()))))
        .orderBy(IncrementLogSchema.SEQ).collectAsList()) {
      Entry e = new Entry(r.getLong(0), new IncrementId(r.getString(1), r.getLong(2)), r.getString(3), r.getBoolean(4),
          r.getTimestamp(5).toInstant());
      if (!e.committed()) {
        pending.add(e);
      }
      if (e.id().equals(id)) {
        own = e;
      }
    }
    return new State(lastSeq, pending, Optional.ofNullable(own));
  }

  /**
   * Claims {@code seq} for {@code id}, whose changes wait under {@code staging}; false when another
   * increment holds that number (claimed before, or at the same moment).
   */
  static boolean claim(SparkSession spark, Warehouse warehouse, long seq, IncrementId id, String staging,
      String runId) {
    String path = warehouse.increments();
    if (!DeltaTables.exists(spark, path)) {
      // Created empty first, on its own: two writers that both create the table with their claim
      // would both succeed.
      DeltaTables.append(spark.createDataFrame(List.of(), IncrementLogSchema.SCHEMA), path, new Txn(CREATE, 0));
    }
    // Insert if no increment holds the number: a MERGE reads the table, so of two that insert
    // the same number at once Delta refuses the second (a concurrent append), which then, run
    // again, finds the number taken.
    DeltaTables.retryingConflicts(path, () -> new Txn(CLAIM, seq).run(spark, own -> DeltaTable.forPath(own, path)
        .as("t")
        .merge(row(own, seq, id, IncrementLogSchema.STAGED, staging, runId).as("s"),
            "t." + IncrementLogSchema.SEQ + " = s." + IncrementLogSchema.SEQ)
        .whenNotMatched().insertAll()
        .execute()));
    List<Row> holder = spark.read().format("delta").load(path)
        .where(col(IncrementLogSchema.SEQ).equalTo(seq).and(col(IncrementLogSchema.EVENT).equalTo(IncrementLogSchema.STAGED)))
        .select(IncrementLogSchema.APP, IncrementLogSchema.VERSION).collectAsList();
    if (holder.size() > 1) {
      throw VoclakeException.of("The increment log %s holds %d increments under #%d: the log is damaged;"
          + " stop every writer and report it", path, holder.size(), seq);
    }
    return holder.size() == 1 && holder.get(0).getString(0).equals(id.app()) && holder.get(0).getLong(1) == id.version();
  }

  /** Whether increment {@code seq} is logged as committed. */
  static boolean isCommitted(SparkSession spark, Warehouse warehouse, long seq) {
    return !spark.read().format("delta").load(warehouse.increments())
        .where(col(IncrementLogSchema.SEQ).equalTo(seq).and(col(IncrementLogSchema.EVENT).equalTo(IncrementLogSchema.COMMITTED)))
        .isEmpty();
  }

  /** Records that every table has the changes of increment {@code seq}. */
  static void committed(SparkSession spark, Warehouse warehouse, Entry entry, String runId) {
    DeltaTables.append(row(spark, entry.seq(), entry.id(), IncrementLogSchema.COMMITTED, null, runId),
        warehouse.increments(), new Txn(COMMIT, entry.seq()));
  }

  private static Dataset<Row> row(SparkSession spark, long seq, IncrementId id, String event, String staging,
      String runId) {
    return spark.createDataFrame(List.of(RowFactory.create(seq, id.app(), id.version(), event, staging, runId,
        Timestamp.from(Instant.now()))), IncrementLogSchema.SCHEMA);
  }
}
