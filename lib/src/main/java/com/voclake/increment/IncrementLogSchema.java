package com.voclake.increment;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * {@code _increments}: the increment log, a Delta table of two rows per increment, appended only.
 * {@code staged} claims the next sequence number for an increment whose changes wait under
 * {@code staging}; {@code committed} says every table has them. Holds no customer data.
 */
public final class IncrementLogSchema {
  public static final String SEQ = "seq";
  public static final String APP = "app";
  public static final String VERSION = "version";
  public static final String EVENT = "event";
  public static final String STAGING = "staging";
  public static final String RUN_ID = "run_id";
  public static final String AT = "at";

  public static final String STAGED = "staged";
  public static final String COMMITTED = "committed";

  public static final StructType SCHEMA = new StructType()
      .add(SEQ, LongType, false)
      .add(APP, StringType, false)
      .add(VERSION, LongType, false)
      .add(EVENT, StringType, false)
      .add(STAGING, StringType, true)
      .add(RUN_ID, StringType, true)
      .add(AT, TimestampType, false);

  private IncrementLogSchema() {}
}
