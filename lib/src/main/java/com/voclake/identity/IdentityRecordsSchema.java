package com.voclake.identity;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import com.voclake.io.Warehouse;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * {@code cdp/identity_records}: identity merge's own state, one row per record it has merged, so
 * that an incremental run can recompute a customer without reading old input again. Nothing in it
 * is raw PII: identifiers are keyed hashes with their masked forms (only valid, non-junk ones),
 * the name is masked, and the other attributes are already normalized ({@code gender} M/F,
 * {@code birth_year} plausible for the record's time). Not a contract for other jobs; the
 * {@code forget} job must erase a customer's rows here too.
 *
 * <p>{@code record_key} is {@code event:<event_id>} or {@code interaction:<interaction_id>};
 * {@code dt} the landing date, by which the table is partitioned.
 */
public final class IdentityRecordsSchema {
  public static final String RECORD_KEY = "record_key";
  public static final String RECORD_TYPE = "record_type";
  public static final String RECORD_ID = "record_id";
  public static final String ONE_ID = "one_id";
  public static final String EVENT_TIME = "event_time";
  public static final String CHANNEL = "channel";
  public static final String EVENT_TYPE = "event_type";
  public static final String DT = "dt";
  public static final String IDENTIFIERS = "identifiers";
  public static final String ID_TYPE = "id_type";
  public static final String ID_HASH = "id_hash";
  public static final String ID_MASKED = "id_masked";
  public static final String NAME_MASKED = "name_masked";
  public static final String GENDER = "gender";
  public static final String BIRTH_YEAR = "birth_year";
  public static final String CITY = "city";
  public static final String PROVINCE = "province";
  public static final String CAR_MODEL = "car_model";

  public static final StructType IDENTIFIER = new StructType()
      .add(ID_TYPE, StringType)
      .add(ID_HASH, StringType)
      .add(ID_MASKED, StringType);

  public static final StructType SCHEMA = new StructType()
      .add(RECORD_KEY, StringType)
      .add(RECORD_TYPE, StringType)
      .add(RECORD_ID, StringType)
      .add(ONE_ID, StringType)
      .add(EVENT_TIME, TimestampType)
      .add(CHANNEL, StringType)
      .add(EVENT_TYPE, StringType)
      .add(DT, StringType)
      .add(IDENTIFIERS, new ArrayType(IDENTIFIER, true))
      .add(NAME_MASKED, StringType)
      .add(GENDER, StringType)
      .add(BIRTH_YEAR, IntegerType)
      .add(CITY, StringType)
      .add(PROVINCE, StringType)
      .add(CAR_MODEL, StringType);

  private IdentityRecordsSchema() {}

  public static String path(Warehouse warehouse) {
    return warehouse.identityRecords();
  }
}
