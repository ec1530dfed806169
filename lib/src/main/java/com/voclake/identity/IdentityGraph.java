package com.voclake.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import com.voclake.io.Identifiers;
import com.voclake.io.InteractionSchema;
import com.voclake.io.TouchpointSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The record–identifier graph of identity merge, as pure transformations.
 *
 * <p>Vertices are records (touchpoint events and interactions, keyed {@code event:<id>} and
 * {@code interaction:<id>} so the two id spaces cannot collide) and normalized identifiers
 * ({@code id_type}, {@code id_value}); every valid, unblocked identifier of a record is an edge.
 * A customer is a connected component ({@link IdentityResolution}). This class reads raw input:
 * it builds the records and their normalized identifiers, which {@link IdentityTables#state}
 * then hashes.
 */
public final class IdentityGraph {
  public static final String RECORD_KEY = "record_key";
  public static final String RECORD_TYPE = "record_type";
  public static final String RECORD_ID = "record_id";
  public static final String EVENT_TIME = "event_time";
  public static final String CHANNEL = "channel";
  public static final String EVENT_TYPE = "event_type";
  public static final String DT = "dt";
  public static final String ONE_ID = "one_id";

  public static final String ID_TYPE = "id_type";
  public static final String ID_VALUE = "id_value";
  public static final String ID_STATE = "id_state";
  /** Normalized and not a placeholder: it may link records. */
  public static final String VALID = "valid";
  /** Could not be normalized (a 7-digit "phone", a VIN with a wrong check digit). */
  public static final String INVALID = "invalid";
  /** Matches identity.junk-patterns (13800000000, null, test@...). */
  public static final String JUNK = "junk";

  /** The attributes profiles are built from; interactions carry only some of them. */
  public static final List<String> ATTRIBUTES = List.of(TouchpointSchema.NAME, TouchpointSchema.GENDER,
      TouchpointSchema.BIRTH_YEAR, TouchpointSchema.CITY, TouchpointSchema.PROVINCE,
      TouchpointSchema.CAR_MODEL);


  private IdentityGraph() {}

  /**
   * Touchpoints ({@link TouchpointSchema#SCHEMA}) and interactions ({@link InteractionSchema#SCHEMA})
   * as one set of records: {@code record_key, record_type (event|interaction), record_id,
   * event_time, channel, event_type} (an interaction's kind), {@code dt}, every identifier column
   * and {@link #ATTRIBUTES} (null where the source has none).
   */
  public static Dataset<Row> records(Dataset<Row> touchpoints, Dataset<Row> interactions) {
    Dataset<Row> events = touchpoints.select(recordColumns(CustomerJourneySchema.EVENT,
        TouchpointSchema.EVENT_ID, TouchpointSchema.EVENT_TIME, TouchpointSchema.EVENT_TYPE,
        touchpoints.columns()));
    Dataset<Row> talks = interactions.select(recordColumns(CustomerJourneySchema.INTERACTION,
        InteractionSchema.INTERACTION_ID, InteractionSchema.START_TIME, InteractionSchema.KIND,
        interactions.columns()));
    return events.unionByName(talks);
  }

  private static Column[] recordColumns(String type, String idColumn, String timeColumn,
      String typeColumn, String[] available) {
    List<String> present = List.of(available);
    List<Column> cols = new ArrayList<>();
    cols.add(concat(lit(type + ":"), col(idColumn)).as(RECORD_KEY));
    cols.add(lit(type).as(RECORD_TYPE));
    cols.add(col(idColumn).as(RECORD_ID));
    cols.add(col(timeColumn).as(EVENT_TIME));
    cols.add(col(TouchpointSchema.CHANNEL).as(CHANNEL));
    cols.add(col(typeColumn).as(EVENT_TYPE));
    cols.add(col(TouchpointSchema.DT).as(DT));
    for (String id : Identifiers.ALL) {
      cols.add(col(id));
    }
    for (String attribute : ATTRIBUTES) {
      Column value = present.contains(attribute)
          ? col(attribute)
          : lit(null).cast(attribute.equals(TouchpointSchema.BIRTH_YEAR) ? DataTypes.IntegerType : DataTypes.StringType);
      cols.add(value.as(attribute));
    }
    return cols.toArray(new Column[0]);
  }

  /**
   * One row per identifier value a record carries: {@code record_key, event_time, id_type,
   * id_value, id_state}, where {@code id_value} is the normalized value when {@code id_state} is
   * {@link #VALID} and null otherwise, so nothing downstream can link on a junk or invalid value.
   */
  public static Dataset<Row> identifierOccurrences(Dataset<Row> records, List<String> junkPatterns) {
    return records
        .select(col(RECORD_KEY), col(EVENT_TIME), explode(new RecordIdentifiers(junkPatterns).occurrences()).as("o"))
        .select(col(RECORD_KEY), col(EVENT_TIME), col("o." + ID_TYPE).as(ID_TYPE),
            col("o." + ID_VALUE).as(ID_VALUE), col("o." + ID_STATE).as(ID_STATE));
  }

}
