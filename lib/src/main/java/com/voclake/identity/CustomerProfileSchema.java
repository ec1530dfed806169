package com.voclake.identity;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * {@code cdp/customer_profile}: one row per {@code one_id}. Contacts and the name are masked only;
 * no raw PII is stored.
 *
 * <p>Survivorship: {@code name}, {@code gender}, {@code birth_year}, {@code city},
 * {@code province} and {@code primary_car_model} follow {@code identity.survivorship} (newest,
 * most frequent, or source priority; see {@link Survivorship}). {@code phone_masked} and {@code email_masked} show
 * the customer's most recently used active phone and e-mail. {@code gender} is {@code M}, {@code F}
 * or null; {@code age_band} is one of {@link #AGE_BANDS} (age on the run's date), null when the
 * birth year is unknown; {@code city_tier} comes from {@link CityTiers} and is never null.
 * {@code car_models} and {@code channels} are sorted distinct values; the preferred channel is the
 * most frequent (ties to the alphabetically first); {@code channel_counts} counts records per
 * channel. {@code events} and
 * {@code interactions} count the customer's records; {@code identifiers} their active identifiers.
 */
public final class CustomerProfileSchema {
  public static final String ONE_ID = "one_id";
  public static final String PHONE_MASKED = "phone_masked";
  public static final String EMAIL_MASKED = "email_masked";
  public static final String NAME_MASKED = "name_masked";
  public static final String GENDER = "gender";
  public static final String BIRTH_YEAR = "birth_year";
  public static final String AGE_BAND = "age_band";
  public static final String CITY = "city";
  public static final String PROVINCE = "province";
  public static final String CITY_TIER = "city_tier";
  public static final String CAR_MODELS = "car_models";
  public static final String PRIMARY_CAR_MODEL = "primary_car_model";
  public static final String CHANNELS = "channels";
  public static final String PREFERRED_CHANNEL = "preferred_channel";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";
  public static final String EVENTS = "events";
  public static final String INTERACTIONS = "interactions";
  public static final String IDENTIFIERS = "identifiers";
  public static final String CHANNEL_COUNTS = "channel_counts";

  public static final java.util.List<String> AGE_BANDS =
      java.util.List.of("<18", "18-24", "25-34", "35-44", "45-54", "55+");

  public static final StructType SCHEMA = new StructType()
      .add(ONE_ID, StringType)
      .add(PHONE_MASKED, StringType)
      .add(EMAIL_MASKED, StringType)
      .add(NAME_MASKED, StringType)
      .add(GENDER, StringType)
      .add(BIRTH_YEAR, IntegerType)
      .add(AGE_BAND, StringType)
      .add(CITY, StringType)
      .add(PROVINCE, StringType)
      .add(CITY_TIER, StringType)
      .add(CAR_MODELS, new ArrayType(StringType, true))
      .add(PRIMARY_CAR_MODEL, StringType)
      .add(CHANNELS, new ArrayType(StringType, true))
      .add(PREFERRED_CHANNEL, StringType)
      .add(FIRST_SEEN, TimestampType)
      .add(LAST_SEEN, TimestampType)
      .add(EVENTS, LongType)
      .add(INTERACTIONS, LongType)
      .add(IDENTIFIERS, LongType)
      .add(CHANNEL_COUNTS, new org.apache.spark.sql.types.MapType(StringType, LongType, true));

  private CustomerProfileSchema() {}
}
