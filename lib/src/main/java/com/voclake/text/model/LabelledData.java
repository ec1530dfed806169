package com.voclake.text.model;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.voclake.InputException;
import com.voclake.text.TextNormalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Labelled training and evaluation data: reading CSV (with a header), JSON lines or Parquet, and
 * the cleaning every task needs. Texts are folded to half-width and trimmed; blank texts and
 * unknown labels are dropped; a text that occurs more than once (within or across files) is kept
 * once, and dropped altogether when its copies disagree on the label.
 *
 * <p>Output of {@link #texts}: {@link #TEXT}, {@link #LABEL} (string). Output of {@link #posts}:
 * {@link #POST_ID}, {@link #TEXT}, {@link #ASPECTS} (array of {@link #ASPECT_TYPE}, sorted).
 */
public final class LabelledData {
  public static final String TEXT = "text";
  public static final String LABEL = "label";
  public static final String POST_ID = "post_id";
  public static final String ASPECTS = "aspects";
  public static final String SUBJECT = "subject";
  public static final String POLARITY = "polarity";
  /** Car-reviews layout: the post id and the aspect's polarity (-1, 0, 1). */
  public static final String CONTENT_ID = "content_id";
  public static final String SENTIMENT_VALUE = "sentiment_value";
  public static final StructType ASPECT_TYPE = new StructType()
      .add(SUBJECT, DataTypes.StringType, true)
      .add(POLARITY, DataTypes.IntegerType, true);

  public static final String NEGATIVE = "negative";
  public static final String NEUTRAL = "neutral";
  public static final String POSITIVE = "positive";

  private LabelledData() {}

  /**
   * Cleaned data and what cleaning removed.
   *
   * @param rowsRead input rows
   * @param dropped rows with a blank text, a missing or unknown label
   * @param duplicates further copies of a text with the same label, dropped
   * @param conflicting distinct texts dropped because their copies disagree on the label
   */
  public record Loaded(Dataset<Row> rows, long rowsRead, long dropped, long duplicates, long conflicting) {}

  /**
   * Reads one file (or Parquet folder) by its extension, every column as it is stored; an
   * {@link InputException} that names the file when it is missing, of an unknown kind or
   * unreadable.
   */
  public static Dataset<Row> read(SparkSession spark, String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    try {
      if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
        return spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
            .option("encoding", "UTF-8").csv(path);
      }
      if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".jsonl.gz")) {
        return spark.read().json(path);
      }
      if (lower.endsWith(".parquet") || !lower.matches(".*\\.[a-z]{2,5}$")) {
        return spark.read().parquet(path);
      }
    } catch (RuntimeException e) {
      // Spark's reader fails here, while listing and inferring the schema, for a missing or
      // corrupt file: its first line says which.
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
      throw new InputException(String.format("Cannot read %s: %s", path, why), e);
    }
    throw new InputException(String.format("Cannot read %s: use a .csv (with a header), .jsonl or .parquet file",
        path));
  }

  /** Texts and labels of several files, cleaned (see the class comment). */
  public static Loaded loadTexts(SparkSession spark, List<String> inputs, String textCol, String labelCol, Task task) {
    Dataset<Row> all = null;
    for (String input : inputs) {
      Dataset<Row> raw = read(spark, input);
      requireColumns(raw, input, textCol, labelCol);
      Dataset<Row> selected = raw.select(col(textCol).cast("string").as(TEXT), col(labelCol).cast("string").as(LABEL));
      if (task == Task.SENTIMENT) {
        boolean threeWay = !selected.where(trim(col(LABEL)).equalTo("-1")).isEmpty();
        selected = selected.withColumn(LABEL, sentimentLabel(col(LABEL), threeWay));
      }
      all = all == null ? selected : all.unionByName(selected);
    }
    return clean(all);
  }

  /** Cleaning of {@link #TEXT}, {@link #LABEL} rows; pure apart from the counts it computes. */
  static Loaded clean(Dataset<Row> textsAndLabels) {
    Dataset<Row> grouped = texts(textsAndLabels).cache();
    Column agrees = size(col("_labels")).equalTo(1);
    Row stats = grouped.agg(coalesce(sum("_copies"), lit(0L)),
        coalesce(sum(when(agrees, col("_copies").minus(1))), lit(0L)),
        count(when(not(agrees), lit(1)))).first();
    long rowsRead = textsAndLabels.count();
    Dataset<Row> rows = grouped.where(agrees).select(col(TEXT), element_at(col("_labels"), 1).as(LABEL));
    return new Loaded(rows, rowsRead, rowsRead - stats.getLong(0), stats.getLong(1), stats.getLong(2));
  }

  /**
   * One row per distinct normalised, non-blank text with a label: {@link #TEXT}, {@code _labels}
   * (distinct labels of its copies, sorted) and {@code _copies}; pure.
   */
  static Dataset<Row> texts(Dataset<Row> textsAndLabels) {
    return textsAndLabels
        .select(normalized(col(TEXT)).as(TEXT), trim(col(LABEL)).as(LABEL))
        .where(col(TEXT).notEqual("").and(col(LABEL).isNotNull()).and(col(LABEL).notEqual("")))
        .groupBy(TEXT)
        .agg(array_sort(array_distinct(collect_list(LABEL))).as("_labels"), count(lit(1)).as("_copies"));
  }

  /** Half-width and trimmed: the form every model sees, at training and at prediction time. */
  public static Column normalized(Column text) {
    return trim(TextNormalizer.halfWidth(coalesce(text, lit(""))));
  }

  /**
   * negative / neutral / positive from the sources' conventions: 1 and 0 of the binary public sets,
   * -1 / 0 / 1 when a file has any -1 ({@code threeWay}), or the names themselves; anything else null.
   */
  static Column sentimentLabel(Column label, boolean threeWay) {
    Column l = lower(trim(label));
    return when(l.isin("1", "1.0", "positive", "pos"), lit(POSITIVE))
        .when(l.isin("-1", "-1.0", "negative", "neg"), lit(NEGATIVE))
        .when(l.isin("0", "0.0"), lit(threeWay ? NEUTRAL : NEGATIVE))
        .when(l.isin("neutral", "neu"), lit(NEUTRAL));
  }

  /** Posts of the car-reviews layout, cleaned: one row per post with its distinct aspects. */
  public static Loaded loadPosts(SparkSession spark, String input, String textCol, String subjectCol) {
    Dataset<Row> raw = read(spark, input);
    requireColumns(raw, input, CONTENT_ID, textCol, subjectCol, SENTIMENT_VALUE);
    long rowsRead = raw.count();
    Dataset<Row> posts = posts(raw, textCol, subjectCol).cache();
    Row stats = posts.agg(count(lit(1)), coalesce(sum("_rows"), lit(0L)), coalesce(sum("_duplicates"), lit(0L)),
        count(when(col("_texts").gt(1), lit(1)))).first();
    return new Loaded(posts.where(col("_texts").equalTo(1)).select(POST_ID, TEXT, ASPECTS), rowsRead,
        rowsRead - stats.getLong(1), stats.getLong(2), stats.getLong(3));
  }

  /**
   * Groups the car-reviews rows by {@code content_id}: {@link #POST_ID}, {@link #TEXT}, {@link #ASPECTS}
   * and bookkeeping columns {@code _rows}, {@code _duplicates} (rows repeating a (subject,
   * polarity) of the post) and {@code _texts} (distinct texts under the id; more than one is a
   * conflict). Rows without id, text, subject or a polarity in -1/0/1 are dropped; pure.
   */
  static Dataset<Row> posts(Dataset<Row> raw, String textCol, String subjectCol) {
    Column polarity = col(SENTIMENT_VALUE).cast("string").try_cast(DataTypes.DoubleType).cast("int");
    return raw
        .select(trim(col(CONTENT_ID).cast("string")).as(POST_ID), normalized(col(textCol).cast("string")).as(TEXT),
            trim(col(subjectCol).cast("string")).as(SUBJECT), polarity.as(POLARITY))
        .where(col(POST_ID).isNotNull().and(col(POST_ID).notEqual("")).and(col(TEXT).notEqual(""))
            .and(col(SUBJECT).isNotNull()).and(col(SUBJECT).notEqual("")).and(col(POLARITY).isin(-1, 0, 1)))
        .groupBy(POST_ID)
        .agg(min(TEXT).as(TEXT), count_distinct(col(TEXT)).as("_texts"), count(lit(1)).as("_rows"),
            array_sort(array_distinct(collect_list(struct(col(SUBJECT), col(POLARITY))))).as(ASPECTS))
        .withColumn("_duplicates", col("_rows").minus(size(col(ASPECTS))))
        .withColumn(ASPECTS, col(ASPECTS).cast(DataTypes.createArrayType(ASPECT_TYPE, false)));
  }

  private static void requireColumns(Dataset<Row> raw, String input, String... columns) {
    List<String> have = Arrays.asList(raw.columns());
    for (String c : columns) {
      if (!have.contains(c)) {
        throw new InputException(String.format(
            "%s has no column '%s'; its columns are %s (choose with --text-col / --label-col)",
            input, c, have));
      }
    }
  }
}
