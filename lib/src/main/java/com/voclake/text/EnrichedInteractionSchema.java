package com.voclake.text;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * {@code voc/interactions_enriched} (Delta, partitioned by {@code dt}): one row per valid
 * interaction of the day, written by the enrich job. It holds no raw identifier: customers are
 * referred to by {@code one_id} only, and the analysed text was scrubbed of phone numbers,
 * e-mails and other identifiers before any keyword or snippet was taken from it.
 *
 * <ul>
 *   <li>{@code category_l1/l2}: request category (the taxonomy's fallback 其他/其他 without any
 *       evidence), {@code category_confidence} in [0, 1];
 *   <li>{@code sentiment} neg | neu | pos and {@code sentiment_score} in [-1, 1] over the
 *       customer's text;
 *   <li>{@code emotion_start/min/end}: the customer's per-turn score at the start, lowest and end
 *       (all three equal {@code sentiment_score} for a single text; null without analysed text),
 *       {@code escalate}: a supervisor should step in;
 *   <li>{@code aspects}: one entry per product feature mentioned (de-duplicated per feature),
 *       polarity of its clauses and the strongest clause as the snippet; empty when none;
 *   <li>{@code keywords}: the top keywords by TF-IDF within the day, best first; empty when none;
 *   <li>{@code text_chars}: characters analysed (customer turns or text, normalised).
 * </ul>
 * Every column is nullable, as Delta reads them back.
 */
public final class EnrichedInteractionSchema {
  public static final String INTERACTION_ID = "interaction_id";
  public static final String ONE_ID = "one_id";
  public static final String DT = "dt";
  public static final String START_TIME = "start_time";
  public static final String CHANNEL = "channel";
  public static final String KIND = "kind";
  public static final String PROVINCE = "province";
  public static final String CITY = "city";
  public static final String CAR_MODEL = "car_model";
  public static final String RATING = "rating";
  public static final String CATEGORY_L1 = Categorizer.L1;
  public static final String CATEGORY_L2 = Categorizer.L2;
  public static final String CATEGORY_CONFIDENCE = Categorizer.CONFIDENCE;
  public static final String SENTIMENT = "sentiment";
  public static final String SENTIMENT_SCORE = "sentiment_score";
  public static final String EMOTION_START = "emotion_start";
  public static final String EMOTION_MIN = "emotion_min";
  public static final String EMOTION_END = "emotion_end";
  public static final String ESCALATE = "escalate";
  public static final String ASPECTS = AspectExtractor.ASPECTS;
  public static final String KEYWORDS = KeywordExtractor.KEYWORDS;
  public static final String TEXT_CHARS = "text_chars";

  public static final String NEG = "neg";
  public static final String NEU = "neu";
  public static final String POS = "pos";

  public static final StructType ASPECT = AspectExtractor.ASPECT;

  public static final StructType SCHEMA = new StructType()
      .add(INTERACTION_ID, StringType)
      .add(ONE_ID, StringType)
      .add(DT, StringType)
      .add(START_TIME, TimestampType)
      .add(CHANNEL, StringType)
      .add(KIND, StringType)
      .add(PROVINCE, StringType)
      .add(CITY, StringType)
      .add(CAR_MODEL, StringType)
      .add(RATING, IntegerType)
      .add(CATEGORY_L1, StringType)
      .add(CATEGORY_L2, StringType)
      .add(CATEGORY_CONFIDENCE, DoubleType)
      .add(SENTIMENT, StringType)
      .add(SENTIMENT_SCORE, DoubleType)
      .add(EMOTION_START, DoubleType)
      .add(EMOTION_MIN, DoubleType)
      .add(EMOTION_END, DoubleType)
      .add(ESCALATE, BooleanType)
      .add(ASPECTS, new ArrayType(ASPECT, true))
      .add(KEYWORDS, new ArrayType(StringType, true))
      .add(TEXT_CHARS, IntegerType);

  private EnrichedInteractionSchema() {}
}
