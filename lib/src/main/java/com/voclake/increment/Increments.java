package com.voclake.increment;

import com.voclake.VoclakeException;
import com.voclake.io.DeltaTables;
import com.voclake.io.HadoopFiles;
import com.voclake.io.Txn;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.Checkpoints;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits increments: compute, stage, claim, commit, in that order, so that a replayed increment
 * changes nothing and one that stopped half-way is finished by the next writer.
 *
 * <ol>
 *   <li>Read the increment log. An increment with the same id that was committed is a replay: done.
 *   <li>Finish every claimed increment that is not committed (a crashed writer's, or this one's
 *       own earlier attempt) from its staged files.
 *   <li>Compute the changes against the tables as they are now, and stage them ({@link Staging}).
 *       What the computation materialized is released once they are staged.
 *   <li>Claim the next sequence number ({@link IncrementLog#claim}). Losing it to another writer
 *       means the tables moved: drop the staged changes and compute again.
 *   <li>Commit each staged write, each carrying Delta's write identity {@code (voclake.<kind>, seq)}
 *       ({@link Txn}), then log the increment as committed and delete its staged files.
 * </ol>
 */
public final class Increments {
  private static final Logger LOG = LoggerFactory.getLogger(Increments.class);
  private static final int ATTEMPTS = 5;
  private static final String APPEND = "voclake.append";
  /** Table writes of one increment committed at the same time. */
  private static final int PARALLEL_WRITES = 4;

  /** The changes of one increment, staged by {@link #commit}'s caller. */
  @FunctionalInterface
  public interface Step {
    /** Reads the tables as they are now, computes the increment's changes and stages them. */
    void stage(Staging staging);
  }

  /**
   * How an increment ended.
   *
   * @param seq its place in the log
   * @param replayed true when it had been committed (or claimed) before: this call computed nothing
   * @param staged its writes and figures; null for a replay
   */
  public record Committed(long seq, boolean replayed, StagedIncrement staged) {}

  private Increments() {}

  /**
   * Computes, stages and commits increment {@code id} ({@code runId} goes into the log).
   *
   * @param grace how long an unfinished increment of another writer is left to that writer (it may
   *     be committing it right now) before this one commits it itself
   */
  public static Committed commit(SparkSession spark, Warehouse warehouse, IncrementId id, String runId,
      Duration grace, Step step) {
    return commit(spark, warehouse, id, runId, grace, step, Integer.MAX_VALUE);
  }

  /**
   * {@link #commit}, stopping with an exception after {@code writes} table writes: what a writer
   * that dies in the middle leaves behind, for tests of the recovery.
   */
  static Committed commit(SparkSession spark, Warehouse warehouse, IncrementId id, String runId, Duration grace,
      Step step, int writes) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      IncrementLog.State log = IncrementLog.read(spark, warehouse, id);
      finish(spark, warehouse, log.pending(), runId, grace);
      if (log.own().isPresent()) {
        LOG.info("Increment {} was claimed before as #{}: nothing to compute", id, log.own().get().seq());
        return new Committed(log.own().get().seq(), true, null);
      }
      long seq = log.lastSeq() + 1;
      String dir = warehouse.staging() + "/" + id.app().replaceAll("[/:]", "_") + "-" + id.version() + "-"
          + UUID.randomUUID().toString().substring(0, 8);
      StagedIncrement staged;
      long started = System.nanoTime();
      boolean saved = false;
      try (Checkpoints.Scope scope = Checkpoints.scope()) {
        Staging staging = new Staging(spark, id, dir);
        step.stage(staging);
        staged = staging.done();
        staged.save(spark);
        saved = true;
      } finally {
        if (!saved) {
          HadoopFiles.delete(spark, dir); // the step failed: nothing of it is left behind
        }
      }
      LOG.info("Increment {} computed and staged in {} ms: {} table writes", id, millisSince(started),
          staged.writes().size());
      if (!IncrementLog.claim(spark, warehouse, seq, id, dir, runId)) {
        LOG.info("Another writer claimed #{} first; computing increment {} again on the newer tables", seq, id);
        HadoopFiles.delete(spark, dir);
        continue;
      }
      applyOrConfirm(spark, warehouse, new IncrementLog.Entry(seq, id, dir, false, Instant.now()), staged, runId,
          writes);
      return new Committed(seq, false, staged);
    }
    throw VoclakeException.of("Increment %s lost its place to other writers %d times in a row; is another job"
        + " writing to %s in a loop?", id, ATTEMPTS, warehouse.root());
  }

  /**
   * Finishes the claimed increments that are not committed, oldest first; a writer calls this
   * before it reads the tables (and {@code forget} before it erases), so that nothing builds on
   * half-committed tables. Returns how many it finished.
   */
  public static int finishPending(SparkSession spark, Warehouse warehouse, String runId, Duration grace) {
    IncrementLog.State log = IncrementLog.read(spark, warehouse, new IncrementId("none", 0));
    finish(spark, warehouse, log.pending(), runId, grace);
    return log.pending().size();
  }

  /**
   * Whether {@code entry}'s own writer commits it before {@code grace} has passed since it was
   * claimed: two writers committing the same increment at once do the work twice, and the one that
   * finishes first removes the staged files the other still reads.
   */
  private static boolean committedWithin(SparkSession spark, Warehouse warehouse, IncrementLog.Entry entry,
      Duration grace) {
    Instant until = entry.claimedAt().plus(grace);
    while (Instant.now().isBefore(until)) {
      if (IncrementLog.isCommitted(spark, warehouse, entry.seq())) {
        return true;
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VoclakeException("Interrupted while waiting for increment " + entry.id(), e);
      }
    }
    return IncrementLog.isCommitted(spark, warehouse, entry.seq());
  }

  /** How many increments were claimed and not committed. */
  public static int pendingCount(SparkSession spark, Warehouse warehouse) {
    return IncrementLog.read(spark, warehouse, new IncrementId("none", 0)).pending().size();
  }

  /**
   * Removes what stopped runs left in the warehouse: staged changes that no pending increment
   * names (a writer that stopped before it claimed its place), and the checkpoint folders of
   * other Spark applications. Returns how many folders it removed. Only while no other job writes
   * this warehouse: a running writer's folders look the same.
   */
  public static int removeLeftovers(SparkSession spark, Warehouse warehouse) {
    java.util.Set<String> pending = new java.util.HashSet<>();
    for (IncrementLog.Entry e : IncrementLog.read(spark, warehouse, new IncrementId("none", 0)).pending()) {
      pending.add(new org.apache.hadoop.fs.Path(e.staging()).getName());
    }
    int removed = 0;
    for (String dir : HadoopFiles.listDirectories(spark, warehouse.staging())) {
      if (!pending.contains(dir)) {
        HadoopFiles.delete(spark, warehouse.staging() + "/" + dir);
        removed++;
      }
    }
    String checkpoints = warehouse.root() + "/_checkpoints";
    for (String dir : HadoopFiles.listDirectories(spark, checkpoints)) {
      if (!dir.equals(spark.sparkContext().applicationId())) {
        HadoopFiles.delete(spark, checkpoints + "/" + dir);
        removed++;
      }
    }
    return removed;
  }

  private static void finish(SparkSession spark, Warehouse warehouse, List<IncrementLog.Entry> pending,
      String runId, Duration grace) {
    for (IncrementLog.Entry entry : pending) {
      if (committedWithin(spark, warehouse, entry, grace)) {
        continue;
      }
      LOG.warn("Increment {} (#{}) was claimed but not committed (its writer stopped or is still writing);"
          + " committing it from {}", entry.id(), entry.seq(), entry.staging());
      StagedIncrement staged;
      try {
        staged = StagedIncrement.load(spark, entry.staging());
      } catch (RuntimeException e) {
        if (IncrementLog.isCommitted(spark, warehouse, entry.seq())) {
          continue; // its writer finished it meanwhile, and removed its staged files
        }
        throw e;
      }
      applyOrConfirm(spark, warehouse, entry, staged, runId, Integer.MAX_VALUE);
    }
  }

  /**
   * {@link #apply}, where a failure is no failure when the log says the increment was committed
   * meanwhile: two writers may commit the same increment at once (its owner, and another that
   * found it unfinished), and the one that finishes first removes the staged files the other reads.
   */
  private static void applyOrConfirm(SparkSession spark, Warehouse warehouse, IncrementLog.Entry entry,
      StagedIncrement staged, String runId, int writes) {
    try {
      apply(spark, warehouse, entry, staged, runId, writes);
    } catch (Exception e) { // Spark's own SparkException is a checked exception Scala throws undeclared
      if (!IncrementLog.isCommitted(spark, warehouse, entry.seq())) {
        throw e instanceof RuntimeException r ? r
            : new VoclakeException("Committing increment " + entry.id() + " failed: " + e.getMessage(), e);
      }
      LOG.info("Increment {} (#{}) was committed by another writer meanwhile", entry.id(), entry.seq());
    }
  }

  /**
   * Commits the staged writes of {@code entry} (each one skipped by Delta if it was committed
   * before), then logs the increment as committed and removes its staged files. The writes go to
   * different tables and each is mostly fixed cost (planning, Delta's log, small jobs), so they run
   * a few at a time; {@code writes} below their number stops after that many, one by one (tests).
   */
  private static void apply(SparkSession spark, Warehouse warehouse, IncrementLog.Entry entry, StagedIncrement staged,
      String runId, int writes) {
    long started = System.nanoTime();
    if (writes < staged.writes().size()) {
      for (int i = 0; i < writes; i++) {
        write(spark, staged, staged.writes().get(i), entry.seq());
      }
      throw new IllegalStateException("Stopped increment " + entry.id() + " after " + writes + " table writes");
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_WRITES, staged.writes().size())));
    try {
      List<Future<?>> running = new ArrayList<>();
      for (StagedWrite w : staged.writes()) {
        running.add(pool.submit(() -> write(spark, staged, w, entry.seq())));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VoclakeException("Interrupted while committing increment " + entry.id(), e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r
          : new VoclakeException("Committing increment " + entry.id() + " failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    IncrementLog.committed(spark, warehouse, entry, runId);
    HadoopFiles.delete(spark, staged.staging());
    LOG.info("Committed increment {} as #{}: {} table writes in {} ms", entry.id(), entry.seq(), staged.writes().size(),
        millisSince(started));
  }

  /** One staged write, committed with the identity {@code (voclake.<kind>, seq)}. */
  private static void write(SparkSession spark, StagedIncrement staged, StagedWrite w, long seq) {
    String[] partitionBy = w.partitionBy().toArray(new String[0]);
    Dataset<Row> rows = Staging.read(spark, staged.staging(), w.data(), w.schema());
    boolean exists = DeltaTables.exists(spark, w.table());
    Map<String, Long> done = exists ? DeltaTables.transactions(spark, w.table()) : Map.of();
    if (done.values().stream().anyMatch(v -> v > seq)) {
      // A later increment wrote this table already, so this one's write was committed before it
      // (by another writer): this writer is late, not the first.
      return;
    }
    switch (w.kind()) {
      case OVERWRITE -> DeltaTables.overwrite(rows, w.table(), new Txn("voclake.overwrite", seq), partitionBy);
      case REPLACE_WHERE -> DeltaTables.replaceWhere(rows, w.table(), w.predicate(), new Txn("voclake.replace", seq),
          partitionBy);
      case APPEND -> {
        if (w.rows() > 0 || !exists) {
          DeltaTables.append(rows, w.table(), new Txn(APPEND, seq), partitionBy);
        }
      }
      case UPSERT -> {
        // Two commits: the delete, then the append. A DELETE that finds nothing commits nothing,
        // so its identity is not recorded; once the append is, the write is done, and deleting
        // again would remove the rows it appended.
        if (done.getOrDefault(APPEND, -1L) >= seq) {
          return;
        }
        long deleteRows = w.replaceRowKeys() ? w.rows() + w.deleteRows() : w.deleteRows();
        if (exists && deleteRows > 0) {
          String[] keys = w.keys().toArray(new String[0]);
          Column[] keyColumns = Arrays.stream(keys).map(functions::col).toArray(Column[]::new);
          Dataset<Row> keyRows = w.replaceRowKeys() ? rows.select(keyColumns) : null;
          if (w.deletes() != null) {
            Dataset<Row> deletes = spark.read().parquet(staged.staging() + "/" + w.deletes()).select(keyColumns);
            keyRows = keyRows == null ? deletes : keyRows.unionByName(deletes);
          }
          DeltaTables.deleteKeys(w.table(), keys, keyRows, new Txn("voclake.delete", seq));
        }
        if (!exists) {
          // Created with deletion vectors on: later increments delete from it.
          DeltaTables.overwrite(rows, w.table(), new Txn("voclake.overwrite", seq), partitionBy);
        } else if (w.rows() > 0) {
          DeltaTables.append(rows, w.table(), new Txn(APPEND, seq), partitionBy);
        }
      }
      default -> throw new IllegalStateException("Unknown write " + w.kind());
    }
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
