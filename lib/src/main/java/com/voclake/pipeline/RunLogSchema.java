package com.voclake.pipeline;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code warehouse/_runs}: one row per job run, appended whether it succeeded or failed: its id
 * (also in every quarantine row it wrote), job, date, status, start and end, per-stage records
 * in, out and quarantined, the error of a failed run, the Spark application id (to find its logs
 * and event log) and the code version that ran ({@link BuildInfo}). Columns added later go at the
 * end; older rows read them as null.
 */
public final class RunLogSchema {
  public static final String RUN_ID = "run_id";
  public static final String JOB = "job";
  public static final String DT = "dt";
  public static final String STATUS = "status";
  public static final String STARTED_AT = "started_at";
  public static final String FINISHED_AT = "finished_at";
  public static final String SECONDS = "seconds";
  public static final String STAGES = "stages";
  public static final String ERROR = "error";
  public static final String SPARK_APP_ID = "spark_app_id";
  public static final String CODE_VERSION = "code_version";

  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  public static final StructType STAGE = new StructType()
      .add("stage", StringType)
      .add("records_in", LongType)
      .add("records_out", LongType)
      .add("quarantined", LongType)
      .add("seconds", DoubleType)
      .add("figures", DataTypes.createMapType(StringType, LongType));

  public static final StructType SCHEMA = new StructType()
      .add(RUN_ID, StringType)
      .add(JOB, StringType)
      .add(DT, StringType)
      .add(STATUS, StringType)
      .add(STARTED_AT, TimestampType)
      .add(FINISHED_AT, TimestampType)
      .add(SECONDS, DoubleType)
      .add(STAGES, new ArrayType(STAGE, true))
      .add(ERROR, StringType)
      .add(SPARK_APP_ID, StringType)
      .add(CODE_VERSION, StringType);

  private RunLogSchema() {}
}
