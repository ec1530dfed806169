package com.voclake.io;

/** Why an input record was quarantined. The names are stable: dashboards count by them. */
public final class RejectReason {
  public static final String MALFORMED_JSON = "malformed_json";
  public static final String MISSING_ID = "missing_id";
  public static final String DUPLICATE_ID = "duplicate_id";
  public static final String INVALID_TIME = "invalid_time";
  public static final String FUTURE_TIME = "future_time";
  public static final String MISSING_CHANNEL = "missing_channel";
  public static final String NO_IDENTIFIER = "no_identifier";
  public static final String NO_TEXT = "no_text";

  private RejectReason() {}
}
