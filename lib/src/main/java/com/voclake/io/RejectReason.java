package com.voclake.io;

/** Why an input record was quarantined. The names are stable: dashboards count by them. */
public final class RejectReason {
  /** A line longer than {@code run.limits.max-line-bytes}: not parsed at all. */
  public static final String LINE_TOO_LONG = "line_too_long";
  /** Bytes that are not UTF-8 (or U+FFFD, what an earlier decoder left of them). */
  public static final String INVALID_ENCODING = "invalid_encoding";
  public static final String MALFORMED_JSON = "malformed_json";
  /** Two or more JSON values on one line: which one is the record cannot be told. */
  public static final String MULTIPLE_JSON_VALUES = "multiple_json_values";
  public static final String MISSING_ID = "missing_id";
  /** An id seen before: earlier in the same batch, or already in the tables. */
  public static final String DUPLICATE_ID = "duplicate_id";
  /** A field longer than its {@code run.limits}, or a conversation with too many turns. */
  public static final String FIELD_TOO_LONG = "field_too_long";
  /** A value outside its {@code run.limits} range (a rating of 99). */
  public static final String OUT_OF_RANGE = "out_of_range";
  public static final String INVALID_TIME = "invalid_time";
  public static final String FUTURE_TIME = "future_time";
  public static final String MISSING_CHANNEL = "missing_channel";
  public static final String NO_IDENTIFIER = "no_identifier";
  public static final String NO_TEXT = "no_text";

  private RejectReason() {}
}
