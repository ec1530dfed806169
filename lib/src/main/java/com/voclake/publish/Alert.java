package com.voclake.publish;

import org.apache.spark.sql.Row;

/**
 * One fired alert on the driver, as sinks other than the alerts table receive it. Holds only
 * rule, scope (dimension values such as a category or province), metric and numbers: no
 * customer data.
 */
public record Alert(
    String alertId,
    String rule,
    String scope,
    String window,
    String metric,
    double observed,
    Double expected,
    double threshold,
    String severity) {

  /** Reads a row of the alerts dataset ({@link PublishedSchemas#ALERTS_SCHEMA}). */
  public static Alert fromRow(Row row) {
    int expectedIndex = row.fieldIndex(PublishedSchemas.EXPECTED);
    return new Alert(
        row.getString(row.fieldIndex(PublishedSchemas.ALERT_ID)),
        row.getString(row.fieldIndex(PublishedSchemas.RULE)),
        row.getString(row.fieldIndex(PublishedSchemas.SCOPE)),
        row.getString(row.fieldIndex(PublishedSchemas.WINDOW)),
        row.getString(row.fieldIndex(PublishedSchemas.METRIC)),
        row.getDouble(row.fieldIndex(PublishedSchemas.OBSERVED)),
        row.isNullAt(expectedIndex) ? null : row.getDouble(expectedIndex),
        row.getDouble(row.fieldIndex(PublishedSchemas.THRESHOLD)),
        row.getString(row.fieldIndex(PublishedSchemas.SEVERITY)));
  }

  /** Rank for ordering messages, most severe first. */
  int severityRank() {
    try {
      return AlertRule.Severity.valueOf(severity.toUpperCase(java.util.Locale.ROOT)).ordinal();
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
