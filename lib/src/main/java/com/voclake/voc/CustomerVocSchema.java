package com.voclake.voc;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * {@code cdp/customer_voc} (Delta, unpartitioned): one row per {@code one_id} that has enriched
 * interactions, summarising all of them: what the customer says and cares about. Every column is
 * derived from {@code voc/interactions_enriched}, so it holds no raw identifier, no text, no
 * snippet and no keyword: only counts, scores, feature names and tags ({@code docs/customer-voc.md}
 * tells the rules).
 *
 * <ul>
 *   <li>{@code interactions}: enriched interactions of the customer; {@code interactions_by_kind}
 *       and {@code interactions_by_channel} split them ({@value #UNKNOWN} when a row has none);
 *   <li>{@code negative_interactions}: those with sentiment {@code neg}; {@code complaints}: those of
 *       kind {@code complaint} or request category {@value CustomerVoc#COMPLAINT_CATEGORY_L1};
 *       {@code escalations}: those whose escalation flag is set;
 *   <li>{@code avg_sentiment_score} over them (4 places), {@code last_sentiment} and
 *       {@code last_sentiment_score} of the newest (by start time, then interaction id);
 *   <li>{@code features}: each product feature the customer mentioned, with the interactions that
 *       mention it and their polarity, most mentioned first (then by name);
 *   <li>{@code interest_tags}: 抱怨X and 关注X by the rules of {@link CustomerVoc};
 *   <li>{@code first_contact_time}, {@code last_contact_time}: the oldest and newest interaction's
 *       start; {@code last_dt}: the newest landing date among them.
 * </ul>
 * Nothing in a row depends on when it was computed, so a rerun writes the same rows.
 */
public final class CustomerVocSchema {
  public static final String ONE_ID = "one_id";
  public static final String INTERACTIONS = "interactions";
  public static final String INTERACTIONS_BY_KIND = "interactions_by_kind";
  public static final String INTERACTIONS_BY_CHANNEL = "interactions_by_channel";
  public static final String NEGATIVE_INTERACTIONS = "negative_interactions";
  public static final String COMPLAINTS = "complaints";
  public static final String ESCALATIONS = "escalations";
  public static final String AVG_SENTIMENT_SCORE = "avg_sentiment_score";
  public static final String LAST_SENTIMENT = "last_sentiment";
  public static final String LAST_SENTIMENT_SCORE = "last_sentiment_score";
  public static final String FEATURES = "features";
  public static final String INTEREST_TAGS = "interest_tags";
  public static final String FIRST_CONTACT_TIME = "first_contact_time";
  public static final String LAST_CONTACT_TIME = "last_contact_time";
  public static final String LAST_DT = "last_dt";

  public static final String FEATURE = "feature";
  public static final String MENTIONS = "mentions";
  public static final String POSITIVE = "positive";
  public static final String NEGATIVE = "negative";
  public static final String NEUTRAL = "neutral";
  public static final String NET_SENTIMENT = "net_sentiment";

  /** The map key of rows without a kind or channel (map keys cannot be null). */
  public static final String UNKNOWN = "unknown";

  /** One feature of a customer: {@code net_sentiment = (positive - negative) / mentions}. */
  public static final StructType FEATURE_SUMMARY = new StructType()
      .add(FEATURE, StringType)
      .add(MENTIONS, LongType)
      .add(POSITIVE, LongType)
      .add(NEGATIVE, LongType)
      .add(NEUTRAL, LongType)
      .add(NET_SENTIMENT, DoubleType);

  public static final StructType SCHEMA = new StructType()
      .add(ONE_ID, StringType)
      .add(INTERACTIONS, LongType)
      .add(INTERACTIONS_BY_KIND, new MapType(StringType, LongType, true))
      .add(INTERACTIONS_BY_CHANNEL, new MapType(StringType, LongType, true))
      .add(NEGATIVE_INTERACTIONS, LongType)
      .add(COMPLAINTS, LongType)
      .add(ESCALATIONS, LongType)
      .add(AVG_SENTIMENT_SCORE, DoubleType)
      .add(LAST_SENTIMENT, StringType)
      .add(LAST_SENTIMENT_SCORE, DoubleType)
      .add(FEATURES, new ArrayType(FEATURE_SUMMARY, true))
      .add(INTEREST_TAGS, new ArrayType(StringType, true))
      .add(FIRST_CONTACT_TIME, TimestampType)
      .add(LAST_CONTACT_TIME, TimestampType)
      .add(LAST_DT, StringType);

  private CustomerVocSchema() {}
}
