package com.voclake.io;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.voclake.VoclakeException;
import com.voclake.pipeline.RunContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads landed JSON lines of one source for a range of landing dates, sends every bad record to
 * {@code quarantine/<source>} with its reason and the run id, and returns the good records in the
 * source's typed schema. Quarantine is replaced for the dates read, so rerunning a date is
 * idempotent. {@code records in = records out + quarantined} holds by construction and is logged.
 */
public final class InputReader {
  private static final Logger LOG = LoggerFactory.getLogger(InputReader.class);

  /** The landed sources VOCLake reads. */
  public enum Source {
    TOUCHPOINTS(TouchpointSchema.SOURCE, TouchpointSchema.RAW, TouchpointSchema.SCHEMA),
    INTERACTIONS(InteractionSchema.SOURCE, InteractionSchema.RAW, InteractionSchema.SCHEMA);

    final String folder;
    final StructType raw;
    final StructType typed;

    Source(String folder, StructType raw, StructType typed) {
      this.folder = folder;
      this.raw = raw;
      this.typed = typed;
    }

    public String folder() {
      return folder;
    }
  }

  /**
   * Good records and the counts of one read.
   *
   * @param records good records in the source's typed schema (persisted; reused by the caller)
   * @param rejectsByReason quarantined records per reason
   */
  public record Batch(Dataset<Row> records, long recordsIn, long recordsOut, long quarantined,
      Map<String, Long> rejectsByReason) {}

  private InputReader() {}

  /**
   * Reads {@code source} for landing dates in [{@code fromDt}, {@code toDt}] (inclusive;
   * {@code fromDt} null means from the beginning).
   */
  public static Batch read(SparkSession spark, RunContext ctx, Source source, String fromDt, String toDt) {
    String root = ctx.config().paths().input() + "/" + source.folder;
    requireInput(spark, root, source, fromDt, toDt);
    String predicate = (fromDt == null ? "" : "dt >= '" + fromDt + "' AND ") + "dt <= '" + toDt + "'";

    // One landing date (every incremental day) reads its own folder: listing every dt= folder
    // of the history would cost a distributed listing job per source and run.
    boolean oneDate = fromDt != null && fromDt.equals(toDt);
    Dataset<Row> lines = spark.read().option("basePath", root).text(oneDate ? root + "/dt=" + toDt : root)
        .withColumn(TouchpointSchema.DT, col(TouchpointSchema.DT).cast("string"))
        .where(predicate)
        .where(functions.trim(col("value")).notEqual(""))
        .withColumnRenamed("value", InputValidation.RAW);
    Dataset<Row> parsed = InputValidation.parse(lines, source.raw);
    Dataset<Row> checked = (source == Source.TOUCHPOINTS
        ? InputValidation.validateTouchpoints(parsed, ctx.config().run().earliestValidDate())
        : InputValidation.validateInteractions(parsed, ctx.config().run().earliestValidDate()))
        // Only the quarantine needs a raw line; kept for good records too, it would hold the whole
        // input in the cache a second time and make the quarantine's scan read it all.
        .withColumn(InputValidation.RAW, when(col(InputValidation.REASON).isNotNull(), col(InputValidation.RAW)))
        .persist(StorageLevel.MEMORY_AND_DISK());

    Map<String, Long> byReason = new TreeMap<>();
    long good = 0;
    for (Row r : checked.groupBy(InputValidation.REASON).count().collectAsList()) {
      if (r.isNullAt(0)) {
        good = r.getLong(1);
      } else {
        byReason.put(r.getString(0), r.getLong(1));
      }
    }
    long quarantined = byReason.values().stream().mapToLong(Long::longValue).sum();
    long total = good + quarantined;
    if (quarantined > 0 && ctx.config().run().failFast()) {
      List<String> ids = checked.where(col(InputValidation.REASON).isNotNull())
          .select(InputValidation.RECORD_ID).limit(5).as(org.apache.spark.sql.Encoders.STRING())
          .collectAsList();
      throw VoclakeException.of("--fail-fast: %d bad %s records (%s), first ids %s", quarantined,
          source.folder, byReason, ids);
    }

    Dataset<Row> rejects = checked.where(col(InputValidation.REASON).isNotNull()).select(
        lit(ctx.runId()).as(QuarantineSchema.RUN_ID),
        lit(source.folder).as(QuarantineSchema.SOURCE),
        col(InputValidation.REASON).as(QuarantineSchema.REASON),
        col(InputValidation.RECORD_ID).as(QuarantineSchema.RECORD_ID),
        col(InputValidation.RAW).as(QuarantineSchema.RAW),
        current_timestamp().as(QuarantineSchema.QUARANTINED_AT),
        col(TouchpointSchema.DT).as(QuarantineSchema.DT));
    // One file per landing date: written as they come, each task would write a small file into
    // every date it holds, and a full read of a hundred dates would leave 800 files of a few rows.
    DeltaTables.replaceWhere(rejects.repartition(col(QuarantineSchema.DT)), ctx.warehouse().quarantine(source.folder),
        predicate, QuarantineSchema.DT);

    Dataset<Row> records = checked.where(col(InputValidation.REASON).isNull())
        .select(typedColumns(source));
    LOG.info("Read {} {} records for dt in [{}, {}]: {} good, {} quarantined {}", total, source.folder,
        fromDt == null ? "start" : fromDt, toDt, good, quarantined, byReason);
    return new Batch(records, total, good, quarantined, byReason);
  }

  private static void requireInput(SparkSession spark, String root, Source source, String fromDt, String toDt) {
    if (!HadoopFiles.exists(spark, root)) {
      throw VoclakeException.of("No %s landed under %s: expected JSON-lines files in %s/dt=YYYY-MM-DD/"
          + " (check paths.input or --input)", source.folder, root, root);
    }
    if (fromDt != null && fromDt.equals(toDt) && !HadoopFiles.exists(spark, root + "/dt=" + toDt)) {
      throw VoclakeException.of("No %s landed for %s: expected files under %s/dt=%s/ (check --date)",
          source.folder, toDt, root, toDt);
    }
  }

  private static Column[] typedColumns(Source source) {
    Function<String, Column> f = InputValidation::field;
    List<Column> cols = new ArrayList<>();
    for (StructField field : source.typed.fields()) {
      String name = field.name();
      Column c = switch (name) {
        case TouchpointSchema.DT -> col(TouchpointSchema.DT);
        case TouchpointSchema.EVENT_TIME, InteractionSchema.START_TIME ->
            InputValidation.parseTime(f.apply(name));
        case TouchpointSchema.EVENT_ID, InteractionSchema.INTERACTION_ID ->
            col(InputValidation.RECORD_ID);
        case InteractionSchema.TURNS -> expr("transform(" + InputValidation.PARSED + ".turns, t -> "
            + "named_struct('speaker', lower(trim(t.speaker)), 'offset_s', try_cast(t.offset_s as double),"
            + " 'text', t.text))");
        default -> field.dataType().sameType(org.apache.spark.sql.types.DataTypes.StringType)
            ? functions.nullif(functions.trim(f.apply(name)), lit(""))
            : expr("try_cast(trim(" + InputValidation.PARSED + "." + name + ") as "
                + field.dataType().sql() + ")");
      };
      // The typed schema is the contract: cast guarantees the column type even where input was odd.
      cols.add(c.cast(field.dataType()).as(name));
    }
    return cols.toArray(new Column[0]);
  }
}
