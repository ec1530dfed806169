package com.voclake.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local SparkSession per test JVM, injected into test constructors or methods that take a
 * {@link SparkSession} parameter. Settings keep small tests fast: two cores, two shuffle
 * partitions, no UI, no AQE, Delta snapshot partitions at two.
 */
public final class SparkExtension implements ParameterResolver {
  private static SparkSession spark;

  /** The shared session, created on first use and stopped when the JVM exits. */
  public static synchronized SparkSession session() {
    if (spark == null) {
      Path tmp;
      try {
        tmp = Files.createTempDirectory("voclake-test-spark");
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      spark = SparkSession.builder()
          .master("local[2]")
          .appName("voclake-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.adaptive.enabled", "false")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .config("spark.sql.session.timeZone", "Asia/Shanghai")
          .config("spark.sql.warehouse.dir", tmp.resolve("spark-warehouse").toString())
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.ui.showConsoleProgress", "false")
          .getOrCreate();
      spark.sparkContext().setCheckpointDir(tmp.resolve("checkpoints").toString());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> spark.stop()));
    }
    return spark;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return session();
  }
}
