package com.voclake.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.voclake.pipeline.Checkpoints;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * Landed lines of one source with their verdicts ({@link InputValidation#validate}): the good
 * records in the source's typed schema, the rejects with their reasons, and the counts. Every
 * non-blank line is either good or rejected, once: {@code records in = good + quarantined}.
 *
 * @param checked every line with {@link InputValidation#REASON}, {@link InputValidation#BLANK},
 *     {@link InputValidation#RECORD_ID}, {@link InputValidation#NULLED}, the raw line and its typed form
 */
public record ValidatedInput(Source source, Dataset<Row> checked) {
  private static final String REASON = InputValidation.REASON;

  /** The counts of one batch of lines. */
  public record Counts(long blankLines, long good, Map<String, Long> rejectsByReason,
      Map<String, Long> nulledByField) {
    public Counts {
      rejectsByReason = Map.copyOf(rejectsByReason);
      nulledByField = Map.copyOf(nulledByField);
    }

    /** Records read: every line that is not blank. */
    public long recordsIn() {
      return good + quarantined();
    }

    public long quarantined() {
      return rejectsByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Counts of two batches together (two sources of one increment). */
    public Counts plus(Counts other) {
      Map<String, Long> reasons = new TreeMap<>(rejectsByReason);
      other.rejectsByReason.forEach((k, v) -> reasons.merge(k, v, Long::sum));
      Map<String, Long> nulled = new TreeMap<>(nulledByField);
      other.nulledByField.forEach((k, v) -> nulled.merge(k, v, Long::sum));
      return new Counts(blankLines + other.blankLines, good + other.good, reasons, nulled);
    }

    public static final Counts NONE = new Counts(0, 0, Map.of(), Map.of());
  }

  /** Good records, in {@link Source#typed()}. */
  public Dataset<Row> good() {
    return checked.where(col(REASON).isNull().and(functions.not(col(InputValidation.BLANK))))
        .select(InputValidation.typedColumns(source));
  }

  /** Rejected lines: {@code record_id, reason, raw, dt}. */
  public Dataset<Row> rejects() {
    return checked.where(col(REASON).isNotNull()).select(col(InputValidation.RECORD_ID).as(QuarantineSchema.RECORD_ID),
        col(REASON).as(QuarantineSchema.REASON), col(InputValidation.RAW).as(QuarantineSchema.RAW),
        col(TouchpointSchema.DT).as(QuarantineSchema.DT));
  }

  /**
   * The same lines, where the good records whose id is in {@code ids} (one column of record ids)
   * are rejected with {@code reason}: a record that an earlier batch already brought is a
   * duplicate, which only a step that knows the stored tables can tell.
   */
  public ValidatedInput rejecting(Dataset<Row> ids, String reason) {
    Dataset<Row> marked = ids.select(col(ids.columns()[0]).as(InputValidation.RECORD_ID)).distinct()
        .withColumn("_late", lit(reason));
    Dataset<Row> joined = checked.join(functions.broadcast(marked), new String[] {InputValidation.RECORD_ID}, "left")
        .withColumn(REASON, when(col(REASON).isNull().and(functions.not(col(InputValidation.BLANK))),
            col("_late")).otherwise(col(REASON)))
        .drop("_late");
    return new ValidatedInput(source, joined.select(checked.columns()[0], rest(checked.columns())));
  }

  /**
   * Only the lines that {@link #rejecting} would newly reject: {@link #rejects()} rows of the good
   * records whose id is in {@code ids}, with {@code reason}.
   */
  public ValidatedInput onlyRejecting(Dataset<Row> ids, String reason) {
    Dataset<Row> marked = ids.select(col(ids.columns()[0]).as(InputValidation.RECORD_ID)).distinct();
    Dataset<Row> good = checked.where(col(REASON).isNull().and(functions.not(col(InputValidation.BLANK))))
        .join(functions.broadcast(marked), new String[] {InputValidation.RECORD_ID}, "left_semi")
        .withColumn(REASON, lit(reason));
    return new ValidatedInput(source, good.select(checked.columns()[0], rest(checked.columns())));
  }

  /**
   * Computes the verdicts once and returns them stored ({@link Checkpoints#materialize}), without
   * the parsed JSON; the raw line is kept for rejects, and for good records only when
   * {@code keepGoodRaw} (a later step may still reject them: {@link #rejecting}).
   */
  public ValidatedInput materialized(boolean keepGoodRaw) {
    Column raw = keepGoodRaw ? col(InputValidation.RAW)
        : when(col(REASON).isNotNull(), col(InputValidation.RAW)).as(InputValidation.RAW);
    List<String> kept = new java.util.ArrayList<>();
    for (String c : checked.columns()) {
      if (!c.equals(InputValidation.PARSED) && !c.equals(InputValidation.RAW)) {
        kept.add(c);
      }
    }
    Column[] columns = new Column[kept.size() + 1];
    columns[0] = raw.as(InputValidation.RAW);
    for (int i = 0; i < kept.size(); i++) {
      columns[i + 1] = col(kept.get(i));
    }
    return new ValidatedInput(source, Checkpoints.materialize(checked.select(columns)));
  }

  /** Counts the lines by verdict, in one job. */
  public Counts count() {
    List<StructField> typedFields = List.of(source.typed().fields());
    Column[] aggregates = new Column[typedFields.size() + 1];
    aggregates[0] = functions.count(lit(1)).as("_n");
    for (int i = 0; i < typedFields.size(); i++) {
      String name = typedFields.get(i).name();
      aggregates[i + 1] = functions.count(when(functions.array_contains(col(InputValidation.NULLED), name), lit(1)));
    }
    long blank = 0;
    long good = 0;
    Map<String, Long> reasons = new TreeMap<>();
    Map<String, Long> nulled = new TreeMap<>();
    for (Row r : checked.groupBy(col(REASON), col(InputValidation.BLANK))
        .agg(aggregates[0], java.util.Arrays.copyOfRange(aggregates, 1, aggregates.length)).collectAsList()) {
      long n = r.getLong(2);
      if (r.getBoolean(1)) {
        blank += n;
      } else if (r.isNullAt(0)) {
        good += n;
      } else {
        reasons.merge(r.getString(0), n, Long::sum);
      }
      for (int i = 0; i < typedFields.size(); i++) {
        long fields = r.getLong(3 + i);
        if (fields > 0) {
          nulled.merge(typedFields.get(i).name(), fields, Long::sum);
        }
      }
    }
    return new Counts(blank, good, reasons, nulled);
  }

  private static String[] rest(String[] columns) {
    return java.util.Arrays.copyOfRange(columns, 1, columns.length);
  }
}
