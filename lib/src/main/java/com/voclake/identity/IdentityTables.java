package com.voclake.identity;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.voclake.io.Identifiers;
import com.voclake.io.TouchpointSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the CDP tables of identity merge, as pure transformations. Each result has exactly the
 * columns and types of its {@code *Schema}. Raw identifiers and names go into {@link #state}; only
 * keyed hashes and masked forms come out of it.
 */
public final class IdentityTables {
  private static final String ONE_ID = IdentityResolution.ONE_ID;
  private static final String SURVIVING = "_";

  private IdentityTables() {}

  /** array<string> column of {@link #state}: the state of each identifier value a record carried. */
  public static final String ID_STATES = RecordIdentifiers.STATES;

  /**
   * {@link IdentityRecordsSchema} rows (without {@code one_id}) of {@link IdentityGraph#records},
   * plus {@link #ID_STATES}: the valid identifiers of each record, normalized, hashed with
   * {@code key} and masked, and its normalized attributes. One pass per record, no shuffle.
   */
  public static Dataset<Row> state(Dataset<Row> records, List<String> junkPatterns, byte[] key) {
    Column ids = col("_ids");
    Column birthYear = col(TouchpointSchema.BIRTH_YEAR);
    Column eventYear = functions.year(col(IdentityGraph.EVENT_TIME));
    StructType schema = IdentityRecordsSchema.SCHEMA.add(ID_STATES, RecordIdentifiers.HASHED.apply(ID_STATES).dataType());
    return conform(records.withColumn("_ids", new RecordIdentifiers(junkPatterns).hashed(key)).select(
        col(IdentityGraph.RECORD_KEY), col(IdentityGraph.RECORD_TYPE), col(IdentityGraph.RECORD_ID),
        lit(null).cast("string").as(ONE_ID), col(IdentityGraph.EVENT_TIME), col(IdentityGraph.CHANNEL),
        col(IdentityGraph.EVENT_TYPE), col(IdentityGraph.DT),
        ids.getField(RecordIdentifiers.IDENTIFIERS).as(IdentityRecordsSchema.IDENTIFIERS),
        PiiProtection.maskName(col(TouchpointSchema.NAME)).as(IdentityRecordsSchema.NAME_MASKED),
        gender(col(TouchpointSchema.GENDER)).as(IdentityRecordsSchema.GENDER),
        when(birthYear.between(lit(1900), eventYear), birthYear).as(IdentityRecordsSchema.BIRTH_YEAR),
        text(col(TouchpointSchema.CITY)).as(IdentityRecordsSchema.CITY),
        text(col(TouchpointSchema.PROVINCE)).as(IdentityRecordsSchema.PROVINCE),
        text(col(TouchpointSchema.CAR_MODEL)).as(IdentityRecordsSchema.CAR_MODEL),
        ids.getField(RecordIdentifiers.STATES).as(ID_STATES)),
        schema);
  }

  /** {@link IdentityRecordsSchema} rows with {@code one_id} from {@code (record_key, one_id)}. */
  public static Dataset<Row> withOneIds(Dataset<Row> state, Dataset<Row> recordOneIds) {
    return conform(state.drop(ONE_ID).join(recordOneIds, IdentityRecordsSchema.RECORD_KEY),
        IdentityRecordsSchema.SCHEMA);
  }

  /** {@link CustomerJourneySchema}: every record with its customer. */
  public static Dataset<Row> journey(Dataset<Row> state) {
    Column isEvent = col(IdentityRecordsSchema.RECORD_TYPE).equalTo(CustomerJourneySchema.EVENT);
    return conform(state.select(
        col(IdentityRecordsSchema.RECORD_TYPE).as(CustomerJourneySchema.RECORD_TYPE),
        when(isEvent, col(IdentityRecordsSchema.RECORD_ID)).as(CustomerJourneySchema.EVENT_ID),
        when(functions.not(isEvent), col(IdentityRecordsSchema.RECORD_ID)).as(CustomerJourneySchema.INTERACTION_ID),
        col(ONE_ID), col(IdentityRecordsSchema.EVENT_TIME), col(IdentityRecordsSchema.CHANNEL),
        col(IdentityRecordsSchema.EVENT_TYPE), col(IdentityRecordsSchema.DT)), CustomerJourneySchema.SCHEMA);
  }

  /**
   * {@link IdentityLinksSchema}: one row per identifier of {@code identifiers}.
   *
   * @param edges {@link IdentityResolution#edges} of every record that carries those identifiers,
   *     at most one edge per record and identifier (a record's identifiers are distinct), so that
   *     counting edges counts records: unlike a distinct count, it combines before the shuffle
   * @param identifiers {@link IdentityResolution.Outcome#identifiers}
   */
  public static Dataset<Row> links(Dataset<Row> edges, Dataset<Row> identifiers) {
    String[] id = {IdentityRecordsSchema.ID_TYPE, IdentityRecordsSchema.ID_HASH};
    // Aggregated before the join: the join then finds the aggregate already partitioned by identifier.
    Dataset<Row> seen = edges.groupBy(IdentityRecordsSchema.ID_TYPE, IdentityRecordsSchema.ID_HASH)
        .agg(min(IdentityRecordsSchema.EVENT_TIME).as(IdentityLinksSchema.FIRST_SEEN),
            max(IdentityRecordsSchema.EVENT_TIME).as(IdentityLinksSchema.LAST_SEEN),
            count(lit(1)).as(IdentityLinksSchema.RECORDS));
    return conform(withoutCounts(identifiers).join(seen, id), IdentityLinksSchema.SCHEMA);
  }

  /** The resolution's identifiers without the counts it took over its own input, which links replace. */
  private static Dataset<Row> withoutCounts(Dataset<Row> identifiers) {
    return identifiers.drop(IdentityLinksSchema.FIRST_SEEN, IdentityLinksSchema.LAST_SEEN, IdentityLinksSchema.RECORDS);
  }

  /**
   * {@link IdentityLinksSchema} rows of identifiers already stored, from their stored counts and
   * the records added since: first seen is the earlier, last seen the later, records the sum. Valid
   * while none of the records the stored row counted has gone (their times never change).
   *
   * @param stored the stored rows of the identifiers to carry forward
   * @param addedEdges {@link IdentityResolution#edges} of the records new to the state
   * @param identifiers {@link IdentityResolution.Outcome#identifiers}: their customer and status now
   */
  public static Dataset<Row> carriedLinks(Dataset<Row> stored, Dataset<Row> addedEdges, Dataset<Row> identifiers) {
    String[] id = {IdentityRecordsSchema.ID_TYPE, IdentityRecordsSchema.ID_HASH};
    Dataset<Row> added = addedEdges.join(stored.select(id[0], id[1]), id, "left_semi").groupBy(id[0], id[1])
        .agg(min(IdentityRecordsSchema.EVENT_TIME).as("_first"), max(IdentityRecordsSchema.EVENT_TIME).as("_last"),
            count(lit(1)).as("_records"));
    Dataset<Row> was = stored.select(col(id[0]), col(id[1]), col(IdentityLinksSchema.FIRST_SEEN).as("_first0"),
        col(IdentityLinksSchema.LAST_SEEN).as("_last0"), col(IdentityLinksSchema.RECORDS).as("_records0"));
    return conform(withoutCounts(identifiers).join(was, id).join(added, id, "left")
        .withColumn(IdentityLinksSchema.FIRST_SEEN, functions.least(col("_first0"), col("_first")))
        .withColumn(IdentityLinksSchema.LAST_SEEN, functions.greatest(col("_last0"), col("_last")))
        .withColumn(IdentityLinksSchema.RECORDS, col("_records0").plus(coalesce(col("_records"), lit(0L)))),
        IdentityLinksSchema.SCHEMA);
  }

  /**
   * {@link CustomerProfileSchema}: one row per customer of {@code state}.
   *
   * @param state {@link IdentityRecordsSchema} rows with their {@code one_id}: every record of each
   *     customer
   * @param links {@link IdentityLinksSchema} rows of those records' identifiers (of every active one
   *     at least): an active identifier's row names its customer, and its last seen is the newest
   *     time any record carried it, so contacts come from them without going back to the records
   * @param survivorship attribute to rule ({@code identity.survivorship})
   * @param sourcePriority {@code identity.source-priority}
   * @param asOf the date ages are computed at
   */
  public static Dataset<Row> profiles(Dataset<Row> state, Dataset<Row> links,
      Map<String, String> survivorship, List<String> sourcePriority, LocalDate asOf) {
    Map<String, String> rules = new LinkedHashMap<>();
    survivorship.forEach((attribute, rule) -> rules.put(column(attribute), rule));
    // Every aggregate, window and join below is per customer: partitioned by customer once (once
    // per branch, two scans in all), none of them shuffles the records again.
    Dataset<Row> r = state.repartition(col(ONE_ID)).withColumn(SURVIVING + CustomerProfileSchema.PRIMARY_CAR_MODEL,
        col(IdentityRecordsSchema.CAR_MODEL));
    Dataset<Row> survivors = Survivorship.apply(r, rules, sourcePriority, List.of(
        array_sort(collect_set(col(IdentityRecordsSchema.CAR_MODEL))).as(CustomerProfileSchema.CAR_MODELS),
        array_sort(collect_set(col(IdentityRecordsSchema.CHANNEL))).as(CustomerProfileSchema.CHANNELS),
        min(IdentityRecordsSchema.EVENT_TIME).as(CustomerProfileSchema.FIRST_SEEN),
        max(IdentityRecordsSchema.EVENT_TIME).as(CustomerProfileSchema.LAST_SEEN),
        count(when(col(IdentityRecordsSchema.RECORD_TYPE).equalTo(CustomerJourneySchema.EVENT), lit(1)))
            .as(CustomerProfileSchema.EVENTS),
        count(when(col(IdentityRecordsSchema.RECORD_TYPE).equalTo(CustomerJourneySchema.INTERACTION), lit(1)))
            .as(CustomerProfileSchema.INTERACTIONS)));
    Dataset<Row> channels = r.groupBy(col(ONE_ID), col(IdentityRecordsSchema.CHANNEL)).count()
        .withColumn("_rank", row_number().over(Window.partitionBy(col(ONE_ID))
            .orderBy(col("count").desc(), col(IdentityRecordsSchema.CHANNEL).asc())))
        .groupBy(ONE_ID).agg(
            functions.map_from_entries(array_sort(collect_set(struct(col(IdentityRecordsSchema.CHANNEL),
                col("count"))))).as(CustomerProfileSchema.CHANNEL_COUNTS),
            max_by(col(IdentityRecordsSchema.CHANNEL), functions.negative(col("_rank")))
                .as(CustomerProfileSchema.PREFERRED_CHANNEL));

    Dataset<Row> contacts = links.where(col(IdentityLinksSchema.STATUS).equalTo(IdentityLinksSchema.ACTIVE))
        .groupBy(ONE_ID).agg(
            newestMasked(Identifiers.PHONE).as(CustomerProfileSchema.PHONE_MASKED),
            newestMasked(Identifiers.EMAIL).as(CustomerProfileSchema.EMAIL_MASKED),
            count(lit(1)).as(CustomerProfileSchema.IDENTIFIERS));

    String[] byCustomer = {ONE_ID};
    Column age = lit(asOf.getYear()).minus(col(IdentityRecordsSchema.BIRTH_YEAR));
    Dataset<Row> joined = survivors.join(channels, byCustomer)
        .join(contacts, byCustomer, "left");
    return conform(joined
        .withColumn(CustomerProfileSchema.NAME_MASKED, col(IdentityRecordsSchema.NAME_MASKED))
        .withColumn(CustomerProfileSchema.PRIMARY_CAR_MODEL, col(SURVIVING + CustomerProfileSchema.PRIMARY_CAR_MODEL))
        .withColumn(CustomerProfileSchema.AGE_BAND,
            when(age.lt(18), lit("<18")).when(age.lt(25), lit("18-24")).when(age.lt(35), lit("25-34"))
                .when(age.lt(45), lit("35-44")).when(age.lt(55), lit("45-54")).when(age.geq(55), lit("55+")))
        .withColumn(CustomerProfileSchema.CITY_TIER, CityTiers.tier(col(IdentityRecordsSchema.CITY)))
        .withColumn(CustomerProfileSchema.IDENTIFIERS,
            coalesce(col(CustomerProfileSchema.IDENTIFIERS), lit(0L))),
        CustomerProfileSchema.SCHEMA);
  }

  /** {@code M}, {@code F} or null from the ways sources write a gender (GB/T 2261 codes included). */
  public static Column gender(Column raw) {
    Column g = lower(trim(raw));
    return when(g.isin("m", "male", "男", "先生", "1"), lit("M"))
        .when(g.isin("f", "female", "女", "女士", "2"), lit("F"));
  }

  /** Selects exactly {@code schema}'s columns, cast to its types, in its order. */
  static Dataset<Row> conform(Dataset<Row> rows, StructType schema) {
    List<Column> cols = new ArrayList<>();
    for (StructField field : schema.fields()) {
      cols.add(col(field.name()).cast(field.dataType()).as(field.name()));
    }
    return rows.select(cols.toArray(new Column[0]));
  }

  /** The state column a survivorship attribute reads. */
  private static String column(String attribute) {
    return switch (attribute) {
      case "name" -> IdentityRecordsSchema.NAME_MASKED;
      case CustomerProfileSchema.PRIMARY_CAR_MODEL -> SURVIVING + CustomerProfileSchema.PRIMARY_CAR_MODEL;
      default -> attribute;
    };
  }

  /** Over {@link IdentityLinksSchema} rows: the masked value of the type's newest identifier. */
  private static Column newestMasked(String type) {
    Column isType = col(IdentityLinksSchema.ID_TYPE).equalTo(type);
    return max_by(when(isType, col(IdentityLinksSchema.ID_MASKED)),
        when(isType, struct(col(IdentityLinksSchema.LAST_SEEN), col(IdentityLinksSchema.ID_HASH))));
  }

  private static Column text(Column raw) {
    return nullif(trim(raw), lit(""));
  }
}
