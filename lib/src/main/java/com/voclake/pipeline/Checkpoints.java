package com.voclake.pipeline;

import com.voclake.io.HadoopFiles;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.LogicalRDD;
import scala.Option;

/**
 * Cuts lineage and query plans between the steps of a stage. Without it, every later query
 * carries the whole plan before it (identifier normalization alone is a large expression tree),
 * and Spark spends more time planning than computing. It is also the cheaper way to keep a result
 * that later queries read more than once: the rows are stored as rows (in checkpoint files or
 * executor storage), where {@code persist()} encodes them into compressed column batches,
 * registers them with the cache manager (which every later plan is matched against) and, under
 * adaptive execution, builds them in a job of their own.
 *
 * <p>What an increment materializes is released when the increment ends: {@link #scope()} opens a
 * scope on the current thread, every {@link #materialize} on that thread registers with it, and
 * closing it deletes the checkpoint files and drops the stored blocks. A process that runs
 * thousands of increments (a stream) thus keeps none of them.
 */
public final class Checkpoints {
  private static final ThreadLocal<Deque<Scope>> SCOPES = ThreadLocal.withInitial(ArrayDeque::new);

  private Checkpoints() {}

  /**
   * Computes {@code rows} now and returns a Dataset that reads the result: a reliable checkpoint
   * when the SparkContext has a checkpoint directory (survives losing an executor), a local one
   * (executor storage) otherwise. Registered with the innermost open {@link Scope} of this thread.
   */
  public static Dataset<Row> materialize(Dataset<Row> rows) {
    boolean reliable = rows.sparkSession().sparkContext().getCheckpointDir().isDefined();
    Dataset<Row> stored = reliable ? rows.checkpoint(true) : rows.localCheckpoint(true);
    Scope scope = SCOPES.get().peek();
    if (scope != null) {
      scope.stored.add(stored);
    }
    return stored;
  }

  /** Opens a scope on this thread; close it (try-with-resources) to release what it materialized. */
  public static Scope scope() {
    Scope scope = new Scope();
    SCOPES.get().push(scope);
    return scope;
  }

  /** What one unit of work (an increment) materialized; {@link #close()} releases it. */
  public static final class Scope implements AutoCloseable {
    private final List<Dataset<Row>> stored = new ArrayList<>();

    /** How many results are held now (for tests and logs). */
    public int size() {
      return stored.size();
    }

    /**
     * Deletes the checkpoint files and stored blocks of everything materialized in this scope.
     * The Datasets it returned can no longer be read afterwards.
     */
    @Override
    public void close() {
      SCOPES.get().remove(this);
      for (Dataset<Row> rows : stored) {
        LogicalPlan plan = rows.queryExecution().analyzed();
        if (plan instanceof LogicalRDD logical) {
          RDD<InternalRow> rdd = logical.rdd();
          Option<String> file = rdd.getCheckpointFile();
          rdd.unpersist(false);
          if (file.isDefined()) {
            HadoopFiles.delete(rows.sparkSession(), file.get());
          }
        }
      }
      stored.clear();
    }
  }
}
