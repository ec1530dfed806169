package com.voclake.publish;

import static com.voclake.publish.PublishedSchemas.AVG_SENTIMENT;
import static com.voclake.publish.PublishedSchemas.CUSTOMERS;
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
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * The request map: how many requests of which category came through which channel from which
 * region in which hour, with how many customers, how negative they were and what they talked
 * about. Pure transform; one day of enriched interactions in, one row per group out.
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

  private RequestMap() {}

  /**
   * Aggregates enriched interactions (columns of {@code voc/interactions_enriched}) into the
   * request map. {@code hour} is the hour of {@code start_time} in the session time zone, which
   * jobs set to {@code run.time-zone}. {@code top_keywords} holds at most {@code topKeywords}
   * keywords of the group, most frequent first, ties broken by keyword; keywords that look like
   * a phone number or e-mail address are left out. A keyword counts once per interaction.
   *
   * @return columns and order of {@link PublishedSchemas#REQUEST_MAP_SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> enrichedOfDay, int topKeywords) {
    if (topKeywords <= 0) {
      throw new IllegalArgumentException("topKeywords must be positive, was " + topKeywords);
    }
    List<Column> keyColumns = new ArrayList<>();
    keyColumns.add(hour(col(EnrichedColumns.START_TIME)).as(HOUR));
    for (String dimension : DIMENSIONS) {
      keyColumns.add(dimension(dimension).as(dimension));
    }
    List<Column> projected = new ArrayList<>(keyColumns);
    projected.add(col(EnrichedColumns.ONE_ID));
    projected.add(col(EnrichedColumns.SENTIMENT));
    projected.add(col(EnrichedColumns.SENTIMENT_SCORE));
    projected.add(col(EnrichedColumns.KEYWORDS));
    Dataset<Row> base = enrichedOfDay.select(projected.toArray(Column[]::new));

    Column[] keys = keys();
    Dataset<Row> counts = base.groupBy(keys).agg(
        count(lit(1)).as(REQUESTS),
        count_distinct(col(EnrichedColumns.ONE_ID)).as(CUSTOMERS),
        avg(when(col(EnrichedColumns.SENTIMENT).equalTo(EnrichedColumns.NEGATIVE), lit(1.0))
            .otherwise(lit(0.0))).as(NEGATIVE_SHARE),
        avg(col(EnrichedColumns.SENTIMENT_SCORE).cast(DataTypes.DoubleType)).as(AVG_SENTIMENT));

    Dataset<Row> keywords = topKeywords(base, topKeywords);
    Column joinCondition = null;
    for (String key : keyNames()) {
      Column equal = counts.col(key).eqNullSafe(keywords.col(JOIN_PREFIX + key));
      joinCondition = joinCondition == null ? equal : joinCondition.and(equal);
    }
    Dataset<Row> joined = counts.join(keywords, joinCondition, "left");

    List<Column> out = new ArrayList<>();
    for (String key : keyNames()) {
      out.add(counts.col(key));
    }
    out.add(col(REQUESTS));
    out.add(col(CUSTOMERS));
    out.add(col(NEGATIVE_SHARE));
    out.add(col(AVG_SENTIMENT));
    out.add(coalesce(col(TOP_KEYWORDS), array().cast(DataTypes.createArrayType(DataTypes.StringType)))
        .as(TOP_KEYWORDS));
    return joined.select(out.toArray(Column[]::new));
  }

  /** A dimension column of the input, with null or blank values as {@code unknown}. */
  static Column dimension(String name) {
    return coalesce(nullif(trim(col(name)), lit("")), lit(UNKNOWN));
  }

  /** The {@code topKeywords} most frequent keywords of each group, keyed by prefixed group columns. */
  private static Dataset<Row> topKeywords(Dataset<Row> base, int topKeywords) {
    List<Column> withKeyword = new ArrayList<>(List.of(keys()));
    // A keyword counts once per interaction: how many requests mention it, not how often.
    withKeyword.add(explode(array_distinct(col(EnrichedColumns.KEYWORDS))).as(KEYWORD));
    Dataset<Row> mentions = base.select(withKeyword.toArray(Column[]::new))
        .withColumn(KEYWORD, trim(col(KEYWORD)))
        .where(col(KEYWORD).isNotNull().and(col(KEYWORD).notEqual(""))
            .and(PublishedPii.looksLikePii(col(KEYWORD)).unary_$bang()));

    List<Column> groupWithKeyword = new ArrayList<>(List.of(keys()));
    groupWithKeyword.add(col(KEYWORD));
    Dataset<Row> ranked = mentions.groupBy(groupWithKeyword.toArray(Column[]::new))
        .agg(count(lit(1)).as(KEYWORD_COUNT))
        .withColumn(RANK, row_number().over(Window.partitionBy(keys())
            .orderBy(col(KEYWORD_COUNT).desc(), col(KEYWORD).asc())))
        .where(col(RANK).leq(topKeywords));

    List<Column> prefixed = new ArrayList<>();
    for (String key : keyNames()) {
      prefixed.add(col(key).as(JOIN_PREFIX + key));
    }
    return ranked.groupBy(prefixed.toArray(Column[]::new))
        .agg(transform(sort_array(collect_list(struct(col(RANK), col(KEYWORD)))),
            entry -> entry.getField(KEYWORD)).as(TOP_KEYWORDS));
  }

  private static List<String> keyNames() {
    List<String> names = new ArrayList<>();
    names.add(HOUR);
    names.addAll(DIMENSIONS);
    return names;
  }

  private static Column[] keys() {
    return keyNames().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }
}
