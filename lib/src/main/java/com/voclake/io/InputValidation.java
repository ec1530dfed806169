package com.voclake.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import com.voclake.config.InputLimits;
import com.voclake.config.RunConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The checks of landed records, as one pure step: {@link #validate} takes raw lines and returns
 * every line with its verdict ({@link ValidatedInput}); nothing is read, written or dropped here.
 * The same rules hold for a landing date read from files and for a micro-batch from Kafka.
 *
 * <p>A line is, in this order of precedence: blank (no record at all: skipped and counted), too
 * long to parse, not UTF-8, malformed JSON, more than one JSON value, without an id, with a field
 * over its limit, with an impossible or future time, with a value out of range, without a channel,
 * without an identifier (touchpoints) or text (interactions), a duplicate of an earlier line of the
 * same batch; else good. A good record whose optional typed field cannot be read (a
 * {@code birth_year} of "unknown", {@code turns} that are a string) keeps the record with that field
 * null, and the field is named in {@link #NULLED}.
 */
public final class InputValidation {
  public static final String RAW = "raw";
  public static final String PARSED = "rec";
  public static final String REASON = "_reject_reason";
  public static final String RECORD_ID = "_record_id";
  public static final String CORRUPT = "_corrupt_record";
  /** Whether the line is blank (white space only): not a record. */
  public static final String BLANK = "_blank";
  /** array&lt;string&gt;: the optional fields of a good record that were set but unreadable. */
  public static final String NULLED = "_nulled";

  /** Columns of the raw lines {@link #validate} takes. */
  public static final StructType LINES = new StructType()
      .add(RAW, DataTypes.StringType)
      .add(TouchpointSchema.DT, DataTypes.StringType);

  private static final String TYPED = "_typed";
  private static final String BLANK_LINE = "^[\\s\\p{Z}\\x{FEFF}]*$";

  private InputValidation() {}

  /**
   * Checks {@code lines} ({@link #LINES}: the line as landed and its landing date) as records of
   * {@code source}. Pure and lazy: the result is a plan over {@code lines}.
   */
  public static ValidatedInput validate(Dataset<Row> lines, Source source, RunConfig run) {
    InputLimits limits = run.limits();
    Column blank = col(RAW).isNull().or(col(RAW).rlike(BLANK_LINE));
    Column tooLong = functions.octet_length(col(RAW)).gt(limits.maxLineBytes());
    Column notUtf8 = functions.not(expr("is_valid_utf8(" + RAW + ")")).or(functions.instr(col(RAW), "\uFFFD").gt(0));
    // Lines that cannot be records are not parsed: a 2 MB line or a garbled one is kept as it came.
    Column parsable = functions.not(blank.or(tooLong).or(notUtf8));
    StructType withCorrupt = source.raw().add(CORRUPT, DataTypes.StringType);
    Dataset<Row> parsed = lines.select(col(RAW), col(TouchpointSchema.DT), blank.as(BLANK),
        when(tooLong, lit(RejectReason.LINE_TOO_LONG)).when(notUtf8, lit(RejectReason.INVALID_ENCODING)).as(REASON),
        when(parsable, functions.from_json(col(RAW), withCorrupt,
            Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT))).as(PARSED));
    Dataset<Row> typed = parsed
        .withColumn(RECORD_ID, functions.trim(field(source.idField())))
        .withColumn(TYPED, typedStruct(source));
    Column reason = functions.coalesce(checks(source, run).toArray(new Column[0]));
    Dataset<Row> checked = typed.withColumn(REASON, when(col(BLANK), lit(null).cast("string"))
        .otherwise(functions.coalesce(col(REASON), reason)));
    // Among records that pass, the first landed copy of an id wins; later copies are duplicates.
    Column order = row_number().over(Window.partitionBy(col(RECORD_ID), col(REASON).isNull())
        .orderBy(col(TouchpointSchema.DT), col(RAW)));
    Column good = col(REASON).isNull().and(functions.not(col(BLANK)));
    checked = checked.withColumn(REASON,
        when(good.and(order.gt(1)), lit(RejectReason.DUPLICATE_ID)).otherwise(col(REASON)));
    return new ValidatedInput(source, checked.withColumn(NULLED, nulled(source)));
  }

  /** The reasons a parsed line is rejected, most fundamental first (null where it passes). */
  private static List<Column> checks(Source source, RunConfig run) {
    InputLimits limits = run.limits();
    boolean touchpoints = source == Source.TOUCHPOINTS;
    String timeField = touchpoints ? TouchpointSchema.EVENT_TIME : InteractionSchema.START_TIME;
    Column time = typedField(timeField);
    // An event cannot happen after the day it landed; one day of slack covers time zones.
    Column latest = functions.date_add(functions.to_date(col(TouchpointSchema.DT)), 2);
    List<Column> checks = new ArrayList<>();
    checks.add(when(col(PARSED).isNull().or(field(CORRUPT).isNotNull()), lit(RejectReason.MALFORMED_JSON)));
    checks.add(when(JsonLines.trailingContent(col(RAW)), lit(RejectReason.MULTIPLE_JSON_VALUES)));
    checks.add(when(blank(field(source.idField())), lit(RejectReason.MISSING_ID)));
    checks.add(when(tooLongField(source, limits), lit(RejectReason.FIELD_TOO_LONG)));
    checks.add(when(time.isNull().or(time.lt(lit(java.sql.Timestamp.valueOf(run.earliestValidDate().atStartOfDay())))),
        lit(RejectReason.INVALID_TIME)));
    checks.add(when(time.geq(latest.cast("timestamp")), lit(RejectReason.FUTURE_TIME)));
    if (!touchpoints) {
      Column rating = typedField(InteractionSchema.RATING);
      checks.add(when(rating.lt(limits.ratingMin()).or(rating.gt(limits.ratingMax())), lit(RejectReason.OUT_OF_RANGE)));
    }
    checks.add(when(blank(field(TouchpointSchema.CHANNEL)), lit(RejectReason.MISSING_CHANNEL)));
    if (touchpoints) {
      checks.add(when(allBlank(Identifiers.LINKING), lit(RejectReason.NO_IDENTIFIER)));
    } else {
      Column turnText = expr("exists(" + TYPED + "." + InteractionSchema.TURNS
          + ", t -> t.text is not null and trim(t.text) <> '')");
      Column hasText = functions.not(blank(field(InteractionSchema.TEXT)))
          .or(functions.coalesce(turnText, lit(false)));
      checks.add(when(functions.not(hasText), lit(RejectReason.NO_TEXT)));
    }
    return checks;
  }

  /** Whether a string field is longer than its limit, or a conversation has too many or too long turns. */
  private static Column tooLongField(Source source, InputLimits limits) {
    Column over = lit(false);
    for (StructField f : source.raw().fields()) {
      String name = f.name();
      if (name.equals(InteractionSchema.TURNS)) {
        Column turns = typedField(name);
        over = over.or(functions.coalesce(functions.size(turns).gt(limits.maxTurns()), lit(false)))
            .or(functions.coalesce(expr("exists(" + TYPED + "." + name + ", t -> length(t.text) > "
                + limits.maxTextChars() + ")"), lit(false)));
      } else {
        int max = name.equals(InteractionSchema.TEXT) ? limits.maxTextChars() : limits.maxFieldChars();
        over = over.or(functions.coalesce(functions.length(field(name)).gt(max), lit(false)));
      }
    }
    return over;
  }

  /**
   * The good-record form of every field of {@code source}'s typed schema (but {@code dt}), as one
   * struct: the id and strings trimmed (blank is null), times parsed, numbers cast, turns parsed
   * from their JSON text. Unreadable values are null, never an error.
   */
  private static Column typedStruct(Source source) {
    List<Column> fields = new ArrayList<>();
    for (StructField field : source.typed().fields()) {
      String name = field.name();
      if (name.equals(TouchpointSchema.DT)) {
        continue;
      }
      Column c = switch (name) {
        case TouchpointSchema.EVENT_TIME, InteractionSchema.START_TIME -> parseTime(field(name));
        case TouchpointSchema.EVENT_ID, InteractionSchema.INTERACTION_ID -> col(RECORD_ID);
        case InteractionSchema.TURNS -> functions.transform(
            functions.from_json(field(name), new ArrayType(InteractionSchema.RAW_TURN, true), Map.of()),
            t -> functions.struct(functions.lower(functions.trim(t.getField(InteractionSchema.TURN_SPEAKER)))
                    .as(InteractionSchema.TURN_SPEAKER),
                t.getField(InteractionSchema.TURN_OFFSET_S).cast(DataTypes.StringType).cast("double")
                    .as(InteractionSchema.TURN_OFFSET_S),
                t.getField(InteractionSchema.TURN_TEXT).as(InteractionSchema.TURN_TEXT)));
        default -> field.dataType().sameType(DataTypes.StringType)
            ? functions.nullif(functions.trim(field(name)), lit(""))
            : expr("try_cast(trim(" + PARSED + "." + name + ") as " + field.dataType().sql() + ")");
      };
      // The typed schema is the contract: cast guarantees the column type even where input was odd.
      fields.add(c.cast(field.dataType()).as(name));
    }
    return functions.struct(fields.toArray(new Column[0]));
  }

  /** The typed fields (not strings) that were given but could not be read, by name. */
  private static Column nulled(Source source) {
    List<Column> names = new ArrayList<>();
    for (StructField field : source.typed().fields()) {
      String name = field.name();
      boolean optional = !name.equals(TouchpointSchema.DT) && !name.equals(TouchpointSchema.EVENT_TIME)
          && !name.equals(InteractionSchema.START_TIME) && !field.dataType().sameType(DataTypes.StringType);
      if (optional) {
        names.add(when(functions.not(blank(field(name))).and(typedField(name).isNull()), lit(name)));
      }
    }
    Column all = functions.array(names.toArray(new Column[0]));
    return when(col(REASON).isNull().and(functions.not(col(BLANK))),
        functions.filter(all, c -> c.isNotNull())).otherwise(functions.array().cast("array<string>"));
  }

  /** ISO-8601 with or without offset; null (never an exception) for anything else. */
  public static Column parseTime(Column text) {
    return functions.try_to_timestamp(functions.trim(text));
  }

  /** A field of the parsed line, as landed (a string). */
  static Column field(String name) {
    return col(PARSED + "." + name);
  }

  /** A field of the good-record form. */
  static Column typedField(String name) {
    return col(TYPED + "." + name);
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

  /** Columns of the typed form, for {@link ValidatedInput#good}. */
  static Column[] typedColumns(Source source) {
    List<Column> cols = new ArrayList<>();
    for (StructField field : source.typed().fields()) {
      cols.add(field.name().equals(TouchpointSchema.DT) ? col(TouchpointSchema.DT) : typedField(field.name()));
    }
    return cols.toArray(new Column[0]);
  }
}
