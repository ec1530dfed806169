package com.voclake.identity;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.voclake.config.IdentityConfig;
import com.voclake.pipeline.Checkpoints;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a set of records (rows of {@link IdentityRecordsSchema}, plus {@link #PREV_ONE_ID}, the
 * customer each record had before this run, null for new ones) into customers with stable
 * {@code one_id}s. Full and incremental runs both call {@link #resolve}: a full run passes every
 * record, an incremental run the new records and every record of the customers they reach.
 *
 * <p>Steps: block shared identifiers; add always_link edges; connected components
 * ({@link ConnectedComponents#components}); repair the components that break
 * {@code identity.max-component-size} or a never_link override ({@link ComponentRepair}); then
 * {@code one_id}s:
 * <ul>
 *   <li>each existing {@code one_id} has one heir: the component holding its earliest record
 *       (event time, then record key);
 *   <li>a component that is heir to existing ids keeps the oldest of them (earliest first record,
 *       then the smaller id); the others are merged into it and logged;
 *   <li>any other component gets a new id derived from its earliest record ({@link #oneId}); so a
 *       customer split off by a never_link override gets an id of its own.
 * </ul>
 * A full rebuild from empty and a chain of incremental runs give the same partition of records; their
 * ids differ only when a record arrives later than newer records of its customer (a full rebuild
 * names the customer after it, an incremental run keeps the existing id) and after splits.
 */
public final class IdentityResolution {
  public static final String PREV_ONE_ID = "prev_one_id";
  public static final String ONE_ID = "one_id";
  /** Identifier status for one cut from the graph by the component-size rule. */
  public static final String QUARANTINED = IdentityLinksSchema.QUARANTINED;

  static final String RECORD_KEY = IdentityRecordsSchema.RECORD_KEY;
  static final String EVENT_TIME = IdentityRecordsSchema.EVENT_TIME;
  static final String ID_TYPE = IdentityRecordsSchema.ID_TYPE;
  static final String ID_HASH = IdentityRecordsSchema.ID_HASH;
  static final String ID_MASKED = IdentityRecordsSchema.ID_MASKED;
  private static final String COMPONENT = "component";
  private static final String VERTEX_KEY = "vertex_key";
  private static final String VERTEX_ID = "vertex_id";
  private static final String OBSERVED = "observed";
  private static final String LIMIT = "limit";
  private static final Logger LOG = LoggerFactory.getLogger(IdentityResolution.class);

  private IdentityResolution() {}

  /**
   * What a run decided.
   *
   * @param recordOneIds {@code (record_key, one_id)} for every input record
   * @param identifiers {@code (id_type, id_hash, id_masked, one_id, status, first_seen, last_seen,
   *     records)} for every identifier of the input records; {@code one_id} null unless
   *     {@code status} is active; the last three over the input records only
   * @param merges {@link MergeLogSchema} columns without the run's columns: {@code merged_one_id,
   *     surviving_one_id, via_id_type, via_id_hash, rule}
   * @param quarantine {@code rule, id_type, id_hash, id_masked, component, observed, limit, dropped}
   */
  public record Outcome(Dataset<Row> recordOneIds, Dataset<Row> identifiers, Dataset<Row> merges,
      Dataset<Row> quarantine) {}

  /** Every identifier of every record: {@code record_key, event_time, id_type, id_hash, id_masked}. */
  public static Dataset<Row> edges(Dataset<Row> records) {
    return records.select(col(RECORD_KEY), col(EVENT_TIME),
            explode(col(IdentityRecordsSchema.IDENTIFIERS)).as("i"))
        .select(col(RECORD_KEY), col(EVENT_TIME), col("i." + ID_TYPE).as(ID_TYPE),
            col("i." + ID_HASH).as(ID_HASH), col("i." + ID_MASKED).as(ID_MASKED));
  }

  /**
   * Weak identifiers that must not link: {@code (id_type, id_hash, observed, limit)} of every
   * identifier whose type has a limit in {@code sharedLimits} and that appears, in the same
   * records, together with more than that many distinct values of one strong type
   * ({@code observed} is the largest such count).
   *
   * <p>The rule in words: a phone seen with four different CRM ids, with a limit of 3, is a
   * dealer's or a call centre's phone, not a person's; a phone seen with one CRM id, one unionid
   * and one VIN is one person's. Counting per strong type keeps the second one linking. It is kept out of the graph, so it neither
   * merges those four customers nor attaches to any one of them. Records without any strong
   * identifier cannot trip the rule; that keeps it explainable at the cost of missing a shared
   * phone that only anonymous web leads used.
   */
  public static Dataset<Row> sharedIdentifiers(Dataset<Row> edges, Map<String, Integer> sharedLimits,
      List<String> strongTypes) {
    if (sharedLimits.isEmpty() || strongTypes.isEmpty()) {
      return edges.select(col(ID_TYPE), col(ID_HASH), lit(0L).as(OBSERVED), lit(0L).as(LIMIT)).limit(0);
    }
    Dataset<Row> weak = edges.where(col(ID_TYPE).isin(sharedLimits.keySet().toArray()))
        .select(col(RECORD_KEY), col(ID_TYPE).as("weak_type"), col(ID_HASH).as("weak_hash"));
    Dataset<Row> strong = edges.where(col(ID_TYPE).isin(strongTypes.toArray()))
        .select(col(RECORD_KEY), col(ID_TYPE).as("strong_type"), col(ID_HASH).as("strong_hash"));
    Column limit = null;
    for (Map.Entry<String, Integer> e : sharedLimits.entrySet()) {
      limit = (limit == null ? when(col("weak_type").equalTo(e.getKey()), lit((long) e.getValue()))
          : limit.when(col("weak_type").equalTo(e.getKey()), lit((long) e.getValue())));
    }
    return weak.join(strong, RECORD_KEY)
        .where(col("weak_type").notEqual(col("strong_type")))
        .groupBy(col("weak_type"), col("weak_hash"), col("strong_type"))
        .agg(count_distinct(col("strong_hash")).as(OBSERVED))
        .groupBy(col("weak_type"), col("weak_hash"))
        .agg(max(OBSERVED).as(OBSERVED))
        .withColumn(LIMIT, limit)
        .where(col(OBSERVED).gt(col(LIMIT)))
        .select(col("weak_type").as(ID_TYPE), col("weak_hash").as(ID_HASH), col(OBSERVED), col(LIMIT));
  }

  /**
   * Resolves {@code work} into customers.
   *
   * @param work rows of {@link IdentityRecordsSchema} plus {@link #PREV_ONE_ID}
   * @param alreadyShared {@code (id_type, id_hash)} blocked by earlier runs (incremental runs pass
   *     them, because they do not recount identifiers the new records do not carry)
   * @param overrides rows of {@link IdentityOverridesSchema}
   */
  public static Outcome resolve(Dataset<Row> work, Dataset<Row> alreadyShared, Dataset<Row> overrides,
      IdentityConfig rules) {
    SparkSession spark = work.sparkSession();
    Dataset<Row> edges = Checkpoints.materialize(edges(work));
    Dataset<Row> shared = Checkpoints.materialize(sharedIdentifiers(edges, rules.sharedLimits(), rules.strongTypes())
        .unionByName(alreadyShared.select(col(ID_TYPE), col(ID_HASH), lit(null).cast("long").as(OBSERVED),
            lit(null).cast("long").as(LIMIT)))
        .groupBy(ID_TYPE, ID_HASH).agg(max(OBSERVED).as(OBSERVED), max(LIMIT).as(LIMIT)));
    Dataset<Row> linking = edges.join(shared, new String[] {ID_TYPE, ID_HASH}, "left_anti");
    // Read by the override pairs and, as vertex keys, by the components: computed once.
    Dataset<Row> present = Checkpoints.materialize(linking.select(ID_TYPE, ID_HASH).distinct());
    Dataset<Row> always = Checkpoints.materialize(pairs(overrides, IdentityOverridesSchema.ALWAYS_LINK, present));
    Dataset<Row> never = Checkpoints.materialize(pairs(overrides, IdentityOverridesSchema.NEVER_LINK, present));

    Dataset<Row> vertexComponents = Checkpoints.materialize(components(work.select(RECORD_KEY), present, linking,
        always, rules, functions::xxhash64));
    Dataset<Row> repaired = repair(spark, linking, always, never, vertexComponents, rules);
    Dataset<Row> finalComponents = Checkpoints.materialize(vertexComponents
        .join(repaired.select(col(VERTEX_KEY), col("part"), col("dropped")), VERTEX_KEY, "left")
        .where(coalesce(col("dropped"), lit(false)).equalTo(false))
        .select(col(VERTEX_KEY), coalesce(col("part"), col(COMPONENT)).as(COMPONENT)));

    Dataset<Row> records = work.select(col(RECORD_KEY), col(EVENT_TIME), col(PREV_ONE_ID))
        .join(finalComponents.where(col(VERTEX_KEY).startsWith("r:"))
            .select(functions.substring(col(VERTEX_KEY), 3, Integer.MAX_VALUE).as(RECORD_KEY), col(COMPONENT)),
            RECORD_KEY, "left")
        .withColumn(COMPONENT, coalesce(col(COMPONENT), concat(lit("s:"), col(RECORD_KEY))));
    records = Checkpoints.materialize(records);
    Assigned assigned = assign(records);
    Dataset<Row> componentOneIds = Checkpoints.materialize(assigned.componentOneIds());
    Dataset<Row> recordOneIds = records.join(componentOneIds, COMPONENT).select(RECORD_KEY, ONE_ID);

    Dataset<Row> identifierComponents = finalComponents.where(col(VERTEX_KEY).startsWith("i:"))
        .select(col(VERTEX_KEY), col(COMPONENT)).join(componentOneIds, COMPONENT)
        .select(col(VERTEX_KEY), col(ONE_ID));
    // With the counts identity_links keeps: over a full run's input they are the links' own.
    Dataset<Row> masked = edges.groupBy(ID_TYPE, ID_HASH).agg(min(ID_MASKED).as(ID_MASKED),
        min(EVENT_TIME).as(IdentityLinksSchema.FIRST_SEEN), max(EVENT_TIME).as(IdentityLinksSchema.LAST_SEEN),
        count(lit(1)).as(IdentityLinksSchema.RECORDS));
    Dataset<Row> dropped = repaired.where(col("dropped")).select(col(VERTEX_KEY), lit(true).as("_dropped"));
    Dataset<Row> identifiers = masked
        .withColumn(VERTEX_KEY, identifierKey(col(ID_TYPE), col(ID_HASH)))
        .join(shared.select(ID_TYPE, ID_HASH).withColumn("_shared", lit(true)), new String[] {ID_TYPE, ID_HASH}, "left")
        .join(dropped, VERTEX_KEY, "left")
        .join(identifierComponents, VERTEX_KEY, "left")
        .select(col(ID_TYPE), col(ID_HASH), col(ID_MASKED),
            when(col("_shared").isNull().and(col("_dropped").isNull()), col(ONE_ID)).as(ONE_ID),
            when(col("_shared"), lit(IdentityLinksSchema.SHARED_BLOCKED))
                .when(col("_dropped"), lit(QUARANTINED))
                .otherwise(lit(IdentityLinksSchema.ACTIVE)).as(IdentityLinksSchema.STATUS),
            col(IdentityLinksSchema.FIRST_SEEN), col(IdentityLinksSchema.LAST_SEEN), col(IdentityLinksSchema.RECORDS));

    Dataset<Row> merges = mergeReasons(assigned.merges(), records, linking, always, identifierComponents,
        componentOneIds);
    // The quarantine names few identifiers: their masked forms come from their own edges rather
    // than from aggregating every edge a second time (the identifiers above are not kept).
    Dataset<Row> sharedFound = shared.where(col(OBSERVED).isNotNull());
    Dataset<Row> oversized = repaired.where(col("oversized_records").isNotNull().and(col(VERTEX_KEY).startsWith("i:")));
    Dataset<Row> quarantine = sharedFound.join(maskedForms(edges.join(
            Broadcasts.small(sharedFound.select(ID_TYPE, ID_HASH)), new String[] {ID_TYPE, ID_HASH}, "left_semi")),
            new String[] {ID_TYPE, ID_HASH})
        .select(lit(IdentityQuarantineSchema.SHARED_IDENTIFIER).as(IdentityQuarantineSchema.RULE),
            col(ID_TYPE), col(ID_HASH), col(ID_MASKED), lit(null).cast("string").as(IdentityQuarantineSchema.COMPONENT),
            col(OBSERVED), col(LIMIT), lit(true).as(IdentityQuarantineSchema.DROPPED))
        .unionByName(oversized
            .join(maskedForms(edges.withColumn(VERTEX_KEY, identifierKey(col(ID_TYPE), col(ID_HASH)))
                .join(Broadcasts.small(oversized.select(VERTEX_KEY)), VERTEX_KEY, "left_semi"))
                .withColumn(VERTEX_KEY, identifierKey(col(ID_TYPE), col(ID_HASH))), VERTEX_KEY)
            .select(lit(IdentityQuarantineSchema.MAX_COMPONENT_SIZE).as(IdentityQuarantineSchema.RULE),
                col(ID_TYPE), col(ID_HASH), col(ID_MASKED), oneId(col("component_label")).as(IdentityQuarantineSchema.COMPONENT),
                col("oversized_records").as(OBSERVED), lit((long) rules.maxComponentSize()).as(LIMIT),
                col("dropped").as(IdentityQuarantineSchema.DROPPED)));
    return new Outcome(recordOneIds, identifiers, merges, quarantine);
  }

  /** {@code (id_type, id_hash, id_masked)} of each identifier of {@code edges}. */
  private static Dataset<Row> maskedForms(Dataset<Row> edges) {
    return edges.groupBy(ID_TYPE, ID_HASH).agg(min(ID_MASKED).as(ID_MASKED));
  }

  /** {@code C} and 16 hex digits of SHA-256 of the customer's earliest record key. */
  public static Column oneId(Column earliestRecordKey) {
    return concat(lit("C"), functions.substring(functions.sha2(earliestRecordKey, 256), 1, 16));
  }

  static Column identifierKey(Column type, Column hash) {
    return concat(lit("i:"), type, lit(":"), hash);
  }

  /** Override pairs of {@code rule} whose both identifiers are present: {@code (a, b)} vertex keys. */
  private static Dataset<Row> pairs(Dataset<Row> overrides, String rule, Dataset<Row> present) {
    Dataset<Row> keys = present.select(identifierKey(col(ID_TYPE), col(ID_HASH)).as("k"));
    return overrides.where(col(IdentityOverridesSchema.RULE).equalTo(rule))
        .select(identifierKey(col(IdentityOverridesSchema.ID_TYPE_A), col(IdentityOverridesSchema.ID_HASH_A)).as("a"),
            identifierKey(col(IdentityOverridesSchema.ID_TYPE_B), col(IdentityOverridesSchema.ID_HASH_B)).as("b"))
        .join(keys.withColumnRenamed("k", "a"), "a")
        .join(keys.withColumnRenamed("k", "b"), "b")
        .select("a", "b").distinct();
  }

  /**
   * {@code (vertex_key, component)} of every record and identifier vertex that has an edge.
   *
   * @param records {@code record_key} of every record, each once (records without an edge are
   *     left out of the result)
   * @param identifiers {@code (id_type, id_hash)} of every identifier in {@code linking}, each once
   * @param hash a vertex key's 64-bit id ({@link #vertexIds})
   */
  static Dataset<Row> components(Dataset<Row> records, Dataset<Row> identifiers, Dataset<Row> linking,
      Dataset<Row> always, IdentityConfig rules, UnaryOperator<Column> hash) {
    Dataset<Row> pairs = linking.select(concat(lit("r:"), col(RECORD_KEY)).as("a"),
            identifierKey(col(ID_TYPE), col(ID_HASH)).as("b"))
        .union(always.select("a", "b"));
    // Distinct by construction: deduplicating the edges' ends instead would aggregate twice as
    // many long strings, one of the costliest steps of a full run.
    Dataset<Row> vertexKeys = records.select(concat(lit("r:"), col(RECORD_KEY)).as(VERTEX_KEY))
        .union(identifiers.select(identifierKey(col(ID_TYPE), col(ID_HASH)).as(VERTEX_KEY)));
    VertexIds ids = vertexIds(vertexKeys, hash);
    Dataset<Row> vertices = ids.vertices();
    Dataset<Row> edges = ids.hashed()
        ? pairs.select(hash.apply(col("a")).as(ConnectedComponents.SRC), hash.apply(col("b")).as(ConnectedComponents.DST))
        : pairs
            .join(vertices.as("x"), col("a").equalTo(col("x." + VERTEX_KEY)))
            .join(vertices.as("y"), col("b").equalTo(col("y." + VERTEX_KEY)))
            .select(col("x." + VERTEX_ID).as(ConnectedComponents.SRC), col("y." + VERTEX_ID).as(ConnectedComponents.DST));
    Dataset<Row> labels = ConnectedComponents.run(edges, rules.maxIterations(), rules.singleTaskBudgetBytes())
        .components();
    return vertices.join(labels,
            col(VERTEX_ID).equalTo(col(ConnectedComponents.VERTEX)))
        .select(col(VERTEX_KEY), concat(lit("c:"), col(ConnectedComponents.COMPONENT).cast("string")).as(COMPONENT));
  }

  /**
   * @param vertices {@code (vertex_key, vertex_id)}, materialised
   * @param hashed whether each id is its key's hash (so an edge gets its ids without a join)
   */
  record VertexIds(Dataset<Row> vertices, boolean hashed) {}

  /**
   * Ids for the distinct {@code vertexKeys}: each key's 64-bit {@code hash}, which puts ids on
   * the edges without joining them with the vertices; or, should two keys share a hash (at five
   * million vertices about one run in a million), the keys numbered 0..n-1, which costs those
   * joins but never merges two vertices.
   */
  static VertexIds vertexIds(Dataset<Row> vertexKeys, UnaryOperator<Column> hash) {
    Dataset<Row> hashed = Checkpoints.materialize(vertexKeys.withColumn(VERTEX_ID, hash.apply(col(VERTEX_KEY))));
    long collisions = hashed.groupBy(VERTEX_ID).count().where(col("count").gt(1)).count();
    if (collisions == 0) {
      return new VertexIds(hashed, true);
    }
    LOG.warn("{} vertex ids are the hash of more than one vertex key; numbering the vertices instead", collisions);
    // Numbered by index, which depends on partition order: materialised once, so that a
    // recomputation cannot renumber vertices half-way through a run.
    Dataset<Row> keys = hashed.select(VERTEX_KEY);
    JavaRDD<Row> indexed = keys.javaRDD().zipWithIndex()
        .map(t -> RowFactory.create(t._1().getString(0), t._2()));
    StructType schema = new StructType().add(VERTEX_KEY, DataTypes.StringType, false)
        .add(VERTEX_ID, DataTypes.LongType, false);
    return new VertexIds(Checkpoints.materialize(keys.sparkSession().createDataFrame(indexed, schema)), false);
  }

  /**
   * Runs {@link ComponentRepair} on the driver over the components that break a rule. Returns
   * {@code (vertex_key, part, dropped, oversized_records, component_label)} for their vertices.
   */
  private static Dataset<Row> repair(SparkSession spark, Dataset<Row> linking, Dataset<Row> always,
      Dataset<Row> never, Dataset<Row> vertexComponents, IdentityConfig rules) {
    Dataset<Row> recordVertices = vertexComponents.where(col(VERTEX_KEY).startsWith("r:"));
    Dataset<Row> oversized = recordVertices.groupBy(COMPONENT).agg(count(lit(1)).as("records"))
        .where(col("records").gt(rules.maxComponentSize())).select(COMPONENT);
    Dataset<Row> violating = never
        .join(vertexComponents.select(col(VERTEX_KEY).as("a"), col(COMPONENT).as("ca")), "a")
        .join(vertexComponents.select(col(VERTEX_KEY).as("b"), col(COMPONENT).as("cb")), "b")
        .where(col("ca").equalTo(col("cb"))).select(col("ca").as(COMPONENT));
    List<String> broken = oversized.union(violating).distinct().as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    StructType schema = new StructType().add(VERTEX_KEY, DataTypes.StringType).add("part", DataTypes.StringType)
        .add("dropped", DataTypes.BooleanType).add("oversized_records", DataTypes.LongType)
        .add("component_label", DataTypes.StringType);
    if (broken.isEmpty()) {
      return spark.createDataFrame(List.of(), schema);
    }
    Dataset<Row> brokenComponents = spark.createDataset(broken, org.apache.spark.sql.Encoders.STRING()).toDF(COMPONENT);
    Dataset<Row> inBroken = vertexComponents.join(functions.broadcast(brokenComponents), COMPONENT);
    Map<String, List<ComponentRepair.Edge>> recordEdges = new HashMap<>();
    for (Row r : linking.select(concat(lit("r:"), col(RECORD_KEY)).as(VERTEX_KEY),
            identifierKey(col(ID_TYPE), col(ID_HASH)).as("b"))
        .join(inBroken, VERTEX_KEY).select(COMPONENT, VERTEX_KEY, "b").collectAsList()) {
      recordEdges.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
          .add(new ComponentRepair.Edge(r.getString(1), r.getString(2)));
    }
    Map<String, List<ComponentRepair.Edge>> idEdges = new HashMap<>();
    for (Row r : always.join(inBroken.withColumnRenamed(VERTEX_KEY, "a"), "a").select(COMPONENT, "a", "b")
        .collectAsList()) {
      idEdges.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
          .add(new ComponentRepair.Edge(r.getString(1), r.getString(2)));
    }
    Map<String, List<ComponentRepair.Edge>> nevers = new HashMap<>();
    for (Row r : never.join(inBroken.withColumnRenamed(VERTEX_KEY, "a"), "a").select(COMPONENT, "a", "b")
        .collectAsList()) {
      nevers.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
          .add(new ComponentRepair.Edge(r.getString(1), r.getString(2)));
    }
    Set<String> strongPrefixes = new HashSet<>();
    for (String type : rules.strongTypes()) {
      strongPrefixes.add("i:" + type + ":");
    }
    List<Row> out = new ArrayList<>();
    for (Map.Entry<String, List<ComponentRepair.Edge>> e : recordEdges.entrySet()) {
      ComponentRepair.Result result = ComponentRepair.repair(e.getValue(),
          idEdges.getOrDefault(e.getKey(), List.of()), nevers.getOrDefault(e.getKey(), List.of()),
          rules.maxComponentSize(),
          id -> strongPrefixes.contains(id.substring(0, id.indexOf(':', 2) + 1)));
      Set<String> records = new HashSet<>();
      for (ComponentRepair.Edge edge : e.getValue()) {
        records.add(edge.a());
      }
      String label = records.stream().min(String::compareTo).orElseThrow().substring(2);
      Long size = result.oversized() ? (long) records.size() : null;
      result.partOf().forEach((vertex, part) -> out.add(RowFactory.create(vertex, "p:" + part, false, size, label)));
      for (String id : result.droppedIdentifiers()) {
        out.add(RowFactory.create(id, null, true, size, label));
      }
    }
    return Checkpoints.materialize(spark.createDataFrame(out, schema));
  }

  private record Assigned(Dataset<Row> componentOneIds, Dataset<Row> merges) {}

  /** See the class comment: heirs, survivors, new ids. */
  private static Assigned assign(Dataset<Row> records) {
    Dataset<Row> first = records.where(col(PREV_ONE_ID).isNotNull())
        .groupBy(PREV_ONE_ID).agg(min(struct(col(EVENT_TIME), col(RECORD_KEY))).as("first"));
    Dataset<Row> heirs = first.join(records.select(col(RECORD_KEY).as("_first_key"), col(COMPONENT)),
            col("first." + RECORD_KEY).equalTo(col("_first_key")))
        .select(col(PREV_ONE_ID), col("first." + EVENT_TIME).as("first_seen"), col(COMPONENT));
    Dataset<Row> survivors = heirs.groupBy(COMPONENT)
        .agg(min(struct(col("first_seen"), col(PREV_ONE_ID))).getField(PREV_ONE_ID).as("survivor"));
    Dataset<Row> earliest = records.groupBy(COMPONENT)
        .agg(min(struct(col(EVENT_TIME), col(RECORD_KEY))).getField(RECORD_KEY).as("earliest"));
    Dataset<Row> componentOneIds = earliest.join(survivors, new String[] {COMPONENT}, "left")
        .select(col(COMPONENT), coalesce(col("survivor"), oneId(col("earliest"))).as(ONE_ID));
    Dataset<Row> merges = heirs.join(survivors, COMPONENT)
        .where(col(PREV_ONE_ID).notEqual(col("survivor")))
        .select(col(COMPONENT), col(PREV_ONE_ID).as(MergeLogSchema.MERGED_ONE_ID),
            col("survivor").as(MergeLogSchema.SURVIVING_ONE_ID));
    return new Assigned(componentOneIds, merges);
  }

  /**
   * Adds to each merge the identifier through which the merged customer's records reach the rest of
   * the component: one carried both by records of the merged customer and by other records.
   */
  private static Dataset<Row> mergeReasons(Dataset<Row> allMerges, Dataset<Row> records, Dataset<Row> linking,
      Dataset<Row> always, Dataset<Row> identifierComponents, Dataset<Row> componentOneIds) {
    // Only the records of a component with a merge can carry its reason, and most runs merge few
    // customers or none: the owners of every identifier would cost a pass over every edge.
    Dataset<Row> merges = Checkpoints.materialize(allMerges);
    long mergeCount = merges.count();
    if (mergeCount == 0) {
      return merges.select(col(MergeLogSchema.MERGED_ONE_ID), col(MergeLogSchema.SURVIVING_ONE_ID),
          lit(null).cast("string").as(MergeLogSchema.VIA_ID_TYPE),
          lit(null).cast("string").as(MergeLogSchema.VIA_ID_HASH), lit(null).cast("string").as(MergeLogSchema.RULE));
    }
    Dataset<Row> mergedRecords = records.join(Broadcasts.small(merges.select(COMPONENT).distinct(), mergeCount),
        COMPONENT, "left_semi");
    Dataset<Row> owners = linking.join(mergedRecords.select(RECORD_KEY, PREV_ONE_ID), RECORD_KEY)
        .groupBy(ID_TYPE, ID_HASH)
        .agg(collect_set(coalesce(col(PREV_ONE_ID), lit(""))).as("owners"))
        .withColumn(VERTEX_KEY, identifierKey(col(ID_TYPE), col(ID_HASH)))
        .join(identifierComponents.withColumnRenamed(ONE_ID, "_owner_one_id"), VERTEX_KEY);
    Dataset<Row> m = merges.join(componentOneIds, COMPONENT);
    Dataset<Row> byIdentifier = m.join(owners.where(size(col("owners")).gt(1)),
            array_contains(col("owners"), col(MergeLogSchema.MERGED_ONE_ID))
                .and(col("_owner_one_id").equalTo(col(ONE_ID))))
        .groupBy(MergeLogSchema.MERGED_ONE_ID)
        .agg(min(struct(col(ID_TYPE), col(ID_HASH))).as("via"));
    Dataset<Row> alwaysEnds = always.select(col("a").as(VERTEX_KEY)).union(always.select(col("b").as(VERTEX_KEY)));
    Dataset<Row> byOverride = m.join(owners.join(alwaysEnds, VERTEX_KEY),
            array_contains(col("owners"), col(MergeLogSchema.MERGED_ONE_ID)))
        .groupBy(MergeLogSchema.MERGED_ONE_ID)
        .agg(min(struct(col(ID_TYPE), col(ID_HASH))).as("via_override"));
    return merges.join(byIdentifier, new String[] {MergeLogSchema.MERGED_ONE_ID}, "left")
        .join(byOverride, new String[] {MergeLogSchema.MERGED_ONE_ID}, "left")
        .select(col(MergeLogSchema.MERGED_ONE_ID), col(MergeLogSchema.SURVIVING_ONE_ID),
            coalesce(col("via." + ID_TYPE), col("via_override." + ID_TYPE)).as(MergeLogSchema.VIA_ID_TYPE),
            coalesce(col("via." + ID_HASH), col("via_override." + ID_HASH)).as(MergeLogSchema.VIA_ID_HASH),
            when(col("via").isNotNull(), lit(MergeLogSchema.IDENTIFIER_MATCH))
                .otherwise(lit(MergeLogSchema.ALWAYS_LINK)).as(MergeLogSchema.RULE));
  }
}
