package com.voclake.identity;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
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
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Builds the CDP tables of identity merge from the graph's outputs, as pure transformations. Each
 * result has exactly the columns and types of its {@code *Schema}. Raw identifiers and names
 * go in; only keyed hashes and masked forms come out.
 */
public final class IdentityTables {
  /** The channel whose attributes win survivorship: the brand's own CRM. */
  public static final String CRM_CHANNEL = "crm";

  private static final String FROM_CRM = "_from_crm";

  private IdentityTables() {}

  /** {@link CustomerJourneySchema}: every record with its customer. */
  public static Dataset<Row> journey(Dataset<Row> records, Dataset<Row> oneIds) {
    Column isEvent = col(IdentityGraph.RECORD_TYPE).equalTo(CustomerJourneySchema.EVENT);
    return conform(records.join(oneIds, IdentityGraph.RECORD_KEY).select(
        col(IdentityGraph.RECORD_TYPE).as(CustomerJourneySchema.RECORD_TYPE),
        when(isEvent, col(IdentityGraph.RECORD_ID)).as(CustomerJourneySchema.EVENT_ID),
        when(functions.not(isEvent), col(IdentityGraph.RECORD_ID)).as(CustomerJourneySchema.INTERACTION_ID),
        col(IdentityGraph.ONE_ID),
        col(IdentityGraph.EVENT_TIME),
        col(IdentityGraph.CHANNEL),
        col(IdentityGraph.EVENT_TYPE),
        col(IdentityGraph.DT)), CustomerJourneySchema.SCHEMA);
  }

  /**
   * {@link IdentityLinksSchema}: every valid identifier, hashed with {@code key} and masked.
   *
   * @param occurrences {@link IdentityGraph#identifierOccurrences} (only valid ones are used)
   * @param shared {@link IdentityGraph#sharedIdentifiers}
   * @param oneIds {@code (record_key, one_id)}
   */
  public static Dataset<Row> links(Dataset<Row> occurrences, Dataset<Row> shared, Dataset<Row> oneIds,
      byte[] key) {
    Column[] id = {col(IdentityGraph.ID_TYPE), col(IdentityGraph.ID_VALUE)};
    Dataset<Row> perIdentifier = occurrences
        .where(col(IdentityGraph.ID_STATE).equalTo(IdentityGraph.VALID))
        .join(shared.withColumn("_shared", lit(true)),
            List.of(IdentityGraph.ID_TYPE, IdentityGraph.ID_VALUE).toArray(new String[0]), "left")
        .join(oneIds, IdentityGraph.RECORD_KEY)
        .groupBy(id)
        .agg(min(IdentityGraph.EVENT_TIME).as(IdentityLinksSchema.FIRST_SEEN),
            max(IdentityGraph.EVENT_TIME).as(IdentityLinksSchema.LAST_SEEN),
            count_distinct(col(IdentityGraph.RECORD_KEY)).as(IdentityLinksSchema.RECORDS),
            max(coalesce(col("_shared"), lit(false))).as("_shared"),
            // Every record of an active identifier is in one component, so min is the only value.
            min(IdentityGraph.ONE_ID).as(IdentityGraph.ONE_ID));
    Column isShared = col("_shared");
    return conform(perIdentifier.select(
        col(IdentityGraph.ID_TYPE).as(IdentityLinksSchema.ID_TYPE),
        PiiProtection.hash(key, col(IdentityGraph.ID_TYPE), col(IdentityGraph.ID_VALUE))
            .as(IdentityLinksSchema.ID_HASH),
        PiiProtection.mask(col(IdentityGraph.ID_TYPE), col(IdentityGraph.ID_VALUE))
            .as(IdentityLinksSchema.ID_MASKED),
        when(functions.not(isShared), col(IdentityGraph.ONE_ID)).as(IdentityLinksSchema.ONE_ID),
        col(IdentityLinksSchema.FIRST_SEEN),
        col(IdentityLinksSchema.LAST_SEEN),
        col(IdentityLinksSchema.RECORDS),
        when(isShared, lit(IdentityLinksSchema.SHARED_BLOCKED)).otherwise(lit(IdentityLinksSchema.ACTIVE))
            .as(IdentityLinksSchema.STATUS)), IdentityLinksSchema.SCHEMA);
  }

  /**
   * {@link CustomerProfileSchema}: one row per customer (see there for the survivorship rules).
   *
   * @param records {@link IdentityGraph#records}
   * @param oneIds {@code (record_key, one_id)} for every record
   * @param linking {@code (record_key, event_time, id_type, id_value)} of the identifiers that
   *     linked (valid and not shared)
   * @param asOf the date ages are computed at
   */
  public static Dataset<Row> profiles(Dataset<Row> records, Dataset<Row> oneIds, Dataset<Row> linking,
      LocalDate asOf) {
    Column birthYear = col(TouchpointSchema.BIRTH_YEAR);
    Dataset<Row> r = records.join(oneIds, IdentityGraph.RECORD_KEY).select(
        col(IdentityGraph.ONE_ID), col(IdentityGraph.RECORD_KEY), col(IdentityGraph.RECORD_TYPE),
        col(IdentityGraph.EVENT_TIME), col(IdentityGraph.CHANNEL),
        col(IdentityGraph.CHANNEL).equalTo(CRM_CHANNEL).as(FROM_CRM),
        text(col(TouchpointSchema.NAME)).as(TouchpointSchema.NAME),
        gender(col(TouchpointSchema.GENDER)).as(TouchpointSchema.GENDER),
        when(birthYear.between(1900, asOf.getYear()), birthYear).as(TouchpointSchema.BIRTH_YEAR),
        text(col(TouchpointSchema.CITY)).as(TouchpointSchema.CITY),
        text(col(TouchpointSchema.PROVINCE)).as(TouchpointSchema.PROVINCE),
        text(col(TouchpointSchema.CAR_MODEL)).as(TouchpointSchema.CAR_MODEL));

    Dataset<Row> base = r.groupBy(IdentityGraph.ONE_ID).agg(
        survivor(TouchpointSchema.NAME),
        survivor(TouchpointSchema.GENDER),
        survivor(TouchpointSchema.BIRTH_YEAR),
        survivor(TouchpointSchema.CITY),
        survivor(TouchpointSchema.PROVINCE),
        array_sort(collect_set(col(TouchpointSchema.CAR_MODEL))).as(CustomerProfileSchema.CAR_MODELS),
        array_sort(collect_set(col(IdentityGraph.CHANNEL))).as(CustomerProfileSchema.CHANNELS),
        min(IdentityGraph.EVENT_TIME).as(CustomerProfileSchema.FIRST_SEEN),
        max(IdentityGraph.EVENT_TIME).as(CustomerProfileSchema.LAST_SEEN),
        count(when(col(IdentityGraph.RECORD_TYPE).equalTo(CustomerJourneySchema.EVENT), lit(1)))
            .as(CustomerProfileSchema.EVENTS),
        count(when(col(IdentityGraph.RECORD_TYPE).equalTo(CustomerJourneySchema.INTERACTION), lit(1)))
            .as(CustomerProfileSchema.INTERACTIONS));

    Dataset<Row> contacts = linking.join(oneIds, IdentityGraph.RECORD_KEY)
        .groupBy(IdentityGraph.ONE_ID).agg(
            newestMasked(Identifiers.PHONE).as(CustomerProfileSchema.PHONE_MASKED),
            newestMasked(Identifiers.EMAIL).as(CustomerProfileSchema.EMAIL_MASKED),
            count_distinct(col(IdentityGraph.ID_TYPE), col(IdentityGraph.ID_VALUE))
                .as(CustomerProfileSchema.IDENTIFIERS));

    Column age = lit(asOf.getYear()).minus(col(TouchpointSchema.BIRTH_YEAR));
    Dataset<Row> joined = base
        .join(contacts, List.of(IdentityGraph.ONE_ID).toArray(new String[0]), "left")
        .join(mostFrequent(r, TouchpointSchema.CAR_MODEL, CustomerProfileSchema.PRIMARY_CAR_MODEL),
            List.of(IdentityGraph.ONE_ID).toArray(new String[0]), "left")
        .join(mostFrequent(r, IdentityGraph.CHANNEL, CustomerProfileSchema.PREFERRED_CHANNEL),
            List.of(IdentityGraph.ONE_ID).toArray(new String[0]), "left");
    return conform(joined
        .withColumn(CustomerProfileSchema.NAME_MASKED, PiiProtection.maskName(col(TouchpointSchema.NAME)))
        .withColumn(CustomerProfileSchema.AGE_BAND,
            when(age.lt(18), lit("<18")).when(age.lt(25), lit("18-24")).when(age.lt(35), lit("25-34"))
                .when(age.lt(45), lit("35-44")).when(age.lt(55), lit("45-54")).when(age.geq(55), lit("55+")))
        .withColumn(CustomerProfileSchema.CITY_TIER, CityTiers.tier(col(TouchpointSchema.CITY)))
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

  /** Newest non-null value, a CRM record beating any other. */
  private static Column survivor(String attribute) {
    Column value = col(attribute);
    return max_by(value, when(value.isNotNull(),
        struct(col(FROM_CRM), col(IdentityGraph.EVENT_TIME), col(IdentityGraph.RECORD_KEY))))
        .as(attribute);
  }

  private static Column newestMasked(String type) {
    Column isType = col(IdentityGraph.ID_TYPE).equalTo(type);
    return max_by(when(isType, PiiProtection.mask(col(IdentityGraph.ID_TYPE), col(IdentityGraph.ID_VALUE))),
        when(isType, struct(col(IdentityGraph.EVENT_TIME), col(IdentityGraph.ID_VALUE))));
  }

  /** The most frequent non-null value per customer, ties to the alphabetically first. */
  private static Dataset<Row> mostFrequent(Dataset<Row> records, String column, String as) {
    return records.where(col(column).isNotNull())
        .groupBy(col(IdentityGraph.ONE_ID), col(column)).count()
        .withColumn("_rank", row_number().over(Window.partitionBy(col(IdentityGraph.ONE_ID))
            .orderBy(col("count").desc(), col(column).asc())))
        .where(col("_rank").equalTo(1))
        .select(col(IdentityGraph.ONE_ID), col(column).as(as));
  }

  private static Column text(Column raw) {
    return nullif(trim(raw), lit(""));
  }
}
