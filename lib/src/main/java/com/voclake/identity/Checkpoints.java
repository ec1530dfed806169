package com.voclake.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Cuts lineage and query plans between the steps of identity merge. Without it, every later query
 * carries the whole plan before it (identifier normalization alone is a large expression tree),
 * and Spark spends more time planning than computing.
 */
final class Checkpoints {
  private Checkpoints() {}

  /**
   * Computes {@code rows} now and returns a Dataset that reads the result: a reliable checkpoint
   * when the SparkContext has a checkpoint directory (survives losing an executor), a local one
   * (executor storage) otherwise.
   */
  static Dataset<Row> materialize(Dataset<Row> rows) {
    boolean reliable = rows.sparkSession().sparkContext().getCheckpointDir().isDefined();
    return reliable ? rows.checkpoint(true) : rows.localCheckpoint(true);
  }
}
