package com.voclake.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.voclake.io.Identifiers;
import com.voclake.io.InteractionSchema;
import com.voclake.io.TouchpointSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The record–identifier graph of identity merge, as pure transformations.
 *
 * <p>Vertices are records (touchpoint events and interactions, keyed {@code event:<id>} and
 * {@code interaction:<id>} so the two id spaces cannot collide) and normalized identifiers
 * ({@code id_type}, {@code id_value}); every valid, unblocked identifier of a record is an edge.
 * A customer is a connected component; its {@code one_id} derives from its earliest record
 * ({@link #assignCustomers}), so reruns over the same input give the same ids and later records
 * joining a customer do not change it.
 *
 * <p>Vertex keys are strings on purpose: an incremental run can look them up again; the long ids
 * that the components algorithm needs are assigned per run and never stored.
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

  private static final String VERTEX_KEY = "vertex_key";
  private static final String VERTEX_ID = "vertex_id";
  private static final String COMPONENT_KEY = "component_key";

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
    // Normalize in one projection and classify in the next: the classification reads each
    // normalized value several times, and must not copy its (large) expression each time.
    List<Column> normalized = new ArrayList<>();
    normalized.add(col(RECORD_KEY));
    normalized.add(col(EVENT_TIME));
    for (String type : Identifiers.LINKING) {
      normalized.add(IdentifierNormalizer.clean(col(type)).as("raw_" + type));
      normalized.add(IdentifierNormalizer.normalize(type, col(type), col(Identifiers.WECHAT_APPID))
          .as("norm_" + type));
    }
    List<Column> occurrences = new ArrayList<>();
    for (String type : Identifiers.LINKING) {
      Column raw = col("raw_" + type);
      Column value = col("norm_" + type);
      Column state = when(IdentifierNormalizer.isJunk(raw, value, junkPatterns), lit(JUNK))
          .when(value.isNull(), lit(INVALID))
          .otherwise(lit(VALID));
      occurrences.add(when(raw.isNotNull(), struct(
          lit(type).as(ID_TYPE),
          when(state.equalTo(VALID), value).as(ID_VALUE),
          state.as(ID_STATE))));
    }
    return records.select(normalized.toArray(new Column[0]))
        .select(col(RECORD_KEY), col(EVENT_TIME),
            explode(functions.array(occurrences.toArray(new Column[0]))).as("o"))
        .where(col("o").isNotNull())
        .select(col(RECORD_KEY), col(EVENT_TIME), col("o." + ID_TYPE).as(ID_TYPE),
            col("o." + ID_VALUE).as(ID_VALUE), col("o." + ID_STATE).as(ID_STATE));
  }

  /**
   * Weak identifiers that must not link: {@code (id_type, id_value)} of every valid identifier
   * whose type has a limit in {@code sharedLimits} and that appears, in the same records, together
   * with more than that many distinct strong identifiers (types in {@code strongTypes}).
   *
   * <p>The rule in words: a phone seen with four different CRM ids, with a limit of 3, is a
   * dealer's or a call centre's phone, not a person's. It is kept out of the graph, so it neither
   * merges those four customers nor attaches to any one of them. Records without any strong
   * identifier cannot trip the rule; that keeps it explainable at the cost of missing a shared
   * phone that only anonymous web leads used.
   */
  public static Dataset<Row> sharedIdentifiers(Dataset<Row> occurrences, Map<String, Integer> sharedLimits,
      List<String> strongTypes) {
    Dataset<Row> valid = occurrences.where(col(ID_STATE).equalTo(VALID));
    if (sharedLimits.isEmpty() || strongTypes.isEmpty()) {
      return valid.select(col(ID_TYPE), col(ID_VALUE)).limit(0);
    }
    Dataset<Row> weak = valid.where(col(ID_TYPE).isin(sharedLimits.keySet().toArray()))
        .select(col(RECORD_KEY), col(ID_TYPE).as("weak_type"), col(ID_VALUE).as("weak_value"));
    Dataset<Row> strong = valid.where(col(ID_TYPE).isin(strongTypes.toArray()))
        .select(col(RECORD_KEY), col(ID_TYPE).as("strong_type"), col(ID_VALUE).as("strong_value"));
    Column limit = null;
    for (Map.Entry<String, Integer> e : sharedLimits.entrySet()) {
      limit = (limit == null ? when(col("weak_type").equalTo(e.getKey()), lit(e.getValue()))
          : limit.when(col("weak_type").equalTo(e.getKey()), lit(e.getValue())));
    }
    return weak.join(strong, RECORD_KEY)
        .where(col("weak_type").notEqual(col("strong_type")).or(col("weak_value").notEqual(col("strong_value"))))
        .groupBy(col("weak_type"), col("weak_value"))
        .agg(count_distinct(col("strong_type"), col("strong_value")).as("strong_ids"))
        .where(col("strong_ids").gt(limit))
        .select(col("weak_type").as(ID_TYPE), col("weak_value").as(ID_VALUE));
  }

  /**
   * The customers of the records and how many connected-components rounds it took.
   *
   * @param records output of {@link #records}
   * @param links {@code (record_key, id_type, id_value)}: the identifiers allowed to link
   * @param maxRounds bound on connected-components rounds
   */
  public static Customers assignCustomers(Dataset<Row> records, Dataset<Row> links, int maxRounds) {
    Dataset<Row> vertexKeys = links.select(concat(lit("r:"), col(RECORD_KEY)).as(VERTEX_KEY))
        .union(links.select(concat(lit("i:"), col(ID_TYPE), lit(":"), col(ID_VALUE)).as(VERTEX_KEY)))
        .distinct();
    Dataset<Row> vertices = indexVertices(vertexKeys);
    Dataset<Row> edges = links
        .join(vertices.as("r"), concat(lit("r:"), col(RECORD_KEY)).equalTo(col("r." + VERTEX_KEY)))
        .join(vertices.as("i"), concat(lit("i:"), col(ID_TYPE), lit(":"), col(ID_VALUE))
            .equalTo(col("i." + VERTEX_KEY)))
        .select(col("r." + VERTEX_ID).as(ConnectedComponents.SRC), col("i." + VERTEX_ID).as(ConnectedComponents.DST));
    ConnectedComponents.Result cc = ConnectedComponents.run(edges, maxRounds);

    Dataset<Row> recordComponents = vertices
        .where(col(VERTEX_KEY).startsWith("r:"))
        .join(cc.components(), col(VERTEX_ID).equalTo(col(ConnectedComponents.VERTEX)))
        .select(functions.substring(col(VERTEX_KEY), 3, Integer.MAX_VALUE).as(RECORD_KEY),
            col(ConnectedComponents.COMPONENT).cast("string").as(COMPONENT_KEY));
    // A record without a linking identifier is a customer on its own.
    Dataset<Row> withComponent = records.select(col(RECORD_KEY), col(EVENT_TIME))
        .join(recordComponents, RECORD_KEY, "left")
        .withColumn(COMPONENT_KEY, coalesce(col(COMPONENT_KEY), concat(lit("r:"), col(RECORD_KEY))));
    Column earliest = min(struct(col(EVENT_TIME), col(RECORD_KEY)))
        .over(Window.partitionBy(col(COMPONENT_KEY)));
    Dataset<Row> oneIds = withComponent.select(col(RECORD_KEY),
        oneId(earliest.getField(RECORD_KEY)).as(ONE_ID));
    return new Customers(oneIds, cc.rounds());
  }

  /**
   * Records' customers.
   *
   * @param oneIds {@code (record_key, one_id)} for every record
   * @param rounds connected-components rounds
   */
  public record Customers(Dataset<Row> oneIds, int rounds) {}

  /** {@code C} and 16 hex digits of SHA-256 of the customer's earliest record key. */
  public static Column oneId(Column earliestRecordKey) {
    return concat(lit("C"), functions.substring(sha2(earliestRecordKey, 256), 1, 16));
  }

  /**
   * Numbers the vertex keys 0..n-1. The index depends on partition order, so it is materialised
   * (checkpointed) once: a recomputation must not renumber vertices half-way through a run.
   */
  private static Dataset<Row> indexVertices(Dataset<Row> vertexKeys) {
    JavaRDD<Row> indexed = vertexKeys.javaRDD().zipWithIndex()
        .map(t -> RowFactory.create(t._1().getString(0), t._2()));
    StructType schema = new StructType().add(VERTEX_KEY, DataTypes.StringType, false)
        .add(VERTEX_ID, DataTypes.LongType, false);
    Dataset<Row> vertices = vertexKeys.sparkSession().createDataFrame(indexed, schema);
    return Checkpoints.materialize(vertices);
  }
}
