package com.voclake.publish;

import com.voclake.identity.CustomerProfileSchema;
import com.voclake.identity.IdentityLinksSchema;
import com.voclake.text.AspectExtractor;
import com.voclake.text.EnrichedInteractionSchema;

/**
 * The columns of {@code voc/interactions_enriched}, {@code cdp/customer_profile} and
 * {@code cdp/identity_links} that
 * publishing reads, taken from the schema classes that own them: publishing depends on these
 * names only, and a rename in those classes reaches it.
 */
final class EnrichedColumns {
  static final String INTERACTION_ID = EnrichedInteractionSchema.INTERACTION_ID;
  static final String ONE_ID = EnrichedInteractionSchema.ONE_ID;
  static final String DT = EnrichedInteractionSchema.DT;
  static final String START_TIME = EnrichedInteractionSchema.START_TIME;
  static final String CHANNEL = EnrichedInteractionSchema.CHANNEL;
  static final String KIND = EnrichedInteractionSchema.KIND;
  static final String PROVINCE = EnrichedInteractionSchema.PROVINCE;
  static final String CITY = EnrichedInteractionSchema.CITY;
  static final String CAR_MODEL = EnrichedInteractionSchema.CAR_MODEL;
  static final String CATEGORY_L1 = EnrichedInteractionSchema.CATEGORY_L1;
  static final String CATEGORY_L2 = EnrichedInteractionSchema.CATEGORY_L2;
  static final String SENTIMENT = EnrichedInteractionSchema.SENTIMENT;
  static final String SENTIMENT_SCORE = EnrichedInteractionSchema.SENTIMENT_SCORE;
  static final String ESCALATE = EnrichedInteractionSchema.ESCALATE;
  static final String ASPECTS = EnrichedInteractionSchema.ASPECTS;
  static final String ASPECT_FEATURE = AspectExtractor.FEATURE;
  static final String ASPECT_POLARITY = AspectExtractor.POLARITY;
  static final String KEYWORDS = EnrichedInteractionSchema.KEYWORDS;

  static final String NEGATIVE = EnrichedInteractionSchema.NEG;
  static final String POSITIVE = EnrichedInteractionSchema.POS;

  static final String PRIMARY_CAR_MODEL = CustomerProfileSchema.PRIMARY_CAR_MODEL;
  static final String CITY_TIER = CustomerProfileSchema.CITY_TIER;
  static final String AGE_BAND = CustomerProfileSchema.AGE_BAND;
  static final String GENDER = CustomerProfileSchema.GENDER;

  static final String LINK_ONE_ID = IdentityLinksSchema.ONE_ID;
  static final String LINK_ID_TYPE = IdentityLinksSchema.ID_TYPE;
  static final String LINK_STATUS = IdentityLinksSchema.STATUS;
  static final String LINK_ACTIVE = IdentityLinksSchema.ACTIVE;
  /** The identifier type that makes a customer an owner (车主). */
  static final String VIN = com.voclake.io.Identifiers.VIN;

  private EnrichedColumns() {}
}
