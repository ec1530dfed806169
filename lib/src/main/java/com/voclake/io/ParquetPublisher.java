package com.voclake.io;

import com.voclake.VoclakeException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a BI dataset as plain Parquet, one {@code dt=YYYY-MM-DD} folder per date, replacing a
 * date's folder as a whole. Plain Parquet (not Delta) because BI readers such as DuckDB or Trino's
 * Hive connector read every file in a folder, including files Delta has logically removed.
 *
 * <p>The new files are written to a staging folder outside the dataset first, then swapped in with
 * two renames (old folder out, new folder in); a reader sees either the old or the new partition
 * and never a half-written one. The {@code dt} column lives in the folder name, not in the files.
 */
public final class ParquetPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(ParquetPublisher.class);

  private ParquetPublisher() {}

  /**
   * Replaces partition {@code dt} of dataset {@code name} with {@code rows} (which must not have a
   * {@code dt} column) and returns the number of rows published.
   */
  public static long replacePartition(
      SparkSession spark, Warehouse warehouse, String name, Dataset<Row> rows, String dt, String runId) {
    if (java.util.Arrays.asList(rows.columns()).contains("dt")) {
      throw VoclakeException.of("Dataset %s must not carry a dt column: dt is the partition folder", name);
    }
    String staging = warehouse.publishStaging(name, runId);
    String stagedPartition = staging + "/dt=" + dt;
    String target = warehouse.published(name) + "/dt=" + dt;

    // Published outputs are small aggregates: one file per date keeps BI scans cheap.
    rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(stagedPartition);
    long published = spark.read().parquet(stagedPartition).count();
    // BI readers glob the folder: leave only data files (no _SUCCESS marker, no .crc side files).
    HadoopFiles.deleteHiddenFiles(spark, stagedPartition);

    swapIn(spark, staging, stagedPartition, target, dt);
    LOG.info("Published {} rows to {}", published, target);
    return published;
  }

  /**
   * Replaces partition {@code dt} of {@code name} with one file {@code fileName} holding
   * {@code content} (UTF-8), staged and swapped in like the Parquet partitions: the daily page.
   */
  public static void replacePartitionFile(SparkSession spark, Warehouse warehouse, String name, String dt,
      String fileName, String content, String runId) {
    String staging = warehouse.publishStaging(name, runId);
    String stagedPartition = staging + "/dt=" + dt;
    String target = warehouse.published(name) + "/dt=" + dt;
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(stagedPartition, fileName);
    try (java.io.OutputStream out = HadoopFiles.fs(spark, stagedPartition).create(file, true)) {
      out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new VoclakeException("Cannot write " + file + ": " + e.getMessage(), e);
    }
    HadoopFiles.deleteHiddenFiles(spark, stagedPartition);
    swapIn(spark, staging, stagedPartition, target, dt);
    LOG.info("Published {} to {}", fileName, target);
  }

  /** Old partition out, staged one in, staging removed. */
  private static void swapIn(SparkSession spark, String staging, String stagedPartition, String target, String dt) {
    String replaced = staging + "/replaced-dt=" + dt;
    if (HadoopFiles.exists(spark, target)) {
      HadoopFiles.rename(spark, target, replaced);
    }
    HadoopFiles.rename(spark, stagedPartition, target);
    HadoopFiles.delete(spark, staging);
  }
}
