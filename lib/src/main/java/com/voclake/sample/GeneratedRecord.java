package com.voclake.sample;

import java.io.Serializable;

/**
 * One generated line and where it lands.
 *
 * @param source {@link #TOUCHPOINTS}, {@link #INTERACTIONS} or {@link #TRUTH}
 * @param dt landing date {@code YYYY-MM-DD} (for truth lines: the landing date of the record it labels)
 * @param jsonLine the line as written, without a line break; a defective line is not valid JSON or
 *     not a valid record on purpose
 * @param defect null for a good line, else the {@link com.voclake.io.RejectReason} the input reader
 *     is expected to give it
 */
public record GeneratedRecord(String source, String dt, String jsonLine, String defect) implements Serializable {
  public static final String TOUCHPOINTS = "touchpoints";
  public static final String INTERACTIONS = "interactions";
  public static final String TRUTH = "truth";

  /** A good line. */
  public GeneratedRecord(String source, String dt, String jsonLine) {
    this(source, dt, jsonLine, null);
  }

  public boolean isBad() {
    return defect != null;
  }
}
