package com.voclake.io;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * A customer interaction (call, chat, review, complaint, social post, survey) as it lands under
 * {@code interactions/dt=YYYY-MM-DD/} and as it is after validation. It carries either one
 * {@code text} or conversation {@code turns} (speaker customer | agent | bot).
 */
public final class InteractionSchema {
  public static final String SOURCE = "interactions";

  public static final String INTERACTION_ID = "interaction_id";
  public static final String START_TIME = "start_time";
  public static final String CHANNEL = "channel";
  public static final String KIND = "kind";
  public static final String CAR_MODEL = "car_model";
  public static final String CITY = "city";
  public static final String PROVINCE = "province";
  public static final String RATING = "rating";
  public static final String TEXT = "text";
  public static final String TURNS = "turns";
  public static final String DT = "dt";

  public static final String TURN_SPEAKER = "speaker";
  public static final String TURN_OFFSET_S = "offset_s";
  public static final String TURN_TEXT = "text";

  public static final String SPEAKER_CUSTOMER = "customer";
  public static final String SPEAKER_AGENT = "agent";
  public static final String SPEAKER_BOT = "bot";

  public static final List<String> KINDS = List.of("call", "chat", "review", "complaint", "social", "survey");

  /**
   * A turn as landed. {@link #RAW} reads {@code turns} as JSON text, parsed with this afterwards:
   * a {@code turns} of the wrong type (a string, a number) then costs only that field, not a
   * record that also carries a good {@code text}.
   */
  public static final StructType RAW_TURN = new StructType()
      .add(TURN_SPEAKER, StringType).add(TURN_OFFSET_S, StringType).add(TURN_TEXT, StringType);
  public static final StructType TURN = new StructType()
      .add(TURN_SPEAKER, StringType).add(TURN_OFFSET_S, DoubleType).add(TURN_TEXT, StringType);

  public static final StructType RAW = rawSchema();
  public static final StructType SCHEMA = typedSchema();

  private InteractionSchema() {}

  private static StructType rawSchema() {
    StructType s = new StructType()
        .add(INTERACTION_ID, StringType).add(START_TIME, StringType)
        .add(CHANNEL, StringType).add(KIND, StringType);
    for (String id : Identifiers.ALL) {
      s = s.add(id, StringType);
    }
    return s.add(CAR_MODEL, StringType).add(CITY, StringType).add(PROVINCE, StringType)
        .add(RATING, StringType).add(TEXT, StringType).add(TURNS, StringType);
  }

  private static StructType typedSchema() {
    StructType s = new StructType()
        .add(INTERACTION_ID, StringType).add(START_TIME, TimestampType)
        .add(CHANNEL, StringType).add(KIND, StringType);
    for (String id : Identifiers.ALL) {
      s = s.add(id, StringType);
    }
    return s.add(CAR_MODEL, StringType).add(CITY, StringType).add(PROVINCE, StringType)
        .add(RATING, IntegerType).add(TEXT, StringType).add(TURNS, new ArrayType(TURN, true))
        .add(DT, StringType);
  }
}
