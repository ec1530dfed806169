package com.voclake.pipeline;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.HadoopFiles;
import com.voclake.io.ParquetEncodings;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a job. It adds what VOCLake cannot work without (the Delta extension
 * and catalog) and the Parquet encodings of its own columns ({@link ParquetEncodings}), each only
 * when spark-submit did not set it, and never sets the master: that is spark-submit's to choose.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(String appName, VoclakeConfig config) {
    SparkConf given = new SparkConf();
    SparkSession.Builder builder = SparkSession.builder().appName(appName);
    setIfAbsent(builder, given, "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    setIfAbsent(builder, given, "spark.sql.catalog.spark_catalog",
        "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    SparkSession spark = builder.getOrCreate();
    applyParquetEncodings(spark, given);
    applyRunSettings(spark, config);
    if (spark.sparkContext().getCheckpointDir().isEmpty()) {
      // Iterative stages (connected components) cut their lineage with reliable checkpoints;
      // they need a shared file system on a cluster, so they live under the warehouse.
      spark.sparkContext().setCheckpointDir(checkpointDir(spark, config));
    }
    return spark;
  }

  /** This application's checkpoint folder under the warehouse (removed by {@link #cleanUp}). */
  public static String checkpointDir(SparkSession spark, VoclakeConfig config) {
    return config.paths().warehouse() + "/_checkpoints/" + spark.sparkContext().applicationId();
  }

  /** Removes the checkpoints this application wrote; they are useless once it ends. */
  public static void cleanUp(SparkSession spark, VoclakeConfig config) {
    HadoopFiles.delete(spark, checkpointDir(spark, config));
  }

  /**
   * Settings that are VOCLake's own contract rather than tuning: output dates and hours are in
   * the configured time zone (run.time-zone), whatever the cluster's default.
   */
  public static void applyRunSettings(SparkSession spark, VoclakeConfig config) {
    spark.conf().set("spark.sql.session.timeZone", config.run().timeZone());
  }

  /**
   * Sets {@link ParquetEncodings#hadoopSettings()} in the session's configuration, which every
   * write copies into its Hadoop configuration, except those that {@code given} (spark-submit's
   * configuration) or the session already sets.
   */
  static void applyParquetEncodings(SparkSession spark, SparkConf given) {
    ParquetEncodings.hadoopSettings().forEach((key, value) -> {
      if (!given.contains("spark.hadoop." + key) && !spark.conf().contains(key)) {
        spark.conf().set(key, value);
      }
    });
  }

  private static void setIfAbsent(SparkSession.Builder builder, SparkConf given, String key, String value) {
    if (!given.contains(key)) {
      builder.config(key, value);
    }
  }
}
