package com.voclake.publish;

import static com.voclake.publish.PublishedSchemas.CUSTOMERS;
import static com.voclake.publish.PublishedSchemas.FEATURE;
import static com.voclake.publish.PublishedSchemas.LIFT;
import static com.voclake.publish.PublishedSchemas.MENTIONS;
import static com.voclake.publish.PublishedSchemas.NEGATIVE;
import static com.voclake.publish.PublishedSchemas.NET_SENTIMENT;
import static com.voclake.publish.PublishedSchemas.PERIOD;
import static com.voclake.publish.PublishedSchemas.POSITIVE;
import static com.voclake.publish.PublishedSchemas.SEGMENT;
import static com.voclake.publish.PublishedSchemas.SEGMENT_TYPE;
import static com.voclake.publish.PublishedSchemas.SHARE_OF_VOICE;
import static com.voclake.publish.PublishedSchemas.UNKNOWN;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Product preference by customer segment: which product features customers of each car model,
 * city tier and age band talk about, how they feel about them, and how much more (or less) than
 * customers overall. Pure transform over a window of enriched interactions and the CDP profile.
 */
public final class ProductPreference {
  public static final String SEGMENT_CAR_MODEL = "car_model";
  public static final String SEGMENT_CITY_TIER = "city_tier";
  public static final String SEGMENT_AGE_BAND = "age_band";
  public static final String SEGMENT_ALL = "all";
  /** Segment types in output order; {@code all} is the baseline that lift compares against. */
  public static final List<String> SEGMENT_TYPES =
      List.of(SEGMENT_CAR_MODEL, SEGMENT_CITY_TIER, SEGMENT_AGE_BAND, SEGMENT_ALL);

  private static final String POLARITY = "polarity";
  private static final String SEGMENTS = "segments";
  private static final String SEGMENT_MENTIONS = "segment_mentions";
  private static final String ALL_SHARE = "all_share_of_voice";
  private static final String ALL_FEATURE = "all_feature";

  private ProductPreference() {}

  /** {@code first/last} day of a window of {@code days} days ending on {@code end}, end included. */
  public static String period(LocalDate end, int days) {
    return windowStart(end, days) + "/" + end;
  }

  /** First day of a window of {@code days} days ending on {@code end}. */
  public static LocalDate windowStart(LocalDate end, int days) {
    if (days <= 0) {
      throw new IllegalArgumentException("days must be positive, was " + days);
    }
    return end.minusDays(days - 1L);
  }

  /**
   * Explodes the aspects (feature mentions) of {@code enrichedWindow}, attaches each mention's
   * segments from {@code profile} (one row per {@code one_id}) and aggregates per segment and
   * feature. The car-model segment is the profile's {@code primary_car_model}, or, for a
   * customer without one, the car model of the interaction; a missing city tier, age band or car
   * model is {@code unknown}. Every mention also counts in segment {@code all}/{@code all}.
   *
   * <p>{@code share_of_voice} = the feature's mentions / all feature mentions of the segment;
   * {@code net_sentiment} = (positive − negative) / mentions; {@code lift} = the segment's share
   * of voice / the share of voice of the same feature in {@code all}.
   *
   * @param period the value of the {@code period} column, see {@link #period(LocalDate, int)}
   * @return columns and order of {@link PublishedSchemas#PRODUCT_PREFERENCE_SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> enrichedWindow, Dataset<Row> profile, String period) {
    Dataset<Row> mentions = enrichedWindow
        .select(col(EnrichedColumns.ONE_ID), col(EnrichedColumns.CAR_MODEL).as("interaction_car_model"),
            explode(col(EnrichedColumns.ASPECTS)).as("aspect"))
        .select(col(EnrichedColumns.ONE_ID), col("interaction_car_model"),
            nullif(trim(col("aspect." + EnrichedColumns.ASPECT_FEATURE)), lit("")).as(FEATURE),
            col("aspect." + EnrichedColumns.ASPECT_POLARITY).as(POLARITY))
        .where(col(FEATURE).isNotNull());

    // One row per customer even if the profile table breaks its contract; max() keeps it deterministic.
    Dataset<Row> segments = profile.groupBy(col(EnrichedColumns.ONE_ID).as("profile_one_id")).agg(
        max(col(EnrichedColumns.PRIMARY_CAR_MODEL)).as("profile_car_model"),
        max(col(EnrichedColumns.CITY_TIER)).cast("string").as(SEGMENT_CITY_TIER),
        max(col(EnrichedColumns.AGE_BAND)).cast("string").as(SEGMENT_AGE_BAND));

    Dataset<Row> withSegments = mentions
        .join(segments, mentions.col(EnrichedColumns.ONE_ID).equalTo(segments.col("profile_one_id")), "left")
        .select(col(EnrichedColumns.ONE_ID), col(FEATURE), col(POLARITY),
            explode(array(
                segment(SEGMENT_CAR_MODEL, coalesce(blankToNull(col("profile_car_model")),
                    blankToNull(col("interaction_car_model")))),
                segment(SEGMENT_CITY_TIER, blankToNull(col(SEGMENT_CITY_TIER))),
                segment(SEGMENT_AGE_BAND, blankToNull(col(SEGMENT_AGE_BAND))),
                segment(SEGMENT_ALL, lit(SEGMENT_ALL)))).as(SEGMENTS))
        .select(col(SEGMENTS + "." + SEGMENT_TYPE).as(SEGMENT_TYPE), col(SEGMENTS + "." + SEGMENT).as(SEGMENT),
            col(EnrichedColumns.ONE_ID), col(FEATURE), col(POLARITY));

    Dataset<Row> perFeature = withSegments.groupBy(col(SEGMENT_TYPE), col(SEGMENT), col(FEATURE)).agg(
        count(lit(1)).as(MENTIONS),
        count_distinct(col(EnrichedColumns.ONE_ID)).as(CUSTOMERS),
        sum(when(col(POLARITY).equalTo(EnrichedColumns.POSITIVE), lit(1L)).otherwise(lit(0L))).as(POSITIVE),
        sum(when(col(POLARITY).equalTo(EnrichedColumns.NEGATIVE), lit(1L)).otherwise(lit(0L))).as(NEGATIVE))
        .withColumn(SEGMENT_MENTIONS, sum(col(MENTIONS)).over(Window.partitionBy(col(SEGMENT_TYPE), col(SEGMENT))))
        .withColumn(SHARE_OF_VOICE, col(MENTIONS).divide(col(SEGMENT_MENTIONS)))
        .withColumn(NET_SENTIMENT, col(POSITIVE).minus(col(NEGATIVE)).divide(col(MENTIONS)));

    Dataset<Row> baseline = perFeature.where(col(SEGMENT_TYPE).equalTo(SEGMENT_ALL))
        .select(col(FEATURE).as(ALL_FEATURE), col(SHARE_OF_VOICE).as(ALL_SHARE));

    return perFeature.join(baseline, perFeature.col(FEATURE).equalTo(baseline.col(ALL_FEATURE)), "left")
        .select(lit(period).as(PERIOD), col(SEGMENT_TYPE), col(SEGMENT), col(FEATURE), col(MENTIONS),
            col(CUSTOMERS), col(SHARE_OF_VOICE), col(POSITIVE), col(NEGATIVE), col(NET_SENTIMENT),
            col(SHARE_OF_VOICE).divide(col(ALL_SHARE)).as(LIFT));
  }

  private static Column segment(String type, Column value) {
    return struct(lit(type).as(SEGMENT_TYPE), coalesce(value, lit(UNKNOWN)).as(SEGMENT));
  }

  private static Column blankToNull(Column value) {
    return nullif(trim(value.cast("string")), lit(""));
  }
}
