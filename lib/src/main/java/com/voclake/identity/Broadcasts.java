package com.voclake.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Broadcast hints for the key sets that identity runs join with whole tables. */
final class Broadcasts {
  /** Largest key set {@link #small} broadcasts: about 100 MB of identifier hashes. */
  static final long MAX_ROWS = 1_000_000;

  private Broadcasts() {}

  /**
   * {@code rows} (cheap to count: materialized, or a projection of what is) with a broadcast hint
   * when it has at most {@value #MAX_ROWS} rows: joined with a whole table, it then goes to every
   * task and the table is not shuffled. (Adaptive execution would also broadcast it, but only after
   * shuffling the table.)
   */
  static Dataset<Row> small(Dataset<Row> rows) {
    return small(rows, rows.count());
  }

  /** {@link #small(Dataset)} of rows already counted. */
  static Dataset<Row> small(Dataset<Row> rows, long count) {
    return count <= MAX_ROWS ? functions.broadcast(rows) : rows;
  }
}
