package com.voclake.io;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * A quarantined record: {@code warehouse/quarantine/<source>/}, a Delta table partitioned by the
 * landing date {@code dt}. {@code raw} keeps the line as it arrived so it can be fixed and replayed;
 * the table holds input data and is as sensitive as the input (it is never published).
 */
public final class QuarantineSchema {
  public static final String RUN_ID = "run_id";
  public static final String SOURCE = "source";
  public static final String REASON = "reason";
  public static final String RECORD_ID = "record_id";
  public static final String RAW = "raw";
  public static final String QUARANTINED_AT = "quarantined_at";
  public static final String DT = "dt";

  public static final StructType SCHEMA = new StructType()
      .add(RUN_ID, StringType, false)
      .add(SOURCE, StringType, false)
      .add(REASON, StringType, false)
      .add(RECORD_ID, StringType, true)
      .add(RAW, StringType, true)
      .add(QUARANTINED_AT, TimestampType, false)
      .add(DT, StringType, false);

  private QuarantineSchema() {}
}
