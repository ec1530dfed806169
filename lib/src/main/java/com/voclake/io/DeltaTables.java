package com.voclake.io;

import com.voclake.VoclakeException;
import io.delta.tables.DeltaOptimizeBuilder;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/** Writes and reads the warehouse's Delta tables by path, idempotently. */
public final class DeltaTables {
  /** The table property that {@link #enableDeletionVectors} sets. */
  public static final String DELETION_VECTORS = "delta.enableDeletionVectors";

  /** Keys {@link #deleteKeys} collects on the driver at most; more take a MERGE. */
  static final int MAX_DRIVER_KEYS = 1_000_000;
  private static final int CONFLICT_ATTEMPTS = 5;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeltaTables.class);

  private DeltaTables() {}

  /** Replaces the whole table with {@code rows} (schema changes included). */
  public static void overwrite(Dataset<Row> rows, String path, String... partitionBy) {
    overwriter(rows, partitionBy).save(path);
  }

  private static DataFrameWriter<Row> overwriter(Dataset<Row> rows, String... partitionBy) {
    return rows.write().format("delta").mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true")
        .partitionBy(partitionBy);
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
   * Deletes the rows of the table at {@code path} whose {@code keys} (null-safe) equal one of
   * {@code keyRows}' (which has those columns), in one Delta commit carrying {@code txn}, and
   * returns how many distinct keys it looked for. Up to {@value #MAX_DRIVER_KEYS} keys go to the
   * driver and out to the tasks as a broadcast set: one DELETE reads the table once and, with
   * deletion vectors on, writes one for each file that held a deleted row (a delete-only MERGE
   * first copies its source, then reads every file the keys touch twice more). More keys than that
   * take a delete-only MERGE with {@code keyRows}. Either way the keys never appear in the commit's
   * predicate, so erased customers' keys are not written into the Delta log.
   */
  public static long deleteKeys(String path, String[] keys, Dataset<Row> keyRows, Txn txn) {
    SparkSession spark = keyRows.sparkSession();
    List<String> collected = keyRows.select(joinedKey(keys)).limit(MAX_DRIVER_KEYS + 1).as(Encoders.STRING())
        .collectAsList();
    if (collected.isEmpty()) {
      return 0;
    }
    if (collected.size() > MAX_DRIVER_KEYS) {
      List<String> on = new ArrayList<>();
      for (String k : keys) {
        on.add("t.`" + k + "` <=> s.`" + k + "`");
      }
      Dataset<Row> source = keyRows.select(keys[0], java.util.Arrays.copyOfRange(keys, 1, keys.length)).distinct();
      retryingConflicts(path, () -> txn.run(spark, own -> DeltaTable.forPath(own, path).as("t")
          .merge(source.as("s"), String.join(" AND ", on)).whenMatched().delete().execute()));
      return source.count();
    }
    // Made distinct by the set on the driver: a distinct() would add a shuffle for a few duplicates.
    Set<String> wanted = new HashSet<>(collected);
    Broadcast<Set<String>> set = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(wanted);
    try {
      UserDefinedFunction in = functions.udf((UDF1<String, Boolean>) k -> set.value().contains(k),
          DataTypes.BooleanType);
      retryingConflicts(path, () -> txn.run(spark, own -> DeltaTable.forPath(own, path).delete(in.apply(joinedKey(keys)))));
    } finally {
      set.destroy();
    }
    return wanted.size();
  }

  /**
   * Replaces the whole table with {@code rows} in one commit carrying {@code txn}, with deletion
   * vectors on from that version (later increments delete from it).
   */
  public static void overwrite(Dataset<Row> rows, String path, Txn txn, String... partitionBy) {
    retryingConflicts(path, () -> txn.on(overwriter(rows, partitionBy).option(DELETION_VECTORS, "true")).save(path));
  }

  /** {@link #replaceWhere(Dataset, String, String, String...)} in one commit carrying {@code txn}. */
  public static void replaceWhere(Dataset<Row> rows, String path, String predicate, Txn txn, String... partitionBy) {
    retryingConflicts(path, () -> txn.on(rows.write().format("delta").mode(SaveMode.Overwrite)
        .option("replaceWhere", predicate).option("mergeSchema", "true").partitionBy(partitionBy)).save(path));
  }

  /** Appends {@code rows} in one commit carrying {@code txn}. */
  public static void append(Dataset<Row> rows, String path, Txn txn, String... partitionBy) {
    retryingConflicts(path, () -> txn.on(rows.write().format("delta").mode(SaveMode.Append)
        .option("mergeSchema", "true").partitionBy(partitionBy)).save(path));
  }

  /**
   * Runs one write of the table at {@code path}, again when Delta refuses its commit because
   * another writer committed to the table in between (a compaction, a concurrent writer finishing
   * the same increment). Every write that goes through here carries a {@link Txn}, so running it
   * again after another writer already committed it changes nothing.
   */
  public static void retryingConflicts(String path, Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (RuntimeException e) {
        if (!isConflict(e) || attempt >= CONFLICT_ATTEMPTS) {
          throw e;
        }
        LOG.info("Another writer committed to {} first ({}); writing again (attempt {} of {})", path,
            e.getClass().getSimpleName(), attempt + 1, CONFLICT_ATTEMPTS);
        sleepQuietly(200L * attempt);
      }
    }
  }

  /** Whether {@code e} (or a cause) is Delta's refusal of a commit that conflicts with another one. */
  public static boolean isConflict(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.delta.exceptions.DeltaConcurrentModificationException
          || t instanceof org.apache.spark.sql.delta.DeltaConcurrentModificationException) {
        return true;
      }
    }
    return false;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VoclakeException("Interrupted while waiting to write again", e);
    }
  }

  /** {@code keys} as one string that tells null from every value: no key holds U+0000 or U+0001. */
  private static Column joinedKey(String[] keys) {
    Column[] parts = new Column[keys.length];
    for (int i = 0; i < keys.length; i++) {
      parts[i] = functions.coalesce(functions.col(keys[i]).cast("string"), functions.lit("\u0000"));
    }
    return functions.concat_ws("\u0001", parts);
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

  /** The table's current version, from its log alone (no Spark job). */
  public static long version(SparkSession spark, String path) {
    return org.apache.spark.sql.delta.DeltaLog.forTableWithSnapshot(spark, path)._2().version();
  }

  /**
   * The table's idempotent-write identities: the newest version Delta recorded per application
   * id ({@link Txn}), from its log alone.
   */
  public static Map<String, Long> transactions(SparkSession spark, String path) {
    Map<String, Long> out = new TreeMap<>();
    scala.jdk.javaapi.CollectionConverters.asJava(org.apache.spark.sql.delta.DeltaLog.forTableWithSnapshot(spark, path)
        ._2().transactions()).forEach((app, version) -> out.put(app, (Long) version));
    return out;
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
