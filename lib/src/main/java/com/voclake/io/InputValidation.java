package com.voclake.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Pure checks of landed records. Each function takes lines parsed with a RAW schema (columns
 * {@code raw}, {@code dt}, {@code rec} struct with {@code _corrupt_record}) and adds
 * {@link #REASON}: null for a good record, else a {@link RejectReason}. Nothing is dropped here.
 */
public final class InputValidation {
  public static final String RAW = "raw";
  public static final String PARSED = "rec";
  public static final String REASON = "_reject_reason";
  public static final String RECORD_ID = "_record_id";
  public static final String CORRUPT = "_corrupt_record";

  private InputValidation() {}

  /** Parses the {@code raw} JSON line into {@code rec}; malformed lines keep their text in {@code rec._corrupt_record}. */
  public static Dataset<Row> parse(Dataset<Row> lines, StructType rawSchema) {
    StructType withCorrupt = rawSchema.add(CORRUPT, "string");
    return lines.withColumn(PARSED, functions.from_json(col(RAW), withCorrupt,
        java.util.Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT)));
  }

  /** Adds the reject reason for touchpoints. */
  public static Dataset<Row> validateTouchpoints(Dataset<Row> parsed, LocalDate earliestValid) {
    return validate(parsed, TouchpointSchema.EVENT_ID, TouchpointSchema.EVENT_TIME, earliestValid,
        List.of(when(blank(field(TouchpointSchema.CHANNEL)), lit(RejectReason.MISSING_CHANNEL)),
            when(allBlank(Identifiers.LINKING), lit(RejectReason.NO_IDENTIFIER))));
  }

  /** Adds the reject reason for interactions: they need an id, a time and some text. */
  public static Dataset<Row> validateInteractions(Dataset<Row> parsed, LocalDate earliestValid) {
    Column turnText = expr("exists(" + PARSED + "." + InteractionSchema.TURNS
        + ", t -> t.text is not null and trim(t.text) <> '')");
    Column hasText = functions.not(blank(field(InteractionSchema.TEXT)))
        .or(functions.coalesce(turnText, lit(false)));
    return validate(parsed, InteractionSchema.INTERACTION_ID, InteractionSchema.START_TIME,
        earliestValid,
        List.of(when(blank(field(InteractionSchema.CHANNEL)), lit(RejectReason.MISSING_CHANNEL)),
            when(functions.not(hasText), lit(RejectReason.NO_TEXT))));
  }

  private static Dataset<Row> validate(Dataset<Row> parsed, String idField, String timeField,
      LocalDate earliestValid, List<Column> extraChecks) {
    Column time = parseTime(field(timeField));
    // An event cannot happen after the day it landed; one day of slack covers time zones.
    Column latest = functions.date_add(functions.to_date(col(TouchpointSchema.DT)), 2);
    List<Column> checks = new ArrayList<>();
    checks.add(when(col(PARSED).isNull().or(field(CORRUPT).isNotNull()), lit(RejectReason.MALFORMED_JSON)));
    checks.add(when(blank(field(idField)), lit(RejectReason.MISSING_ID)));
    checks.add(when(time.isNull().or(time.lt(lit(java.sql.Timestamp.valueOf(earliestValid.atStartOfDay())))),
        lit(RejectReason.INVALID_TIME)));
    checks.add(when(time.geq(latest.cast("timestamp")), lit(RejectReason.FUTURE_TIME)));
    checks.addAll(extraChecks);
    Column reason = functions.coalesce(checks.toArray(new Column[0]));

    Dataset<Row> checked = parsed
        .withColumn(RECORD_ID, functions.trim(field(idField)))
        .withColumn(REASON, reason);
    // Among records that pass, the first landed copy of an id wins; later copies are duplicates.
    Column order = row_number().over(Window.partitionBy(col(RECORD_ID), col(REASON).isNull())
        .orderBy(col(TouchpointSchema.DT), col(RAW)));
    return checked.withColumn(REASON,
        when(col(REASON).isNull().and(order.gt(1)), lit(RejectReason.DUPLICATE_ID)).otherwise(col(REASON)));
  }

  /** ISO-8601 with or without offset; null (never an exception) for anything else. */
  public static Column parseTime(Column text) {
    return functions.try_to_timestamp(functions.trim(text));
  }

  static Column field(String name) {
    return col(PARSED + "." + name);
  }

  static Column blank(Column c) {
    return c.isNull().or(functions.trim(c).equalTo(""));
  }

  private static Column allBlank(List<String> fields) {
    Column all = lit(true);
    for (String f : fields) {
      all = all.and(blank(field(f)));
    }
    return all;
  }
}
