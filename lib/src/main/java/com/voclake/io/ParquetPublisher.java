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
    String replaced = staging + "/replaced-dt=" + dt;

    // Published outputs are small aggregates: one file per date keeps BI scans cheap.
    rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(stagedPartition);
    long published = spark.read().parquet(stagedPartition).count();
    // BI readers glob the folder: leave only data files (no _SUCCESS marker, no .crc side files).
    HadoopFiles.deleteHiddenFiles(spark, stagedPartition);

    if (HadoopFiles.exists(spark, target)) {
      HadoopFiles.rename(spark, target, replaced);
    }
    HadoopFiles.rename(spark, stagedPartition, target);
    HadoopFiles.delete(spark, staging);
    LOG.info("Published {} rows to {}", published, target);
    return published;
  }
}
