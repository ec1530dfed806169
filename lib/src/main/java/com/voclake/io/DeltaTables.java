package com.voclake.io;

import com.voclake.VoclakeException;
import io.delta.tables.DeltaTable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Writes and reads the warehouse's Delta tables by path, idempotently. */
public final class DeltaTables {
  /** The table property that {@link #enableDeletionVectors} sets. */
  public static final String DELETION_VECTORS = "delta.enableDeletionVectors";

  private DeltaTables() {}

  /** Replaces the whole table with {@code rows} (schema changes included). */
  public static void overwrite(Dataset<Row> rows, String path, String... partitionBy) {
    rows.write().format("delta").mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .partitionBy(partitionBy)
        .save(path);
  }

  /**
   * Replaces the rows matching {@code predicate} with {@code rows}, in one transaction: rerunning a
   * date replaces that date instead of appending it twice. Every row must match the predicate.
   */
  public static void replaceWhere(Dataset<Row> rows, String path, String predicate, String... partitionBy) {
    rows.write().format("delta").mode(SaveMode.Overwrite)
        .option("replaceWhere", predicate)
        .partitionBy(partitionBy)
        .save(path);
  }

  /** Appends (for logs such as {@code _runs}, where every run adds a row on purpose). */
  public static void append(Dataset<Row> rows, String path, String... partitionBy) {
    rows.write().format("delta").mode(SaveMode.Append).partitionBy(partitionBy).save(path);
  }

  /**
   * Turns on deletion vectors for the table (once; idempotent), so that MERGE, UPDATE and DELETE
   * mark the rows they replace instead of rewriting every file that holds one: what makes a small
   * incremental MERGE into a large table cost about as much as the rows it changes. Erasure must
   * then purge them ({@code REORG TABLE ... APPLY (PURGE)}) before vacuuming.
   */
  public static void enableDeletionVectors(SparkSession spark, String path) {
    if (!hasDeletionVectors(spark, path)) {
      spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES ('" + DELETION_VECTORS + "' = true)");
    }
  }

  /** The table's properties, from its metadata alone (DeltaTable.detail() would run a Spark job). */
  public static Map<String, String> properties(SparkSession spark, String path) {
    Map<String, String> properties = new HashMap<>();
    for (Row r : spark.sql("SHOW TBLPROPERTIES delta.`" + path + "`").collectAsList()) {
      properties.put(r.getString(0), r.getString(1));
    }
    return properties;
  }

  /** Whether the table at {@code path} has deletion vectors switched on. */
  public static boolean hasDeletionVectors(SparkSession spark, String path) {
    return "true".equalsIgnoreCase(properties(spark, path).get(DELETION_VECTORS));
  }

  public static boolean exists(SparkSession spark, String path) {
    return HadoopFiles.exists(spark, path) && DeltaTable.isDeltaTable(spark, path);
  }

  /**
   * Reads a table that an earlier job must have written; {@code producedBy} names that job so the
   * message says what to run first.
   */
  public static Dataset<Row> read(SparkSession spark, String path, String producedBy) {
    if (!exists(spark, path)) {
      throw VoclakeException.of(
          "Delta table %s does not exist yet: run the %s job for this warehouse first", path, producedBy);
    }
    return spark.read().format("delta").load(path);
  }
}
