package com.voclake.io;

import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Delta's idempotent-write identity of one table write: a commit carries {@code (appId, version)},
 * and Delta skips a later write to the same table whose {@code appId} it has already seen at this
 * version or a newer one. So a write replayed after a crash changes nothing, whoever replays it.
 * Versions must grow per {@code appId} and table.
 *
 * @param appId which kind of write of which writer ({@code voclake.append}, ...)
 * @param version the increment's sequence number
 */
public record Txn(String appId, long version) {
  static final String APP_ID_CONF = "spark.databricks.delta.write.txnAppId";
  static final String VERSION_CONF = "spark.databricks.delta.write.txnVersion";

  public Txn {
    if (appId == null || appId.isBlank() || version < 0) {
      throw new IllegalArgumentException("A Delta write identity needs an app id and a version >= 0");
    }
  }

  /** {@code writer} with this identity (DataFrame writes: append, overwrite, replaceWhere). */
  DataFrameWriter<Row> on(DataFrameWriter<Row> writer) {
    return writer.option("txnAppId", appId).option("txnVersion", version);
  }

  /**
   * Runs {@code dml} (DELETE, MERGE, UPDATE, which take no writer options) with this identity in
   * the session's settings, on a session of its own: the settings must not leak into another
   * thread's write on the same session, nor outlive this one.
   */
  public void run(SparkSession spark, java.util.function.Consumer<SparkSession> dml) {
    SparkSession own = spark.newSession();
    // A new session starts from the application's settings; the run's own (time zone, Parquet
    // encodings) are copied over.
    scala.jdk.javaapi.CollectionConverters.asJava(spark.conf().getAll()).forEach((key, value) -> {
      if (spark.conf().isModifiable(key)) {
        own.conf().set(key, value);
      }
    });
    own.conf().set(APP_ID_CONF, appId);
    own.conf().set(VERSION_CONF, Long.toString(version));
    dml.accept(own);
  }
}
