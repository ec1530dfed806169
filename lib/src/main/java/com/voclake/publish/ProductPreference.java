package com.voclake.publish;

import static com.voclake.publish.PublishedSchemas.CUSTOMERS;
import static com.voclake.publish.PublishedSchemas.FEATURE;
import static com.voclake.publish.PublishedSchemas.LIFT;
import static com.voclake.publish.PublishedSchemas.MENTIONS;
import static com.voclake.publish.PublishedSchemas.NEGATIVE;
import static com.voclake.publish.PublishedSchemas.NET_SENTIMENT;
import static com.voclake.publish.PublishedSchemas.NEUTRAL;
import static com.voclake.publish.PublishedSchemas.PERIOD;
import static com.voclake.publish.PublishedSchemas.PERIOD_TYPE;
import static com.voclake.publish.PublishedSchemas.POSITIVE;
import static com.voclake.publish.PublishedSchemas.PREVIOUS_MENTIONS;
import static com.voclake.publish.PublishedSchemas.PREVIOUS_NET_SENTIMENT;
import static com.voclake.publish.PublishedSchemas.PREVIOUS_SHARE_OF_VOICE;
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
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Product preference by customer segment: which product features customers of each car model,
 * city tier, age band, gender and stage (潜客 prospect / 车主 owner) talk about, how they feel
 * about them, how much more (or less) than customers overall, and how that moved against the
 * period before. Pure transform over enriched interactions, the CDP profile and the owners.
 */
public final class ProductPreference {
  public static final String SEGMENT_CAR_MODEL = "car_model";
  public static final String SEGMENT_CITY_TIER = "city_tier";
  public static final String SEGMENT_AGE_BAND = "age_band";
  public static final String SEGMENT_GENDER = "gender";
  public static final String SEGMENT_STAGE = "stage";
  public static final String SEGMENT_ALL = "all";
  /** Segment types in output order; {@code all} is the baseline that lift compares against. */
  public static final List<String> SEGMENT_TYPES = List.of(SEGMENT_CAR_MODEL, SEGMENT_CITY_TIER, SEGMENT_AGE_BAND,
      SEGMENT_GENDER, SEGMENT_STAGE, SEGMENT_ALL);
  /** Stage of a customer with a VIN among their identifiers. */
  public static final String OWNER = "车主";
  /** Stage of every other customer. */
  public static final String PROSPECT = "潜客";

  private static final String POLARITY = "polarity";
  private static final String SEGMENTS = "segments";
  private static final String TAGS = "tags";
  private static final String WHICH = "which";
  private static final String CURRENT = "current";
  private static final String SEGMENT_MENTIONS = "segment_mentions";
  private static final String ALL_SHARE = "all_share_of_voice";
  private static final String PREFIX = "p_";

  /**
   * A period published each day, ending on the run's date and compared with the period of the
   * same length just before it.
   *
   * @param type {@code day}, {@code week} or {@code month}
   */
  public record Period(String type, int days) {
    public Period {
      if (days <= 0) {
        throw new IllegalArgumentException("a period needs at least one day, was " + days);
      }
    }

    /** {@code first/last} day of the period ending on {@code end}. */
    public String period(LocalDate end) {
      return end.minusDays(days - 1L) + "/" + end;
    }
  }

  /** The day, the week (7 days) and the "month" of {@code monthDays} days ending on the run's date. */
  public static List<Period> periods(int monthDays) {
    return List.of(new Period("day", 1), new Period("week", 7), new Period("month", monthDays));
  }

  private ProductPreference() {}

  /** The first date {@link #build} reads: the start of the period before the longest one. */
  public static LocalDate firstDate(LocalDate day, List<Period> periods) {
    int longest = periods.stream().mapToInt(Period::days).max().orElse(1);
    return day.minusDays(2L * longest - 1);
  }

  /**
   * Explodes the aspects (feature mentions) of {@code enriched}, attaches each mention's segments
   * from {@code profile} (one row per {@code one_id}) and {@code owners} (the {@code one_id}s of
   * owners), and aggregates per period, segment and feature. The car-model segment is the
   * profile's {@code primary_car_model}, or, for a customer without one, the car model of the
   * interaction; a missing city tier, age band, gender or car model is {@code unknown}. Every
   * mention also counts in segment {@code all}/{@code all}.
   *
   * <p>{@code share_of_voice} = the feature's mentions / all feature mentions of the segment;
   * {@code net_sentiment} = (positive − negative) / mentions, so neutral mentions count in the
   * mentions and pull it towards 0; {@code lift} = the segment's share of voice / the share of
   * voice of the same feature in {@code all}. The {@code previous_*} columns hold the same figures
   * over the period of the same length just before, null where the segment did not mention the
   * feature then.
   *
   * @return columns and order of {@link PublishedSchemas#PRODUCT_PREFERENCE_SCHEMA}
   */
  public static Dataset<Row> build(Dataset<Row> enriched, Dataset<Row> profile, Dataset<Row> owners, LocalDate day,
      List<Period> periods) {
    Dataset<Row> mentions = enriched
        .where(col(EnrichedColumns.DT).between(firstDate(day, periods).toString(), day.toString()))
        .select(col(EnrichedColumns.ONE_ID), col(EnrichedColumns.DT),
            col(EnrichedColumns.CAR_MODEL).as("interaction_car_model"),
            explode(col(EnrichedColumns.ASPECTS)).as("aspect"))
        .select(col(EnrichedColumns.ONE_ID), col(EnrichedColumns.DT), col("interaction_car_model"),
            nullif(trim(col("aspect." + EnrichedColumns.ASPECT_FEATURE)), lit("")).as(FEATURE),
            col("aspect." + EnrichedColumns.ASPECT_POLARITY).as(POLARITY))
        .where(col(FEATURE).isNotNull());

    Dataset<Row> perFeature = aggregate(periodTags(withSegments(mentions, profile, owners), day, periods));
    Dataset<Row> current = perFeature.where(col(WHICH).equalTo(CURRENT));
    List<Column> previousColumns = new ArrayList<>();
    for (String column : List.of(PERIOD_TYPE, SEGMENT_TYPE, SEGMENT, FEATURE, MENTIONS, SHARE_OF_VOICE, NET_SENTIMENT)) {
      previousColumns.add(col(column).as(PREFIX + column));
    }
    Dataset<Row> previous = perFeature.where(col(WHICH).notEqual(CURRENT)).select(previousColumns.toArray(Column[]::new));
    Column join = current.col(PERIOD_TYPE).equalTo(previous.col(PREFIX + PERIOD_TYPE))
        .and(current.col(SEGMENT_TYPE).equalTo(previous.col(PREFIX + SEGMENT_TYPE)))
        .and(current.col(SEGMENT).equalTo(previous.col(PREFIX + SEGMENT)))
        .and(current.col(FEATURE).equalTo(previous.col(PREFIX + FEATURE)));

    Column period = lit(null).cast("string");
    for (Period type : periods) {
      period = when(col(PERIOD_TYPE).equalTo(type.type()), lit(type.period(day))).otherwise(period);
    }
    return current.join(previous, join, "left").select(col(PERIOD_TYPE), period.as(PERIOD), col(SEGMENT_TYPE),
        col(SEGMENT), col(FEATURE), col(MENTIONS), col(CUSTOMERS), col(SHARE_OF_VOICE), col(POSITIVE), col(NEUTRAL),
        col(NEGATIVE), col(NET_SENTIMENT), col(LIFT), col(PREFIX + MENTIONS).as(PREVIOUS_MENTIONS),
        col(PREFIX + SHARE_OF_VOICE).as(PREVIOUS_SHARE_OF_VOICE),
        col(PREFIX + NET_SENTIMENT).as(PREVIOUS_NET_SENTIMENT));
  }

  /** One row per mention and segment it belongs to. */
  private static Dataset<Row> withSegments(Dataset<Row> mentions, Dataset<Row> profile, Dataset<Row> owners) {
    // One row per customer even if the profile table breaks its contract; max() keeps it deterministic.
    Dataset<Row> segments = profile.groupBy(col(EnrichedColumns.ONE_ID).as("profile_one_id")).agg(
        max(col(EnrichedColumns.PRIMARY_CAR_MODEL)).as("profile_car_model"),
        max(col(EnrichedColumns.CITY_TIER)).cast("string").as(SEGMENT_CITY_TIER),
        max(col(EnrichedColumns.AGE_BAND)).cast("string").as(SEGMENT_AGE_BAND),
        max(col(EnrichedColumns.GENDER)).cast("string").as(SEGMENT_GENDER));
    Dataset<Row> ownerIds = owners.select(col(EnrichedColumns.ONE_ID).as("owner_one_id")).distinct();

    return mentions
        .join(segments, mentions.col(EnrichedColumns.ONE_ID).equalTo(segments.col("profile_one_id")), "left")
        .join(ownerIds, mentions.col(EnrichedColumns.ONE_ID).equalTo(ownerIds.col("owner_one_id")), "left")
        .select(col(EnrichedColumns.ONE_ID), col(EnrichedColumns.DT), col(FEATURE), col(POLARITY),
            explode(array(
                segment(SEGMENT_CAR_MODEL, coalesce(blankToNull(col("profile_car_model")),
                    blankToNull(col("interaction_car_model")))),
                segment(SEGMENT_CITY_TIER, blankToNull(col(SEGMENT_CITY_TIER))),
                segment(SEGMENT_AGE_BAND, blankToNull(col(SEGMENT_AGE_BAND))),
                segment(SEGMENT_GENDER, blankToNull(col(SEGMENT_GENDER))),
                segment(SEGMENT_STAGE, when(col("owner_one_id").isNotNull(), lit(OWNER)).otherwise(lit(PROSPECT))),
                segment(SEGMENT_ALL, lit(SEGMENT_ALL)))).as(SEGMENTS))
        .select(col(SEGMENTS + "." + SEGMENT_TYPE).as(SEGMENT_TYPE), col(SEGMENTS + "." + SEGMENT).as(SEGMENT),
            col(EnrichedColumns.ONE_ID), col(EnrichedColumns.DT), col(FEATURE), col(POLARITY));
  }

  /** One row per mention, segment and period (type, current or previous) whose dates hold it. */
  private static Dataset<Row> periodTags(Dataset<Row> segmented, LocalDate day, List<Period> periods) {
    List<Column> tags = new ArrayList<>();
    for (Period type : periods) {
      String currentStart = day.minusDays(type.days() - 1L).toString();
      String previousStart = day.minusDays(2L * type.days() - 1).toString();
      Column dt = col(EnrichedColumns.DT);
      tags.add(when(dt.between(currentStart, day.toString()), tag(type, CURRENT)));
      tags.add(when(dt.between(previousStart, day.minusDays(type.days()).toString()), tag(type, "previous")));
    }
    return segmented.withColumn(TAGS, explode(filter(array(tags.toArray(Column[]::new)), Column::isNotNull)))
        .select(col(TAGS + "." + PERIOD_TYPE).as(PERIOD_TYPE), col(TAGS + "." + WHICH).as(WHICH),
            col(SEGMENT_TYPE), col(SEGMENT), col(EnrichedColumns.ONE_ID), col(FEATURE), col(POLARITY));
  }

  private static Dataset<Row> aggregate(Dataset<Row> tagged) {
    Dataset<Row> perFeature = tagged.groupBy(col(PERIOD_TYPE), col(WHICH), col(SEGMENT_TYPE), col(SEGMENT), col(FEATURE))
        .agg(count(lit(1)).as(MENTIONS),
            count_distinct(col(EnrichedColumns.ONE_ID)).as(CUSTOMERS),
            polarityCount(EnrichedColumns.POSITIVE).as(POSITIVE),
            polarityCount(EnrichedColumns.NEGATIVE).as(NEGATIVE))
        .withColumn(NEUTRAL, col(MENTIONS).minus(col(POSITIVE)).minus(col(NEGATIVE)))
        .withColumn(SEGMENT_MENTIONS, sum(col(MENTIONS))
            .over(Window.partitionBy(col(PERIOD_TYPE), col(WHICH), col(SEGMENT_TYPE), col(SEGMENT))))
        .withColumn(SHARE_OF_VOICE, col(MENTIONS).divide(col(SEGMENT_MENTIONS)))
        .withColumn(NET_SENTIMENT, col(POSITIVE).minus(col(NEGATIVE)).divide(col(MENTIONS)));
    Dataset<Row> baseline = perFeature.where(col(SEGMENT_TYPE).equalTo(SEGMENT_ALL))
        .select(col(PERIOD_TYPE).as("b_period_type"), col(WHICH).as("b_which"), col(FEATURE).as("b_feature"),
            col(SHARE_OF_VOICE).as(ALL_SHARE));
    return perFeature.join(baseline, perFeature.col(PERIOD_TYPE).equalTo(baseline.col("b_period_type"))
            .and(perFeature.col(WHICH).equalTo(baseline.col("b_which")))
            .and(perFeature.col(FEATURE).equalTo(baseline.col("b_feature"))), "left")
        .withColumn(LIFT, col(SHARE_OF_VOICE).divide(col(ALL_SHARE)));
  }

  private static Column polarityCount(String polarity) {
    return sum(when(col(POLARITY).equalTo(polarity), lit(1L)).otherwise(lit(0L)));
  }

  private static Column tag(Period type, String which) {
    return struct(lit(type.type()).as(PERIOD_TYPE), lit(which).as(WHICH));
  }

  private static Column segment(String type, Column value) {
    return struct(lit(type).as(SEGMENT_TYPE), coalesce(value, lit(UNKNOWN)).as(SEGMENT));
  }

  private static Column blankToNull(Column value) {
    return nullif(trim(value.cast("string")), lit(""));
  }
}
