package com.voclake.voc;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.voclake.text.AspectExtractor;
import com.voclake.text.EnrichedInteractionSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * The customer VOC summary ({@link CustomerVocSchema}), as a pure step: given the enriched rows an
 * increment writes and the enriched table as stored, the full replacement rows of every
 * {@code one_id} the increment touches, and the touched {@code one_id}s left without any enriched
 * row (to delete). Each touched customer is recomputed from all of its enriched rows as they will
 * be after the increment, so a rerun of a date, a replayed batch or a merge never counts twice.
 *
 * <p>Interest tags, per feature of the customer (rules exclusive, so a feature gets one tag at most):
 * <ul>
 *   <li>{@value #COMPLAINT_TAG}X when at least {@value #COMPLAINT_MIN_NEGATIVE} of its mentions are
 *       negative and more of them are negative than positive;
 *   <li>{@value #INTEREST_TAG}X when it is mentioned in at least {@value #INTEREST_MIN_MENTIONS}
 *       interactions and no more of them are negative than positive (neutral to positive).
 * </ul>
 * Tags come in the order of {@code features} (most mentioned first), complaints before interests.
 */
public final class CustomerVoc {
  /** Tag prefix of a feature the customer complains about. */
  public static final String COMPLAINT_TAG = "抱怨";
  /** Tag prefix of a feature the customer cares about. */
  public static final String INTEREST_TAG = "关注";
  public static final int COMPLAINT_MIN_NEGATIVE = 1;
  public static final int INTEREST_MIN_MENTIONS = 2;
  /** The taxonomy's level-1 category of complaints; interactions of kind {@value #COMPLAINT_KIND} count too. */
  public static final String COMPLAINT_CATEGORY_L1 = "投诉维权";
  public static final String COMPLAINT_KIND = "complaint";

  private static final String ID = EnrichedInteractionSchema.INTERACTION_ID;
  private static final String ONE_ID = EnrichedInteractionSchema.ONE_ID;
  /** The enriched columns a summary reads. */
  private static final Column[] READ = columns(ID, ONE_ID, EnrichedInteractionSchema.DT, EnrichedInteractionSchema.START_TIME,
      EnrichedInteractionSchema.CHANNEL, EnrichedInteractionSchema.KIND, EnrichedInteractionSchema.CATEGORY_L1,
      EnrichedInteractionSchema.SENTIMENT, EnrichedInteractionSchema.SENTIMENT_SCORE, EnrichedInteractionSchema.ESCALATE,
      EnrichedInteractionSchema.ASPECTS);

  private CustomerVoc() {}

  private static Column[] columns(String... names) {
    return java.util.Arrays.stream(names).map(functions::col).toArray(Column[]::new);
  }

  /**
   * What an increment changes in {@code cdp/customer_voc}.
   *
   * @param rows {@link CustomerVocSchema} rows that replace those of their {@code one_id}
   * @param gone {@code one_id}s whose row is deleted: touched, and without enriched rows now
   */
  public record Changes(Dataset<Row> rows, Dataset<Row> gone) {}

  /**
   * The summaries of the customers an increment of {@code voc/interactions_enriched} touches.
   *
   * @param stored the enriched table as stored, or null before the first enrich increment
   * @param written the enriched rows the increment writes; they replace stored rows of the same
   *     {@code interaction_id}
   * @param replaced which further stored rows the increment replaces (over the stored columns: a
   *     landing date's, {@code lit(false)} for none)
   */
  public static Changes apply(Dataset<Row> stored, Dataset<Row> written, Column replaced) {
    Dataset<Row> writtenRows = written.select(READ);
    Dataset<Row> touched;
    Dataset<Row> after;
    if (stored == null) {
      touched = writtenRows.select(ONE_ID);
      after = writtenRows;
    } else {
      Dataset<Row> storedRows = stored.select(READ);
      Dataset<Row> writtenIds = writtenRows.select(ID);
      // A stored row leaves its customer when the increment replaces it (its date) or rewrites it
      // (its interaction, which may now belong to another customer after a merge or a split).
      Dataset<Row> leaving = stored.where(replaced).select(ONE_ID)
          .unionByName(storedRows.join(writtenIds, new String[] {ID}, "left_semi").select(ONE_ID));
      touched = writtenRows.select(ONE_ID).unionByName(leaving);
      Dataset<Row> kept = stored.where(functions.not(replaced)).select(READ)
          .join(writtenIds, new String[] {ID}, "left_anti");
      after = kept.join(touched.where(col(ONE_ID).isNotNull()).distinct(), new String[] {ONE_ID}, "left_semi")
          .select(READ).unionByName(writtenRows);
    }
    touched = touched.where(col(ONE_ID).isNotNull()).distinct();
    Dataset<Row> rows = summarize(after.join(touched, new String[] {ONE_ID}, "left_semi"));
    return new Changes(rows, touched.join(rows.select(ONE_ID), new String[] {ONE_ID}, "left_anti"));
  }

  /** One {@link CustomerVocSchema} row per {@code one_id} of {@code enriched} (rows without one are left out). */
  public static Dataset<Row> summarize(Dataset<Row> enriched) {
    Dataset<Row> rows = enriched.where(col(ONE_ID).isNotNull());
    Column newest = struct(col(EnrichedInteractionSchema.START_TIME), col(ID),
        col(EnrichedInteractionSchema.SENTIMENT), col(EnrichedInteractionSchema.SENTIMENT_SCORE));
    Dataset<Row> totals = rows.groupBy(ONE_ID).agg(
        count(lit(1)).as(CustomerVocSchema.INTERACTIONS),
        count(when(col(EnrichedInteractionSchema.SENTIMENT).equalTo(EnrichedInteractionSchema.NEG), lit(1)))
            .as(CustomerVocSchema.NEGATIVE_INTERACTIONS),
        count(when(col(EnrichedInteractionSchema.KIND).equalTo(COMPLAINT_KIND)
            .or(col(EnrichedInteractionSchema.CATEGORY_L1).equalTo(COMPLAINT_CATEGORY_L1)), lit(1)))
            .as(CustomerVocSchema.COMPLAINTS),
        count(when(col(EnrichedInteractionSchema.ESCALATE), lit(1))).as(CustomerVocSchema.ESCALATIONS),
        round(avg(EnrichedInteractionSchema.SENTIMENT_SCORE), 4).as(CustomerVocSchema.AVG_SENTIMENT_SCORE),
        max(newest).as("_newest"),
        min(EnrichedInteractionSchema.START_TIME).as(CustomerVocSchema.FIRST_CONTACT_TIME),
        max(EnrichedInteractionSchema.START_TIME).as(CustomerVocSchema.LAST_CONTACT_TIME),
        max(EnrichedInteractionSchema.DT).as(CustomerVocSchema.LAST_DT));
    Dataset<Row> features = features(rows);
    Dataset<Row> joined = totals
        .join(countsBy(rows, EnrichedInteractionSchema.KIND, CustomerVocSchema.INTERACTIONS_BY_KIND), ONE_ID)
        .join(countsBy(rows, EnrichedInteractionSchema.CHANNEL, CustomerVocSchema.INTERACTIONS_BY_CHANNEL), ONE_ID)
        .join(features, new String[] {ONE_ID}, "left");

    Column featureList = coalesce(col(CustomerVocSchema.FEATURES),
        functions.array().cast(CustomerVocSchema.SCHEMA.apply(CustomerVocSchema.FEATURES).dataType()));
    List<Column> columns = new ArrayList<>();
    for (StructField field : CustomerVocSchema.SCHEMA.fields()) {
      Column value = switch (field.name()) {
        case CustomerVocSchema.LAST_SENTIMENT -> col("_newest." + EnrichedInteractionSchema.SENTIMENT);
        case CustomerVocSchema.LAST_SENTIMENT_SCORE -> col("_newest." + EnrichedInteractionSchema.SENTIMENT_SCORE);
        case CustomerVocSchema.FEATURES -> featureList;
        case CustomerVocSchema.INTEREST_TAGS -> tags(featureList);
        default -> col(field.name());
      };
      columns.add(value.cast(field.dataType()).as(field.name()));
    }
    return joined.select(columns.toArray(new Column[0]));
  }

  /** {@code one_id} and a map from each value of {@code column} to the customer's rows with it. */
  private static Dataset<Row> countsBy(Dataset<Row> rows, String column, String as) {
    return rows.groupBy(col(ONE_ID), coalesce(col(column), lit(CustomerVocSchema.UNKNOWN)).as("_key"))
        .agg(count(lit(1)).as("_count"))
        .groupBy(ONE_ID)
        .agg(functions.map_from_entries(functions.array_sort(collect_list(struct(col("_key"), col("_count")))))
            .as(as));
  }

  /** {@code one_id} and its {@link CustomerVocSchema#FEATURE_SUMMARY} list, most mentioned first. */
  private static Dataset<Row> features(Dataset<Row> rows) {
    Column polarity = col("_aspect." + AspectExtractor.POLARITY);
    Dataset<Row> perFeature = rows.select(col(ONE_ID), explode(col(EnrichedInteractionSchema.ASPECTS)).as("_aspect"))
        .groupBy(col(ONE_ID), col("_aspect." + AspectExtractor.FEATURE).as(CustomerVocSchema.FEATURE))
        .agg(count(lit(1)).as(CustomerVocSchema.MENTIONS),
            count(when(polarity.equalTo(EnrichedInteractionSchema.POS), lit(1))).as(CustomerVocSchema.POSITIVE),
            count(when(polarity.equalTo(EnrichedInteractionSchema.NEG), lit(1))).as(CustomerVocSchema.NEGATIVE),
            count(when(polarity.equalTo(EnrichedInteractionSchema.NEU), lit(1))).as(CustomerVocSchema.NEUTRAL))
        .where(col(CustomerVocSchema.FEATURE).isNotNull());
    Column net = round(col(CustomerVocSchema.POSITIVE).minus(col(CustomerVocSchema.NEGATIVE))
        .divide(col(CustomerVocSchema.MENTIONS)), 4);
    // Sorted by (-mentions, feature) through a leading sort key, dropped after sorting.
    Column entry = struct(col(CustomerVocSchema.MENTIONS).multiply(-1).as("_order"),
        col(CustomerVocSchema.FEATURE), col(CustomerVocSchema.MENTIONS), col(CustomerVocSchema.POSITIVE),
        col(CustomerVocSchema.NEGATIVE), col(CustomerVocSchema.NEUTRAL), net.as(CustomerVocSchema.NET_SENTIMENT));
    Column sorted = functions.transform(functions.array_sort(collect_list(entry)), e -> struct(
        e.getField(CustomerVocSchema.FEATURE).as(CustomerVocSchema.FEATURE),
        e.getField(CustomerVocSchema.MENTIONS).as(CustomerVocSchema.MENTIONS),
        e.getField(CustomerVocSchema.POSITIVE).as(CustomerVocSchema.POSITIVE),
        e.getField(CustomerVocSchema.NEGATIVE).as(CustomerVocSchema.NEGATIVE),
        e.getField(CustomerVocSchema.NEUTRAL).as(CustomerVocSchema.NEUTRAL),
        e.getField(CustomerVocSchema.NET_SENTIMENT).as(CustomerVocSchema.NET_SENTIMENT)));
    return perFeature.groupBy(ONE_ID).agg(sorted.as(CustomerVocSchema.FEATURES));
  }

  /** The interest tags of a customer's feature list (see the class comment for the rules). */
  static Column tags(Column features) {
    Column complaints = functions.filter(features, f -> f.getField(CustomerVocSchema.NEGATIVE)
        .geq(COMPLAINT_MIN_NEGATIVE)
        .and(f.getField(CustomerVocSchema.NEGATIVE).gt(f.getField(CustomerVocSchema.POSITIVE))));
    Column interests = functions.filter(features, f -> f.getField(CustomerVocSchema.MENTIONS)
        .geq(INTEREST_MIN_MENTIONS)
        .and(f.getField(CustomerVocSchema.NEGATIVE).leq(f.getField(CustomerVocSchema.POSITIVE))));
    return functions.concat(
        functions.transform(complaints, f -> concat(lit(COMPLAINT_TAG), f.getField(CustomerVocSchema.FEATURE))),
        functions.transform(interests, f -> concat(lit(INTEREST_TAG), f.getField(CustomerVocSchema.FEATURE))));
  }
}
