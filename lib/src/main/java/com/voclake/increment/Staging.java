package com.voclake.increment;

import com.voclake.io.DeltaTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Stages the table writes of one increment: each call computes its rows once and writes them as
 * Parquet under the increment's staging folder, in the order the writes will be committed. A
 * table is written at most once per increment (its {@link com.voclake.io.Txn} identities would
 * otherwise collide).
 */
public final class Staging {
  private final SparkSession spark;
  private final IncrementId id;
  private final String dir;
  private final List<StagedWrite> writes = new ArrayList<>();
  private final Map<String, Long> figures = new LinkedHashMap<>();
  private final Set<String> tables = new HashSet<>();

  Staging(SparkSession spark, IncrementId id, String dir) {
    this.spark = spark;
    this.id = id;
    this.dir = dir;
  }

  /** Replaces the whole table with {@code rows}. */
  public Staging overwrite(String table, Dataset<Row> rows, String... partitionBy) {
    return add(StagedWrite.Kind.OVERWRITE, table, rows, null, false, null, null, partitionBy);
  }

  /** Replaces the rows of the table that match {@code predicate} (every row must match it). */
  public Staging replaceWhere(String table, Dataset<Row> rows, String predicate, String... partitionBy) {
    return add(StagedWrite.Kind.REPLACE_WHERE, table, rows, null, false, null, predicate, partitionBy);
  }

  /**
   * Replaces the rows whose {@code keys} are in {@code rows} by {@code rows}, and deletes those
   * whose keys are in {@code deletes} (which has the key columns; null for none).
   */
  public Staging upsert(String table, Dataset<Row> rows, String[] keys, Dataset<Row> deletes,
      String... partitionBy) {
    return add(StagedWrite.Kind.UPSERT, table, rows, keys, true, deletes, null, partitionBy);
  }

  /**
   * Deletes the rows whose {@code keys} are in {@code deletes} and appends {@code rows}: an upsert
   * whose writer knows which of its rows replace stored ones (it lists them in {@code deletes});
   * rows new to the table then cost no delete.
   */
  public Staging replace(String table, Dataset<Row> rows, String[] keys, Dataset<Row> deletes, String... partitionBy) {
    return add(StagedWrite.Kind.UPSERT, table, rows, keys, false, deletes, null, partitionBy);
  }

  /** Appends {@code rows}. */
  public Staging append(String table, Dataset<Row> rows, String... partitionBy) {
    return add(StagedWrite.Kind.APPEND, table, rows, null, false, null, null, partitionBy);
  }

  /** A figure of the increment, reported with it. */
  public Staging figure(String name, long value) {
    figures.put(name, value);
    return this;
  }

  /** How many rows the write to {@code table} staged. */
  public long rows(String table) {
    return writes.stream().filter(w -> w.table().equals(table)).mapToLong(StagedWrite::rows).sum();
  }

  /** The rows staged for {@code table}, read back (figures of what will be committed). */
  public Dataset<Row> staged(String table) {
    StagedWrite w = writes.stream().filter(x -> x.table().equals(table)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("Increment " + id + " stages nothing for " + table));
    return read(spark, dir, w.data(), w.schema());
  }

  StagedIncrement done() {
    return new StagedIncrement(id, dir, writes, figures);
  }

  private Staging add(StagedWrite.Kind kind, String table, Dataset<Row> rows, String[] keys, boolean replaceRowKeys,
      Dataset<Row> deletes, String predicate, String[] partitionBy) {
    if (!tables.add(table)) {
      throw new IllegalStateException("Increment " + id + " writes " + table + " twice");
    }
    String name = writes.size() + "-" + table.substring(table.lastIndexOf('/') + 1);
    long count = stage(rows, name);
    String deleted = null;
    long deleteRows = 0;
    if (deletes != null) {
      deleted = name + "-deletes";
      deleteRows = stage(deletes.select(keys[0], Arrays.copyOfRange(keys, 1, keys.length)), deleted);
    }
    writes.add(new StagedWrite(kind, table, name, count, rows.schema().json(), keys == null ? null : List.of(keys),
        replaceRowKeys, deleted, deleteRows, predicate, List.of(partitionBy)));
    return this;
  }

  /**
   * Writes {@code rows} under {@code name} and returns how many it wrote, counted from the Parquet
   * footers. (Not with an {@code Observation}: it gives the session an observation manager that
   * cannot be serialized, and Spark ML models that keep their session in a training summary then
   * fail to ship to the executors.)
   */
  private long stage(Dataset<Row> rows, String name) {
    String path = dir + "/" + name;
    rows.write().mode(SaveMode.ErrorIfExists).parquet(path);
    return spark.read().parquet(path).count();
  }

  /** Reads staged rows back with the schema they were written with. */
  static Dataset<Row> read(SparkSession spark, String staging, String name, String schemaJson) {
    return spark.read().schema((org.apache.spark.sql.types.StructType) org.apache.spark.sql.types.DataType
        .fromJson(schemaJson)).parquet(staging + "/" + name);
  }

  static boolean tableExists(SparkSession spark, String table) {
    return DeltaTables.exists(spark, table);
  }
}
