package com.voclake.io;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A touchpoint event as it lands (JSON lines under {@code touchpoints/dt=YYYY-MM-DD/}) and as the
 * rest of VOCLake sees it after validation.
 *
 * <p>{@link #RAW} reads every field as a string so that one wrongly typed value (a birth year of
 * "unknown") cannot turn a whole record into a parse error; {@link #SCHEMA} is the typed form with
 * the landing date {@code dt}.
 */
public final class TouchpointSchema {
  public static final String SOURCE = "touchpoints";

  public static final String EVENT_ID = "event_id";
  public static final String EVENT_TIME = "event_time";
  public static final String CHANNEL = "channel";
  public static final String EVENT_TYPE = "event_type";
  public static final String NAME = "name";
  public static final String GENDER = "gender";
  public static final String BIRTH_YEAR = "birth_year";
  public static final String CITY = "city";
  public static final String PROVINCE = "province";
  public static final String CAR_MODEL = "car_model";
  public static final String DEALER_ID = "dealer_id";
  public static final String DT = "dt";

  public static final List<String> ATTRIBUTES =
      List.of(NAME, GENDER, BIRTH_YEAR, CITY, PROVINCE, CAR_MODEL, DEALER_ID);

  public static final StructType RAW = rawSchema();
  public static final StructType SCHEMA = typedSchema();

  private TouchpointSchema() {}

  private static StructType rawSchema() {
    List<StructField> fields = new ArrayList<>();
    for (String name : List.of(EVENT_ID, EVENT_TIME, CHANNEL, EVENT_TYPE)) {
      fields.add(new StructField(name, StringType, true, org.apache.spark.sql.types.Metadata.empty()));
    }
    for (String name : Identifiers.ALL) {
      fields.add(new StructField(name, StringType, true, org.apache.spark.sql.types.Metadata.empty()));
    }
    for (String name : ATTRIBUTES) {
      fields.add(new StructField(name, StringType, true, org.apache.spark.sql.types.Metadata.empty()));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  private static StructType typedSchema() {
    StructType typed = new StructType();
    for (StructField field : RAW.fields()) {
      switch (field.name()) {
        case EVENT_TIME -> typed = typed.add(EVENT_TIME, TimestampType);
        case EVENT_ID -> typed = typed.add(EVENT_ID, StringType);
        case BIRTH_YEAR -> typed = typed.add(BIRTH_YEAR, IntegerType, true);
        default -> typed = typed.add(field);
      }
    }
    return typed.add(DT, StringType);
  }
}
