package com.voclake.publish;

/**
 * Columns of {@code voc/interactions_enriched} and {@code cdp/customer_profile} that publishing
 * reads (DESIGN.md data contracts). Publishing depends on these names only, not on the other
 * columns those tables carry.
 */
final class EnrichedColumns {
  static final String INTERACTION_ID = "interaction_id";
  static final String ONE_ID = "one_id";
  static final String DT = "dt";
  static final String START_TIME = "start_time";
  static final String CHANNEL = "channel";
  static final String KIND = "kind";
  static final String PROVINCE = "province";
  static final String CITY = "city";
  static final String CAR_MODEL = "car_model";
  static final String CATEGORY_L1 = "category_l1";
  static final String CATEGORY_L2 = "category_l2";
  static final String SENTIMENT = "sentiment";
  static final String SENTIMENT_SCORE = "sentiment_score";
  static final String ESCALATE = "escalate";
  static final String ASPECTS = "aspects";
  static final String ASPECT_FEATURE = "feature";
  static final String ASPECT_POLARITY = "polarity";
  static final String KEYWORDS = "keywords";

  static final String NEGATIVE = "neg";
  static final String POSITIVE = "pos";

  // customer_profile
  static final String PRIMARY_CAR_MODEL = "primary_car_model";
  static final String CITY_TIER = "city_tier";
  static final String AGE_BAND = "age_band";

  private EnrichedColumns() {}
}
