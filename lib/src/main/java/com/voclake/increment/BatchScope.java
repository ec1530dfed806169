package com.voclake.increment;

import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import org.apache.spark.sql.Column;

/**
 * What a batch replaces in the tables. A {@code daily} run's batch is a landing date: run again,
 * its records replace what the date brought before (records no longer landed are removed). A
 * stream's micro-batch is just its records: a second batch of the same date adds to the first. A
 * full rebuild replaces everything, from all input up to its date.
 *
 * @param kind what the batch replaces
 * @param date the landing date (for {@link Kind#RECORDS}, the date its logs and quarantine are filed under)
 */
public record BatchScope(Kind kind, LocalDate date) {
  /** What a batch replaces. */
  public enum Kind {
    /** Every table, from all input landed up to {@code date}. */
    EVERYTHING,
    /** The rows that input landed on {@code date} brought. */
    LANDING_DATE,
    /** Nothing: the records are added. */
    RECORDS
  }

  public static BatchScope everything(LocalDate upTo) {
    return new BatchScope(Kind.EVERYTHING, upTo);
  }

  public static BatchScope landingDate(LocalDate date) {
    return new BatchScope(Kind.LANDING_DATE, date);
  }

  public static BatchScope records(LocalDate date) {
    return new BatchScope(Kind.RECORDS, date);
  }

  public String dt() {
    return date.toString();
  }

  /** Whether a stored row of landing date {@code dt} is replaced by this batch. */
  public Column replaces(Column dt) {
    return switch (kind) {
      case EVERYTHING -> lit(true);
      case LANDING_DATE -> dt.equalTo(dt());
      case RECORDS -> lit(false);
    };
  }

  /**
   * The {@code replaceWhere} predicate over a {@code dt} partition column that this batch's rows
   * replace, or null when they are appended.
   */
  public String replacedDates() {
    return switch (kind) {
      case EVERYTHING -> "dt <= '" + dt() + "'";
      case LANDING_DATE -> "dt = '" + dt() + "'";
      case RECORDS -> null;
    };
  }
}
