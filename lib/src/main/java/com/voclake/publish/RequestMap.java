package com.voclake.publish;

import static com.voclake.publish.PublishedSchemas.AVG_SENTIMENT;
import static com.voclake.publish.PublishedSchemas.CUSTOMERS;
import static com.voclake.publish.PublishedSchemas.ESCALATIONS;
import static com.voclake.publish.PublishedSchemas.REQUESTS_LAST_WEEK;
import static com.voclake.publish.PublishedSchemas.REQUESTS_PREVIOUS_DAY;
import static com.voclake.publish.PublishedSchemas.HOUR;
import static com.voclake.publish.PublishedSchemas.NEGATIVE_SHARE;
import static com.voclake.publish.PublishedSchemas.REQUESTS;
import static com.voclake.publish.PublishedSchemas.TOP_KEYWORDS;
import static com.voclake.publish.PublishedSchemas.UNKNOWN;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The request map: how many requests of which category came through which channel from which
 * region in which hour (or on the day), with how many customers, how negative they were, how many
 * a supervisor should take over, what they talked about, and how many came in the same group the
 * day before and on the same weekday a week before. Pure transform; one row per group out.
 */
public final class RequestMap {
  /** The group-by dimensions besides {@code hour}; nulls and blanks become {@code unknown}. */
  public static final List<String> DIMENSIONS = List.of(
      PublishedSchemas.CHANNEL, PublishedSchemas.PROVINCE, PublishedSchemas.CITY,
      PublishedSchemas.CATEGORY_L1, PublishedSchemas.CATEGORY_L2);

  private static final String KEYWORD = "keyword";
  private static final String KEYWORD_COUNT = "keyword_count";
  private static final String RANK = "rank";
  private static final String JOIN_PREFIX = "kw_";
  private static final String EARLIER = "earlier_requests";

  private RequestMap() {}

  /**
   * The hour grain ({@code hourly}) or the day grain of the request map of {@code day}, from
   * enriched interactions (columns of {@code voc/interactions_enriched}) that include the day, the
   * day before and the same weekday a week before. {@code hour} is the hour of
   * {@code start_time} in the session time zone, which jobs set to {@code run.time-zone}. At the
   * day grain {@code customers} counts each customer of the group once for the whole day.
   * {@code top_keywords} holds at most {@code topKeywords} keywords of the group, most frequent
   * first, ties broken by keyword; keywords that look like a phone number or e-mail address are
   * left out. A keyword counts once per interaction. The comparison columns are 0 for a group
   * absent on a date that had data, null when the date is not in {@code datesWithData}.
   *
   * @return columns and order of {@link PublishedSchemas#REQUEST_MAP_SCHEMA} or
   *     {@link PublishedSchemas#REQUEST_MAP_DAILY_SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> enriched, LocalDate day, boolean hourly, int topKeywords,
      Set<String> datesWithData) {
    Dataset<Row> current = aggregate(enriched.where(col(EnrichedColumns.DT).equalTo(day.toString())), hourly,
        topKeywords);
    current = withEarlier(current, enriched, day.minusDays(1), hourly, REQUESTS_PREVIOUS_DAY, datesWithData);
    return withEarlier(current, enriched, day.minusDays(7), hourly, REQUESTS_LAST_WEEK, datesWithData);
  }

  /** The request map of one day's rows, without the comparison columns. */
  static Dataset<Row> aggregate(Dataset<Row> enrichedOfDay, boolean hourly, int topKeywords) {
    if (topKeywords <= 0) {
      throw new IllegalArgumentException("topKeywords must be positive, was " + topKeywords);
    }
    List<String> keyNames = keyNames(hourly);
    Dataset<Row> base = keyed(enrichedOfDay, hourly).select(concat(keys(keyNames),
        col(EnrichedColumns.ONE_ID), col(EnrichedColumns.SENTIMENT), col(EnrichedColumns.SENTIMENT_SCORE),
        col(EnrichedColumns.ESCALATE), col(EnrichedColumns.KEYWORDS)));

    Dataset<Row> counts = base.groupBy(keys(keyNames)).agg(
        count(lit(1)).as(REQUESTS),
        count_distinct(col(EnrichedColumns.ONE_ID)).as(CUSTOMERS),
        avg(when(col(EnrichedColumns.SENTIMENT).equalTo(EnrichedColumns.NEGATIVE), lit(1.0))
            .otherwise(lit(0.0))).as(NEGATIVE_SHARE),
        avg(col(EnrichedColumns.SENTIMENT_SCORE).cast(DataTypes.DoubleType)).as(AVG_SENTIMENT),
        sum(when(col(EnrichedColumns.ESCALATE), lit(1L)).otherwise(lit(0L))).as(ESCALATIONS));

    Dataset<Row> keywords = topKeywords(base, keyNames, topKeywords);
    Column joinCondition = null;
    for (String key : keyNames) {
      Column equal = counts.col(key).eqNullSafe(keywords.col(JOIN_PREFIX + key));
      joinCondition = joinCondition == null ? equal : joinCondition.and(equal);
    }
    Dataset<Row> joined = counts.join(keywords, joinCondition, "left");

    List<Column> out = new ArrayList<>();
    for (String key : keyNames) {
      out.add(counts.col(key));
    }
    out.add(col(REQUESTS));
    out.add(col(CUSTOMERS));
    out.add(col(NEGATIVE_SHARE));
    out.add(col(AVG_SENTIMENT));
    out.add(col(ESCALATIONS));
    out.add(coalesce(col(TOP_KEYWORDS), array().cast(DataTypes.createArrayType(DataTypes.StringType)))
        .as(TOP_KEYWORDS));
    return joined.select(out.toArray(Column[]::new));
  }

  /** Adds {@code column}: the group's requests on {@code earlier}, 0 if absent, null if that date had no data. */
  private static Dataset<Row> withEarlier(Dataset<Row> current, Dataset<Row> enriched, LocalDate earlier,
      boolean hourly, String column, Set<String> datesWithData) {
    List<String> keyNames = keyNames(hourly);
    if (!datesWithData.contains(earlier.toString())) {
      return current.withColumn(column, lit(null).cast(DataTypes.LongType));
    }
    List<Column> prefixed = new ArrayList<>();
    for (String key : keyNames) {
      prefixed.add(col(key).as(JOIN_PREFIX + key));
    }
    Dataset<Row> then = keyed(enriched.where(col(EnrichedColumns.DT).equalTo(earlier.toString())), hourly)
        .groupBy(prefixed.toArray(Column[]::new)).agg(count(lit(1)).as(EARLIER));
    Column joinCondition = null;
    for (String key : keyNames) {
      Column equal = current.col(key).eqNullSafe(then.col(JOIN_PREFIX + key));
      joinCondition = joinCondition == null ? equal : joinCondition.and(equal);
    }
    List<Column> out = new ArrayList<>();
    for (String name : current.columns()) {
      out.add(current.col(name));
    }
    out.add(coalesce(col(EARLIER), lit(0L)).as(column));
    return current.join(then, joinCondition, "left").select(out.toArray(Column[]::new));
  }

  /** The rows with their group keys as columns: hour (if hourly) and the dimensions. */
  private static Dataset<Row> keyed(Dataset<Row> enriched, boolean hourly) {
    Dataset<Row> out = enriched;
    if (hourly) {
      out = out.withColumn(HOUR, hour(col(EnrichedColumns.START_TIME)));
    }
    for (String dimension : DIMENSIONS) {
      out = out.withColumn(dimension, dimension(dimension));
    }
    return out;
  }

  /** A dimension column of the input, with null or blank values as {@code unknown}. */
  public static Column dimension(String name) {
    return coalesce(nullif(trim(col(name)), lit("")), lit(UNKNOWN));
  }

  /** The {@code topKeywords} most frequent keywords of each group, keyed by prefixed group columns. */
  private static Dataset<Row> topKeywords(Dataset<Row> base, List<String> keyNames, int topKeywords) {
    List<Column> withKeyword = new ArrayList<>(List.of(keys(keyNames)));
    // A keyword counts once per interaction: how many requests mention it, not how often.
    withKeyword.add(explode(array_distinct(col(EnrichedColumns.KEYWORDS))).as(KEYWORD));
    Dataset<Row> mentions = base.select(withKeyword.toArray(Column[]::new))
        .withColumn(KEYWORD, trim(col(KEYWORD)))
        .where(col(KEYWORD).isNotNull().and(col(KEYWORD).notEqual(""))
            .and(PublishedPii.looksLikePii(col(KEYWORD)).unary_$bang()));

    List<Column> groupWithKeyword = new ArrayList<>(List.of(keys(keyNames)));
    groupWithKeyword.add(col(KEYWORD));
    Dataset<Row> ranked = mentions.groupBy(groupWithKeyword.toArray(Column[]::new))
        .agg(count(lit(1)).as(KEYWORD_COUNT))
        .withColumn(RANK, row_number().over(Window.partitionBy(keys(keyNames))
            .orderBy(col(KEYWORD_COUNT).desc(), col(KEYWORD).asc())))
        .where(col(RANK).leq(topKeywords));

    List<Column> prefixed = new ArrayList<>();
    for (String key : keyNames) {
      prefixed.add(col(key).as(JOIN_PREFIX + key));
    }
    return ranked.groupBy(prefixed.toArray(Column[]::new))
        .agg(transform(sort_array(collect_list(struct(col(RANK), col(KEYWORD)))),
            entry -> entry.getField(KEYWORD)).as(TOP_KEYWORDS));
  }

  private static List<String> keyNames(boolean hourly) {
    List<String> names = new ArrayList<>();
    if (hourly) {
      names.add(HOUR);
    }
    names.addAll(DIMENSIONS);
    return names;
  }

  private static Column[] keys(List<String> keyNames) {
    return keyNames.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  private static Column[] concat(Column[] first, Column... more) {
    List<Column> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return all.toArray(Column[]::new);
  }
}
