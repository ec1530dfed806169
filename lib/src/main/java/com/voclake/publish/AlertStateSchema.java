package com.voclake.publish;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * {@code state/alerts} (Delta, partition {@code dt}): the alert lifecycle state, one row per alert
 * episode and date it was evaluated on, written by each writer ({@code source} = {@code batch} or
 * {@code stream}) for its own rows. The state at the start of a date is, per {@code alert_key},
 * the row with the latest {@code evaluated_at} among earlier dates, if it is pending or firing.
 * {@code notified} holds the sink-qualified ids of the notifications delivered for the episode:
 * a writer sends none of those again. See {@link AlertState} for the columns' meaning.
 */
public final class AlertStateSchema {
  public static final String DT = "dt";
  public static final String SOURCE = "source";
  public static final String ALERT_KEY = "alert_key";
  public static final String ALERT_ID = "alert_id";
  public static final String RULE = "rule";
  public static final String KIND = "kind";
  public static final String SCOPE = "scope";
  public static final String METRIC = "metric";
  public static final String WINDOW = "window";
  public static final String STATE = "state";
  public static final String SEVERITY = "severity";
  public static final String OBSERVED = "observed";
  public static final String EXPECTED = "expected";
  public static final String THRESHOLD = "threshold";
  public static final String ACTIVE_SINCE = "active_since";
  public static final String LAST_ACTIVE_AT = "last_active_at";
  public static final String FIRED_AT = "fired_at";
  public static final String RESOLVED_AT = "resolved_at";
  public static final String LAST_NOTIFIED_AT = "last_notified_at";
  public static final String PEAK_SEVERITY = "peak_severity";
  public static final String INHIBITED = "inhibited";
  public static final String EVALUATED_AT = "evaluated_at";
  public static final String NOTIFIED = "notified";
  public static final String RUN_ID = "run_id";

  /** The value of {@link #SOURCE} for rows of the daily publish. */
  public static final String BATCH = "batch";
  /** The value of {@link #SOURCE} for rows of the streaming job. */
  public static final String STREAM = "stream";

  public static final StructType SCHEMA = new StructType()
      .add(DT, StringType, false)
      .add(SOURCE, StringType, false)
      .add(ALERT_KEY, StringType, false)
      .add(ALERT_ID, StringType, false)
      .add(RULE, StringType, false)
      .add(KIND, StringType, false)
      .add(SCOPE, StringType, false)
      .add(METRIC, StringType, false)
      .add(WINDOW, StringType, false)
      .add(STATE, StringType, false)
      .add(SEVERITY, StringType, false)
      .add(OBSERVED, DoubleType, false)
      .add(EXPECTED, DoubleType, false)
      .add(THRESHOLD, DoubleType, false)
      .add(ACTIVE_SINCE, TimestampType, false)
      .add(LAST_ACTIVE_AT, TimestampType, false)
      .add(FIRED_AT, TimestampType, true)
      .add(RESOLVED_AT, TimestampType, true)
      .add(LAST_NOTIFIED_AT, TimestampType, true)
      .add(PEAK_SEVERITY, StringType, true)
      .add(INHIBITED, BooleanType, false)
      .add(EVALUATED_AT, TimestampType, false)
      .add(NOTIFIED, new ArrayType(StringType, false), false)
      .add(RUN_ID, StringType, false);

  private AlertStateSchema() {}
}
