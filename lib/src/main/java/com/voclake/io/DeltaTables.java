package com.voclake.io;

import com.voclake.VoclakeException;
import io.delta.tables.DeltaOptimizeBuilder;
import io.delta.tables.DeltaTable;
import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/** Writes and reads the warehouse's Delta tables by path, idempotently. */
public final class DeltaTables {
  /** The table property that {@link #enableDeletionVectors} sets. */
  public static final String DELETION_VECTORS = "delta.enableDeletionVectors";

  /** Error conditions of a Delta read that finds its version's log or files gone. */
  private static final Set<String> GONE = Set.of("DELTA_VERSION_NOT_FOUND", "DELTA_FILE_NOT_FOUND",
      "DELTA_FILE_NOT_FOUND_DETAILED", "FAILED_READ_FILE.FILE_NOT_EXIST");

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

  /**
   * Whether the table can still be read as of {@code version}: its log entry and every file that
   * version names (data and deletion vectors) are still there, which VACUUM and log clean-up take
   * away from old versions. Looks for the version's data files first, on the driver, so that a
   * version VACUUM took away is told without failing tasks (which Spark logs as errors); then
   * reads one column of the whole version, which opens its deletion vectors too. Any other
   * failure is thrown.
   */
  public static boolean versionReadable(SparkSession spark, String path, long version) {
    try {
      Dataset<Row> old = spark.read().format("delta").option("versionAsOf", version).load(path);
      for (String file : old.inputFiles()) {
        if (!HadoopFiles.exists(spark, file)) {
          return false;
        }
      }
      old.select(old.columns()[0]).write().format("noop").mode(SaveMode.Overwrite).save();
      return true;
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof FileNotFoundException
            || t instanceof SparkThrowable st && st.getCondition() != null && GONE.contains(st.getCondition())) {
          return false;
        }
      }
      throw e;
    }
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

  /**
   * Compacts (Delta OPTIMIZE) every partition of {@code partitionColumn} that holds more than
   * {@code maxFiles} data files, or the whole table when {@code partitionColumn} is null and it
   * holds more; OPTIMIZE also drops the rows that deletion vectors hide. Tables that are rewritten
   * a little every day need it: each write adds small files to the partitions it touches.
   * Delta's auto compaction is no substitute: with its defaults it does not count per partition,
   * so a table with many small partitions would be rewritten in full at every write.
   *
   * @return the partition values compacted, sorted (the empty string for an unpartitioned table)
   */
  public static List<String> compactCrowded(SparkSession spark, String path, String partitionColumn, int maxFiles) {
    // The snapshot's file list, read from the Delta log without scanning any data.
    Map<String, Integer> filesPer = new TreeMap<>();
    for (String file : spark.read().format("delta").load(path).inputFiles()) {
      String folder = new Path(file).getParent().getName(); // column=value
      filesPer.merge(partitionColumn == null ? "" : folder.substring(folder.indexOf('=') + 1), 1, Integer::sum);
    }
    List<String> crowded = new ArrayList<>();
    filesPer.forEach((partition, files) -> {
      if (files > maxFiles) {
        crowded.add(partition);
      }
    });
    if (crowded.isEmpty()) {
      return crowded;
    }
    DeltaOptimizeBuilder optimize = DeltaTable.forPath(spark, path).optimize();
    if (partitionColumn != null) {
      for (String value : crowded) {
        // Date partitions; anything else would need quoting rules this does not have.
        if (!value.matches("[A-Za-z0-9_.:-]+")) {
          throw VoclakeException.of("Cannot compact the %s partition %s of %s: unexpected characters in its folder",
              partitionColumn, value, path);
        }
      }
      optimize = optimize.where("`" + partitionColumn + "` IN ('" + String.join("', '", crowded) + "')");
    }
    optimize.executeCompaction();
    return crowded;
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
