package com.voclake.identity.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.voclake.VoclakeException;
import com.voclake.config.IdentityConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.identity.ConnectedComponents;
import com.voclake.identity.IdentityGraph;
import com.voclake.identity.IdentityJob;
import com.voclake.identity.IdentityRecordsSchema;
import com.voclake.identity.IdentityResolution;
import com.voclake.identity.IdentityTables;
import com.voclake.io.DeltaTables;
import com.voclake.io.HadoopFiles;
import com.voclake.increment.BatchInput;
import com.voclake.increment.BatchScope;
import com.voclake.io.InteractionSchema;
import com.voclake.io.TouchpointSchema;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.sample.GenerateJob;
import com.voclake.sample.GeneratorOptions;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.Tuple2;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * {@code bench identity}: how fast identity merge is on generated touchpoints, against GraphX in
 * the same process and on the same graph.
 *
 * <p>It generates about {@code events} touchpoints (plus the interactions the generator adds) with
 * {@link GenerateJob} over {@value #DAYS} landing days by default, so one day holds about 1 % of them, and
 * reuses them on a later run with the same options. It builds the record–identifier graph the way
 * {@link IdentityJob} does, then times: (a) {@link ConnectedComponents} with the configured
 * single-task budget, (a') the same forced to stay distributed, (b) GraphX's
 * {@code connectedComponents}, checks that (a) and (b) give the same partition, (c) the whole
 * identity stage on that input, (d) an incremental day against (c), when the identity stage
 * supports one, and (e) a floor for (c): what parsing the input and writing the stage's tables
 * alone cost here ({@link Floor}). Before (a), both algorithms run once, untimed, on the same graph
 * (warm-up); then (a), (a') and (b) run {@value #COMPONENT_RUNS} times each, in turn, and each is
 * reported by its median. Timings are wall seconds; the machine may be shared, so the report
 * carries the load average seen at the start.
 */
public final class IdentityBench {
  /** Touchpoints the generator writes per customer, measured on 20,000 customers (83,330). */
  public static final double TOUCHPOINTS_PER_CUSTOMER = 4.17;
  /** Default landing days: the newest holds about 1 % of the events, the incremental day. */
  public static final int DAYS = 100;
  public static final LocalDate END_DATE = LocalDate.of(2026, 11, 20);
  /** Timed runs of each connected-components step; the median is reported. */
  static final int COMPONENT_RUNS = 3;

  private static final Logger LOG = LoggerFactory.getLogger(IdentityBench.class);
  private static final String VERTEX_KEY = "vertex_key";
  private static final String VERTEX_ID = "vertex_id";
  private static final String MARKER = "_bench_options";

  /**
   * What to run.
   *
   * @param events touchpoints to generate (about)
   * @param workDir folder for the generated input and the bench's warehouse
   * @param seed generator seed
   * @param days landing days; with {@value #DAYS} the newest holds about 1 % of the events
   */
  public record Options(long events, String workDir, long seed, int days) {
    public Options {
      if (events <= 0) {
        throw new IllegalArgumentException(String.format(
            "Cannot set events to %d: the value must be positive", events));
      }
      if (days <= 0) {
        throw new IllegalArgumentException(String.format(
            "Cannot set days to %d: the value must be positive", days));
      }
    }
  }

  /**
   * The figures of one bench run; {@code incrementalSeconds} is null when the identity stage has
   * no incremental mode ({@code incrementalNote} says why).
   */
  public record Report(long events, long customers, long records, long vertices, long edges,
      long components, String path, int rounds, List<Long> edgesPerRound, double oursSeconds,
      double oursDistributedSeconds, List<Long> distributedEdgesPerRound, double graphxSeconds,
      boolean samePartition, double fullSeconds, Double incrementalSeconds, String incrementalNote,
      Floor floor, double loadAverage) {

    public double speedup() {
      return graphxSeconds / oursSeconds;
    }

    /** (e): the lower bound for (c) that {@link Floor} measures, with (a) for the components. */
    public double floorSeconds() {
      return floor.parseSeconds() + oursSeconds + floor.writeSeconds();
    }

    /** A human-readable table of the figures. */
    public String table() {
      StringBuilder out = new StringBuilder();
      out.append(String.format(Locale.ROOT, "Identity bench: %,d events, %,d records; graph %,d vertices, %,d edges,"
          + " %,d components (load average %.2f at start)%n", events, records, vertices, edges, components, loadAverage));
      out.append(String.format(Locale.ROOT, "%-44s %10s  %s%n", "step", "seconds", "note"));
      out.append(row("(a) ours, connected components", oursSeconds,
          String.format("path %s, %d rounds, edges per round %s", path, rounds, edgesPerRound)));
      out.append(row("(a') ours, forced distributed (budget 0)", oursDistributedSeconds,
          "edges per round " + distributedEdgesPerRound));
      out.append(row("(b) GraphX connectedComponents", graphxSeconds,
          String.format(Locale.ROOT, "speedup %.1fx, same partition %s", speedup(), samePartition)));
      out.append(row("(c) identity stage, full", fullSeconds,
          String.format(Locale.ROOT, "%.2f of GraphX's step", fullSeconds / graphxSeconds)));
      out.append(incrementalSeconds == null
          ? String.format(Locale.ROOT, "%-44s %10s  %s%n", "(d) identity stage, incremental day (1 %)", "-", incrementalNote)
          : row("(d) identity stage, incremental day (1 %)", incrementalSeconds,
              String.format(Locale.ROOT, "%.1f %% of full", 100 * incrementalSeconds / fullSeconds)));
      out.append(row("(e1) floor: Spark parses every input line", floor.parseSeconds(), "JSON only, no validation"));
      out.append(row("(e2) floor: Delta writes (c)'s 4 CDP tables", floor.writeSeconds(),
          "rows already computed, unpartitioned"));
      out.append(row("(e) floor: (e1) + (a) + (e2)", floorSeconds(),
          String.format(Locale.ROOT, "%.2f of GraphX's step, %.2f of (c)", floorSeconds() / graphxSeconds,
              floorSeconds() / fullSeconds)));
      return out.toString();
    }

    private static String row(String step, double seconds, String note) {
      return String.format(Locale.ROOT, "%-44s %10.1f  %s%n", step, seconds, note);
    }

    /** One JSON object with every figure; {@code incremental_s} is null when not measured. */
    public String json() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("events", events);
      fields.put("ours_s", round(oursSeconds));
      fields.put("graphx_s", round(graphxSeconds));
      fields.put("speedup", round(speedup()));
      fields.put("full_s", round(fullSeconds));
      fields.put("incremental_s", incrementalSeconds == null ? null : round(incrementalSeconds));
      fields.put("floor_s", round(floorSeconds()));
      fields.put("floor_parse_s", round(floor.parseSeconds()));
      fields.put("floor_write_s", round(floor.writeSeconds()));
      fields.put("path", path);
      fields.put("rounds", rounds);
      fields.put("edges_per_round", edgesPerRound);
      fields.put("ours_distributed_s", round(oursDistributedSeconds));
      fields.put("distributed_edges_per_round", distributedEdgesPerRound);
      fields.put("same_partition", samePartition);
      fields.put("vertices", vertices);
      fields.put("edges", edges);
      fields.put("components", components);
      fields.put("records", records);
      fields.put("customers", customers);
      fields.put("incremental_note", incrementalNote);
      fields.put("load_average", round(loadAverage));
      try {
        return new ObjectMapper().writeValueAsString(fields);
      } catch (JsonProcessingException e) {
        throw new VoclakeException("Cannot write the bench figures as JSON: " + e.getMessage(), e);
      }
    }

    private static double round(double value) {
      return Math.round(value * 100) / 100.0;
    }
  }

  private IdentityBench() {}

  /** Generates (or reuses) the input, then measures; see the class comment. */
  public static Report run(SparkSession spark, VoclakeConfig config, Options options) {
    double load = loadAverage();
    long customers = Math.max(1, Math.round(options.events() / TOUCHPOINTS_PER_CUSTOMER));
    String input = options.workDir() + "/input-" + customers + "-" + options.days() + "-" + options.seed();
    generateUnlessPresent(spark, new GeneratorOptions(customers, options.days(), END_DATE, options.seed(), false), input);
    VoclakeConfig benchConfig = config.withPaths(input, options.workDir() + "/warehouse");
    IdentityConfig rules = benchConfig.identity();
    RunContext ctx = RunContext.start("bench", END_DATE, benchConfig);

    BatchInput landed = BatchInput.landed(spark, benchConfig, BatchScope.everything(END_DATE));
    BenchGraph graph = identityGraph(landed.touchpoints().good(), landed.interactions().good(), rules,
        config.pii().resolveKey(System.getenv()));
    LOG.info("Bench graph: {} records, {} vertices, {} edges in {} partitions", graph.records(),
        graph.vertices(), graph.edgeCount(), graph.edges().rdd().getNumPartitions());

    // Both algorithms run once, untimed, on the whole graph: the first big run in a JVM pays for
    // the JIT, Spark's generated code and growing the heap, which every later step gets for free.
    ConnectedComponents.run(graph.edges(), rules.maxIterations(), rules.singleTaskBudgetBytes()).components()
        .write().format("noop").mode("overwrite").save();
    graphx(graph.edges()).write().format("noop").mode("overwrite").save();

    // Each of the three is timed COMPONENT_RUNS times and reported by its median: on a shared
    // machine one run of a step can be a fifth slower than the next, and the speedup is a ratio
    // of two such runs.
    List<Double> oursRuns = new ArrayList<>();
    List<Double> distributedRuns = new ArrayList<>();
    List<Double> graphxRuns = new ArrayList<>();
    List<Long> distributedEdges = null;
    ConnectedComponents.Result ours = null;
    Dataset<Row> oursLabels = null;
    Dataset<Row> graphxLabels = null;
    for (int run = 0; run < COMPONENT_RUNS; run++) {
      long started = System.nanoTime();
      ours = ConnectedComponents.run(graph.edges(), rules.maxIterations(), rules.singleTaskBudgetBytes());
      oursLabels = ours.components().localCheckpoint(true);
      oursRuns.add(secondsSince(started));

      started = System.nanoTime();
      ConnectedComponents.Result distributed = ConnectedComponents.run(graph.edges(), rules.maxIterations(), 0);
      distributed.components().write().format("noop").mode("overwrite").save();
      distributedRuns.add(secondsSince(started));
      distributedEdges = distributed.edgesPerRound();

      started = System.nanoTime();
      graphxLabels = graphx(graph.edges()).localCheckpoint(true);
      graphxRuns.add(secondsSince(started));
      LOG.info("Bench: connected components run {} of {}: ours {} s, forced distributed {} s, GraphX {} s",
          run + 1, COMPONENT_RUNS, oursRuns.get(run), distributedRuns.get(run), graphxRuns.get(run));
    }
    double oursSeconds = median(oursRuns);
    double distributedSeconds = median(distributedRuns);
    double graphxSeconds = median(graphxRuns);

    boolean same = samePartition(oursLabels, graphxLabels);
    long components = oursLabels.select(ConnectedComponents.COMPONENT).distinct().count();
    LOG.info("Bench: ours {} s ({}), forced distributed {} s, GraphX {} s, same partition {}",
        oursSeconds, ours.path().label(), distributedSeconds, graphxSeconds, same);

    VoclakeConfig fullConfig = benchConfig.withIdentity(rules.withMode(IdentityConfig.FULL));
    long started = System.nanoTime();
    StageResult full = IdentityJob.run(spark, RunContext.start(IdentityJob.STAGE, END_DATE, fullConfig));
    double fullSeconds = secondsSince(started);
    LOG.info("Bench: full identity stage {} s ({})", fullSeconds, full.summary());

    // (d): the same input in a second warehouse, built in full up to the day before, then the
    // newest day (about 1 % of the events) run incrementally; only that last run is timed.
    VoclakeConfig incrementalBase = fullConfig.withPaths(input, options.workDir() + "/warehouse-incremental");
    IdentityJob.run(spark, RunContext.start(IdentityJob.STAGE, END_DATE.minusDays(1), incrementalBase));
    VoclakeConfig incrementalConfig = incrementalBase.withIdentity(rules.withMode(IdentityConfig.INCREMENTAL));
    started = System.nanoTime();
    StageResult incremental = IdentityJob.run(spark,
        RunContext.start(IdentityJob.STAGE, END_DATE, incrementalConfig));
    double incrementalSeconds = secondsSince(started);
    LOG.info("Bench: incremental identity day {} s ({})", incrementalSeconds, incremental.summary());

    Floor floor = floor(spark, input, ctx.warehouse(), options.workDir() + "/floor");
    return new Report(landed.touchpoints().count().recordsIn(), customers, graph.records(), graph.vertices(), graph.edgeCount(),
        components, ours.path().label(), ours.rounds(), ours.edgesPerRound(), oursSeconds, distributedSeconds,
        distributedEdges, graphxSeconds, same, fullSeconds, incrementalSeconds,
        "full build up to the day before, then the newest day incrementally", floor, load);
  }

  /**
   * What an identity stage that reads this input and writes these tables spends at least, measured
   * with Spark's and Delta's own parts and none of VOCLake's logic: (e1) parsing every landed line
   * once (Spark's JSON parser, no validation), and (e2) writing the four CDP tables the full run (c)
   * produced, from rows already computed, into new tables without partitions (the stage writes two
   * of them by landing date). With (a) they are a lower bound for (c) that the whole-stage target
   * can be judged against.
   */
  public record Floor(double parseSeconds, double writeSeconds) {}

  private static Floor floor(SparkSession spark, String input, Warehouse warehouse, String out) {
    long started = System.nanoTime();
    for (Map.Entry<String, StructType> source : Map.of(TouchpointSchema.SOURCE, TouchpointSchema.RAW,
        InteractionSchema.SOURCE, InteractionSchema.RAW).entrySet()) {
      spark.read().text(input + "/" + source.getKey())
          .select(from_json(col("value"), source.getValue()).as("parsed")).select("parsed.*")
          .write().format("noop").mode("overwrite").save();
    }
    double parseSeconds = secondsSince(started);

    HadoopFiles.delete(spark, out); // new tables each run, not a growing history of overwrites
    Map<String, Dataset<Row>> computed = new LinkedHashMap<>(); // by table name: cdp/<name>
    for (String path : List.of(IdentityRecordsSchema.path(warehouse), warehouse.customerJourney(),
        warehouse.identityLinks(), warehouse.customerProfile())) {
      computed.put(path.substring(path.lastIndexOf('/') + 1),
          spark.read().format("delta").load(path).localCheckpoint(true));
    }
    started = System.nanoTime();
    computed.forEach((name, rows) -> DeltaTables.overwrite(rows, out + "/" + name));
    double writeSeconds = secondsSince(started);
    LOG.info("Bench: floor: parsing the input {} s, writing the four CDP tables {} s", parseSeconds, writeSeconds);
    return new Floor(parseSeconds, writeSeconds);
  }

  /**
   * The record–identifier graph as {@link IdentityJob} builds it: records, normalized identifiers
   * without junk and shared ones, vertices numbered 0..n-1, edges (record, identifier); materialized
   * so that every timed step starts from the same computed edges.
   */
  static BenchGraph identityGraph(Dataset<Row> touchpoints, Dataset<Row> interactions, IdentityConfig rules,
      byte[] key) {
    Dataset<Row> records = IdentityGraph.records(touchpoints, interactions).localCheckpoint(true);
    Dataset<Row> edgesByRecord = IdentityResolution.edges(IdentityTables.state(records, rules.junkPatterns(), key))
        .localCheckpoint(true);
    Dataset<Row> shared = IdentityResolution.sharedIdentifiers(edgesByRecord, rules.sharedLimits(),
        rules.strongTypes());
    String[] id = {IdentityRecordsSchema.ID_TYPE, IdentityRecordsSchema.ID_HASH};
    Dataset<Row> links = edgesByRecord.join(shared.select(id[0], id[1]), id, "left_anti")
        .select(concat(lit("r:"), col(IdentityRecordsSchema.RECORD_KEY)).as("record_vertex"),
            concat(lit("i:"), col(id[0]), lit(":"), col(id[1])).as("identifier_vertex"))
        .localCheckpoint(true);
    Dataset<Row> keys = links.select(col("record_vertex").as(VERTEX_KEY))
        .union(links.select(col("identifier_vertex").as(VERTEX_KEY)))
        .distinct();
    JavaRDD<Row> numbered = keys.javaRDD().zipWithIndex().map(t -> RowFactory.create(t._1().getString(0), t._2()));
    StructType schema = new StructType().add(VERTEX_KEY, DataTypes.StringType, false)
        .add(VERTEX_ID, DataTypes.LongType, false);
    Dataset<Row> vertices = records.sparkSession().createDataFrame(numbered, schema).localCheckpoint(true);
    long vertexCount = vertices.count();
    long linkCount = links.count();
    int partitions = (int) Math.max(records.sparkSession().sparkContext().defaultParallelism(), linkCount / 500_000);
    Dataset<Row> edges = links
        .join(vertices.as("r"), col("record_vertex").equalTo(col("r." + VERTEX_KEY)))
        .join(vertices.as("i"), col("identifier_vertex").equalTo(col("i." + VERTEX_KEY)))
        .select(col("r." + VERTEX_ID).as(ConnectedComponents.SRC), col("i." + VERTEX_ID).as(ConnectedComponents.DST))
        .repartition(partitions)
        .localCheckpoint(true);
    return new BenchGraph(records.count(), vertexCount, edges.count(), edges);
  }

  /** The bench's graph: counts and the materialized edges {@code (src, dst)}. */
  record BenchGraph(long records, long vertices, long edgeCount, Dataset<Row> edges) {}

  /** GraphX's connected components of {@code edges}: {@code (vertex, component)}. */
  static Dataset<Row> graphx(Dataset<Row> edges) {
    RDD<Tuple2<Object, Object>> tuples = edges.javaRDD()
        .map(r -> new Tuple2<Object, Object>(r.getLong(0), r.getLong(1))).rdd();
    ClassTag<Object> anyTag = ClassTag$.MODULE$.Any();
    ClassTag<Object> intTag = ClassTag$.MODULE$.Int();
    org.apache.spark.graphx.Graph<Object, Object> graph = org.apache.spark.graphx.Graph.fromEdgeTuples(tuples,
        (Object) 0L, Option.empty(), StorageLevel.MEMORY_ONLY(), StorageLevel.MEMORY_ONLY(), anyTag);
    org.apache.spark.graphx.Graph<Object, Object> cc =
        org.apache.spark.graphx.lib.ConnectedComponents.run(graph, anyTag, intTag);
    JavaRDD<Row> labels = cc.vertices().toJavaRDD().map(t -> RowFactory.create(t._1(), t._2()));
    StructType schema = new StructType().add(ConnectedComponents.VERTEX, DataTypes.LongType, false)
        .add(ConnectedComponents.COMPONENT, DataTypes.LongType, false);
    return edges.sparkSession().createDataFrame(labels, schema);
  }

  /**
   * Whether two labellings {@code (vertex, component)} split the vertices the same way: each label
   * is replaced by the smallest vertex carrying it, then the two must agree on every vertex.
   */
  static boolean samePartition(Dataset<Row> a, Dataset<Row> b) {
    Dataset<Row> left = canonical(a).withColumnRenamed(ConnectedComponents.COMPONENT, "a");
    Dataset<Row> right = canonical(b).withColumnRenamed(ConnectedComponents.COMPONENT, "b");
    long leftCount = left.count();
    long rightCount = right.count();
    long agreeing = left.join(right, ConnectedComponents.VERTEX).where(col("a").equalTo(col("b"))).count();
    return leftCount == rightCount && agreeing == leftCount;
  }

  private static Dataset<Row> canonical(Dataset<Row> labels) {
    Dataset<Row> smallest = labels.groupBy(col(ConnectedComponents.COMPONENT))
        .agg(min(col(ConnectedComponents.VERTEX)).as("smallest"));
    return labels.join(smallest, ConnectedComponents.COMPONENT)
        .select(col(ConnectedComponents.VERTEX), col("smallest").as(ConnectedComponents.COMPONENT));
  }

  /** Generates {@code options}' input into {@code dir}, unless a run with the same options did. */
  public static void generateUnlessPresent(SparkSession spark, GeneratorOptions options, String dir) {
    String wanted = options.toString();
    String marker = dir + "/" + MARKER;
    if (HadoopFiles.exists(spark, marker) && HadoopFiles.readString(spark, marker).strip().equals(wanted)) {
      LOG.info("Reusing the bench input in {} ({})", dir, wanted);
      return;
    }
    GenerateJob.run(spark, options, dir);
    try (java.io.OutputStream out = HadoopFiles.fs(spark, marker).create(new org.apache.hadoop.fs.Path(marker), true)) {
      out.write((wanted + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.warn("Could not write {}: the next run will generate the input again ({})", marker, e.getMessage());
    }
  }

  /** The one-minute load average, or -1 where the OS does not tell. */
  public static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  public static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double secondsSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1e9;
  }
}
