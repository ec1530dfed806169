package com.voclake.pipeline;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Cuts lineage and query plans between the steps of a stage. Without it, every later query
 * carries the whole plan before it (identifier normalization alone is a large expression tree),
 * and Spark spends more time planning than computing. It is also the cheaper way to keep a result
 * that later queries read more than once: the rows are stored as rows (in checkpoint files or
 * executor storage), where {@code persist()} encodes them into compressed column batches,
 * registers them with the cache manager (which every later plan is matched against) and, under
 * adaptive execution, builds them in a job of their own.
 */
public final class Checkpoints {
  private Checkpoints() {}

  /**
   * Computes {@code rows} now and returns a Dataset that reads the result: a reliable checkpoint
   * when the SparkContext has a checkpoint directory (survives losing an executor), a local one
   * (executor storage) otherwise.
   */
  public static Dataset<Row> materialize(Dataset<Row> rows) {
    boolean reliable = rows.sparkSession().sparkContext().getCheckpointDir().isDefined();
    return reliable ? rows.checkpoint(true) : rows.localCheckpoint(true);
  }
}
