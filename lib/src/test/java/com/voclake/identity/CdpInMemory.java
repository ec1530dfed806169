package com.voclake.identity;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.VoclakeConfig;
import com.voclake.increment.BatchScope;
import com.voclake.io.InputValidation;
import com.voclake.io.Source;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The identity tables held as in-memory frames, changed by {@link IdentityIncrement#apply} the way
 * the increment core's writer changes the Delta tables (upsert the rows, delete the gone keys):
 * the pure step's tests, without files or Delta.
 */
final class CdpInMemory {
  private final SparkSession spark;
  private final VoclakeConfig config;
  private final byte[] key;
  Dataset<Row> records;
  Dataset<Row> links;
  Dataset<Row> journey;
  Dataset<Row> profiles;
  Dataset<Row> merges;
  Dataset<Row> overrides;
  IdentityChanges last;

  CdpInMemory(SparkSession spark, VoclakeConfig config) {
    this.spark = spark;
    this.config = config;
    this.key = config.pii().resolveKey(System.getenv());
    this.overrides = spark.createDataFrame(List.of(), IdentityOverridesSchema.SCHEMA);
    this.merges = spark.createDataFrame(List.of(), new StructType()
        .add(MergeLogSchema.MERGED_ONE_ID, DataTypes.StringType).add(MergeLogSchema.SURVIVING_ONE_ID, DataTypes.StringType)
        .add(MergeLogSchema.VIA_ID_TYPE, DataTypes.StringType).add(MergeLogSchema.VIA_ID_HASH, DataTypes.StringType)
        .add(MergeLogSchema.RULE, DataTypes.StringType).add(MergeLogSchema.DT, DataTypes.StringType));
  }

  byte[] key() {
    return key;
  }

  /** Lines as landed on {@code dt}, validated, as the batch's good records. */
  Dataset<Row> lines(Source source, String dt, String... lines) {
    List<Row> rows = new ArrayList<>();
    for (String line : lines) {
      rows.add(RowFactory.create(line, dt));
    }
    return InputValidation.validate(spark.createDataFrame(rows, InputValidation.LINES), source, config.run()).good();
  }

  /** Applies a batch of touchpoint and interaction lines landed on {@code day}, as {@code scope} says. */
  IdentityChanges apply(BatchScope.Kind kind, String day, List<String> touchpoints, List<String> interactions) {
    LocalDate date = LocalDate.parse(day);
    Dataset<Row> batch = IdentityGraph.records(lines(Source.TOUCHPOINTS, day, touchpoints.toArray(new String[0])),
        lines(Source.INTERACTIONS, day, interactions.toArray(new String[0])));
    IdentityIncrement.State state = records == null ? IdentityIncrement.State.EMPTY
        : new IdentityIncrement.State(records, links, null);
    IdentityChanges changes = IdentityIncrement.apply(batch, new BatchScope(kind, date), state, overrides,
        config.identity(), key, date);
    if (changes.full()) {
      records = local(changes.records());
      journey = local(changes.journey());
      links = local(changes.links());
      profiles = local(changes.profiles());
    } else {
      // As the writer does: records, journey and profiles delete the keys the step lists (a row it
      // failed to list would stay twice), links delete their rows' own keys too.
      records = unique(replace(records, changes.records(), changes.recordsGone(), IdentityRecordsSchema.RECORD_KEY),
          IdentityRecordsSchema.RECORD_KEY);
      journey = unique(replace(journey, changes.journey(), changes.journeyGone(), IdentityIncrement.JOURNEY_KEY),
          IdentityIncrement.JOURNEY_KEY);
      links = replace(links, changes.links(), changes.linksGone().unionByName(changes.links().select(
          IdentityWrites.ID[0], IdentityWrites.ID[1])), IdentityWrites.ID);
      profiles = unique(replace(profiles, changes.profiles(), changes.profilesGone(), IdentityResolution.ONE_ID),
          IdentityResolution.ONE_ID);
    }
    merges = merges.unionByName(changes.merges().select(MergeLogSchema.MERGED_ONE_ID, MergeLogSchema.SURVIVING_ONE_ID,
        MergeLogSchema.VIA_ID_TYPE, MergeLogSchema.VIA_ID_HASH, MergeLogSchema.RULE)
        .withColumn(MergeLogSchema.DT, org.apache.spark.sql.functions.lit(day)));
    merges = local(merges);
    last = changes;
    return changes;
  }

  IdentityChanges apply(String day, List<String> touchpoints, List<String> interactions) {
    return apply(BatchScope.Kind.LANDING_DATE, day, touchpoints, interactions);
  }

  void override(String rule, String typeA, String hashA, String typeB, String hashB) {
    overrides = overrides.unionByName(spark.createDataFrame(List.of(RowFactory.create(rule, typeA, hashA, typeB, hashB,
        "test", "test", Timestamp.from(Instant.now()))), IdentityOverridesSchema.SCHEMA));
  }

  /** Event or interaction id to one_id, from the journey. */
  java.util.Map<String, String> customers() {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    for (Row r : journey.select(org.apache.spark.sql.functions.coalesce(col(CustomerJourneySchema.EVENT_ID),
        col(CustomerJourneySchema.INTERACTION_ID)), col(CustomerJourneySchema.ONE_ID)).collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  /** {@code table} without the rows whose keys are in {@code deleted}, plus {@code rows}. */
  private static Dataset<Row> replace(Dataset<Row> table, Dataset<Row> rows, Dataset<Row> deleted, String... keys) {
    Dataset<Row> replaced = deleted.select(keys[0], Arrays.copyOfRange(keys, 1, keys.length));
    org.apache.spark.sql.Column same = null;
    for (String k : keys) {
      org.apache.spark.sql.Column c = table.col(k).eqNullSafe(replaced.col(k));
      same = same == null ? c : same.and(c);
    }
    return local(table.join(replaced, same, "left_anti").unionByName(rows));
  }

  /** {@code table}, after checking that no key is held twice. */
  private static Dataset<Row> unique(Dataset<Row> table, String... keys) {
    long twice = table.groupBy(keys[0], Arrays.copyOfRange(keys, 1, keys.length)).count().where("count > 1").count();
    if (twice > 0) {
      throw new IllegalStateException(twice + " keys " + Arrays.toString(keys) + " are held twice after the increment");
    }
    return table;
  }

  /**
   * The rows as a local relation, as a table read would give them: with their real size. A
   * checkpoint keeps the size its plan estimated, and the estimates of plan after plan built on
   * each other (each join multiplies its sides') grow until estimating them costs minutes.
   */
  private static Dataset<Row> local(Dataset<Row> rows) {
    return rows.sparkSession().createDataFrame(rows.collectAsList(), rows.schema());
  }
}
