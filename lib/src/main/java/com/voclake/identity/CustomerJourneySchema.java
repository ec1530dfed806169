package com.voclake.identity;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * {@code cdp/customer_journey}: one row per good touchpoint event and interaction, with the
 * customer it belongs to. Exactly one of {@code event_id} and {@code interaction_id} is set, as
 * {@code record_type} says. {@code event_type} is the event's type, or the interaction's kind
 * (call, chat, review, ...). {@code dt} is the record's landing date; the table is partitioned by
 * it. The enrich stage joins {@code interaction_id} to {@code one_id} here.
 */
public final class CustomerJourneySchema {
  public static final String RECORD_TYPE = "record_type";
  public static final String EVENT_ID = "event_id";
  public static final String INTERACTION_ID = "interaction_id";
  public static final String ONE_ID = "one_id";
  public static final String EVENT_TIME = "event_time";
  public static final String CHANNEL = "channel";
  public static final String EVENT_TYPE = "event_type";
  public static final String DT = "dt";

  public static final String EVENT = "event";
  public static final String INTERACTION = "interaction";

  public static final StructType SCHEMA = new StructType()
      .add(RECORD_TYPE, StringType)
      .add(EVENT_ID, StringType)
      .add(INTERACTION_ID, StringType)
      .add(ONE_ID, StringType)
      .add(EVENT_TIME, TimestampType)
      .add(CHANNEL, StringType)
      .add(EVENT_TYPE, StringType)
      .add(DT, StringType);

  private CustomerJourneySchema() {}
}
