package com.voclake.identity;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.voclake.VoclakeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connected components of an undirected graph by union-find inside partitions and contraction
 * between rounds, distributed for as long as the graph is larger than one task may hold.
 *
 * <p>Input: edges {@code (src long, dst long)}, in any orientation, duplicates and self-loops
 * allowed (a self-loop is how a caller adds an isolated vertex); rows with a null end are ignored.
 * Output: one row {@code (vertex long, component long)} per vertex of the input, where
 * {@code component} is the smallest vertex id of its component, so the labels are deterministic.
 *
 * <p>A distributed round hash-partitions the edges, runs union-find over each partition on
 * primitive arrays ({@link LongUnionFind}) and emits every vertex with its local root (the
 * smallest id of its local component). Grouped by vertex, a vertex keeps its smallest local root
 * as its parent, and a vertex that several partitions saw with different roots joins those roots
 * by an edge: these edges are the next round's graph, whose vertices are only local roots, so it
 * is much smaller. The first round partitions by {@code dst}, so edges that share a {@code dst}
 * meet (identity merge puts identifiers there: the records sharing an identifier contract in one
 * task); later rounds partition by whichever end has the smaller random priority, new each
 * round, which contracts a constant share of even a long path per round. A round uses as few
 * partitions as keep each task within the budget, rounded up to a multiple of the cores.
 *
 * <p>Once the remaining graph fits {@code singleTaskBudgetBytes} ({@value #BYTES_PER_EDGE} bytes
 * an edge, the union-find's worst case), one task finishes it: a single partition read in place
 * (no collect to the driver). Labels then flow back through each round's parents with one join
 * per round. A budget of 0 keeps every round distributed; the loop then ends when a round leaves
 * no edge. It fails when it needs more than {@code maxRounds} rounds, rather than looping on a
 * pathological graph.
 *
 * <p>Intermediate rounds are local checkpoints (executor storage, freed when the result is no
 * longer referenced): losing an executor during components fails the job, which is then rerun
 * (it is idempotent).
 *
 * <p>Thread-safety: stateless; each call runs its own Spark jobs.
 */
public final class ConnectedComponents {
  public static final String SRC = "src";
  public static final String DST = "dst";
  public static final String VERTEX = "vertex";
  public static final String COMPONENT = "component";

  /** Rounds allowed by {@link #components(Dataset)}; jobs pass identity.max-iterations. */
  public static final int DEFAULT_MAX_ROUNDS = 40;
  /** Default of identity.single-task-budget-mb, in bytes. */
  public static final long DEFAULT_SINGLE_TASK_BUDGET_BYTES = 256L << 20;
  /** Union-find memory per edge when both ends are new vertices: the worst case. */
  public static final long BYTES_PER_EDGE = 2L * LongUnionFind.BYTES_PER_VERTEX;

  private static final Logger LOG = LoggerFactory.getLogger(ConnectedComponents.class);
  private static final String ROOT = "root";
  private static final String PARENT = "parent";
  private static final String KIND = "kind";
  private static final String A = "a";
  private static final String B = "b";

  static final StructType EDGES = new StructType()
      .add(SRC, DataTypes.LongType, false).add(DST, DataTypes.LongType, false);
  static final StructType LABELS = new StructType()
      .add(VERTEX, DataTypes.LongType, false).add(COMPONENT, DataTypes.LongType, false);
  private static final StructType LOCAL_ROOTS = new StructType()
      .add(VERTEX, DataTypes.LongType, false).add(ROOT, DataTypes.LongType, false);
  private static final StructType CONTRACTED = new StructType()
      .add(KIND, DataTypes.IntegerType, false).add(A, DataTypes.LongType, false).add(B, DataTypes.LongType, false);

  /** Where the work ran. */
  public enum Path {
    /** The whole graph fit the budget: one union-find task. */
    SINGLE_TASK,
    /** Distributed rounds shrank the graph until one task could finish it. */
    DISTRIBUTED_THEN_SINGLE_TASK,
    /** Distributed rounds until no edge was left. */
    DISTRIBUTED;

    /** Lower-case name for logs and JSON: {@code single_task} ... */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * Components and how they were computed.
   *
   * @param components {@code (vertex long, component long)}, lazily computed from checkpoints
   * @param rounds rounds run, the single-task finish included
   * @param path which path ran
   * @param edgesPerRound edges of the graph each round started from (the input's first)
   */
  public record Result(Dataset<Row> components, int rounds, Path path, List<Long> edgesPerRound) {
    public Result {
      edgesPerRound = List.copyOf(edgesPerRound);
    }
  }

  private ConnectedComponents() {}

  /** {@code (vertex, component)} of every vertex in {@code edges (src, dst)}. */
  public static Dataset<Row> components(Dataset<Row> edges) {
    return run(edges, DEFAULT_MAX_ROUNDS).components();
  }

  /** Like {@link #components(Dataset)}, with the bound on rounds and the default budget. */
  public static Result run(Dataset<Row> edges, int maxRounds) {
    return run(edges, maxRounds, DEFAULT_SINGLE_TASK_BUDGET_BYTES);
  }

  /**
   * Components of {@code edges}, finishing in one task once the graph left needs at most
   * {@code singleTaskBudgetBytes} (0: never).
   *
   * @throws VoclakeException when more than {@code maxRounds} rounds are needed
   */
  public static Result run(Dataset<Row> edges, int maxRounds, long singleTaskBudgetBytes) {
    if (maxRounds <= 0 || singleTaskBudgetBytes < 0) {
      throw VoclakeException.of("Cannot run connected components with %d rounds and a budget of %d"
          + " bytes: rounds must be positive and the budget at least 0", maxRounds, singleTaskBudgetBytes);
    }
    long taskBytes = singleTaskBudgetBytes > 0 ? singleTaskBudgetBytes : DEFAULT_SINGLE_TASK_BUDGET_BYTES;
    int cores = edges.sparkSession().sparkContext().defaultParallelism();

    Dataset<Row> cleaned = edges
        .select(col(SRC).cast("long").as(SRC), col(DST).cast("long").as(DST))
        .where(col(SRC).isNotNull().and(col(DST).isNotNull()));
    // The first round reads the graph twice (count, then shuffle): a plan is computed once here,
    // an input that is already a checkpoint is read where it lies. (Only a checkpoint: a Dataset
    // made from an RDD is a LogicalRDD too, but may compute differently each time it is read.)
    boolean checkpointed = edges.queryExecution().analyzed() instanceof org.apache.spark.sql.execution.LogicalRDD rdd
        && rdd.rdd().isCheckpointed();
    Dataset<Row> graph = checkpointed ? cleaned : cleaned.localCheckpoint(true);
    long edgeCount = graph.count();
    List<Long> edgesPerRound = new ArrayList<>();
    List<Dataset<Row>> parents = new ArrayList<>();
    List<Long> verticesPerRound = new ArrayList<>();
    Dataset<Row> labels = null;
    int round = 0;
    while (edgeCount > 0) {
      round++;
      edgesPerRound.add(edgeCount);
      if (round > maxRounds) {
        throw VoclakeException.of("Connected components did not converge in %d rounds (%d edges"
            + " left): raise identity.max-iterations, or look for a hub identifier that links"
            + " far too many records and add its type to identity.shared-limits", maxRounds, edgeCount);
      }
      long started = System.nanoTime();
      if (singleTaskBudgetBytes > 0 && edgeCount * BYTES_PER_EDGE <= singleTaskBudgetBytes) {
        // The graph is checkpointed, so one partition reads it in place: no shuffle, no driver.
        labels = graph.coalesce(1)
            .mapPartitions(LocalUnionFind.ROOTS, LocalUnionFind.encoder(LABELS))
            .localCheckpoint(true);
        long vertices = labels.count();
        verticesPerRound.add(vertices);
        LOG.info("Connected components round {} in one task: {} edges, {} vertices, {} ms", round,
            edgeCount, vertices, millisSince(started));
        break;
      }
      int partitions = partitions(edgeCount, taskBytes, cores);
      Dataset<Row> contracted = graph.repartition(partitions, partitionKey(round))
          .mapPartitions(LocalUnionFind.ROOTS, LocalUnionFind.encoder(LOCAL_ROOTS))
          .repartition(partitions, col(VERTEX))
          .mapPartitions(LocalUnionFind.CONTRACT, LocalUnionFind.encoder(CONTRACTED))
          .localCheckpoint(true);
      Dataset<Row> roundParents = contracted.where(col(KIND).equalTo(LocalUnionFind.POINTER))
          .select(col(A).as(VERTEX), col(B).as(PARENT));
      parents.add(roundParents);
      graph = contracted.where(col(KIND).equalTo(LocalUnionFind.EDGE)).select(col(A).as(SRC), col(B).as(DST))
          .localCheckpoint(true);
      long next = graph.count();
      long vertices = roundParents.count();
      verticesPerRound.add(vertices);
      LOG.info("Connected components round {} distributed over {} partitions: {} edges, {} vertices"
          + " -> {} edges, {} ms", round, partitions, edgeCount, vertices, next, millisSince(started));
      edgeCount = next;
    }

    Path path = labels == null ? Path.DISTRIBUTED
        : parents.isEmpty() ? Path.SINGLE_TASK : Path.DISTRIBUTED_THEN_SINGLE_TASK;
    LOG.info("Connected components: {} rounds, path {}, edges per round {}", round, path.label(),
        edgesPerRound);
    return new Result(labelsThroughParents(edges, labels, parents, verticesPerRound, taskBytes), round, path,
        edgesPerRound);
  }

  /**
   * As few partitions as keep each task's union-find within {@code taskBytes}, rounded up to a
   * multiple of the cores: with 3 tasks on 2 cores the third runs alone while a core idles, so 4
   * smaller tasks finish sooner.
   */
  static int partitions(long edgeCount, long taskBytes, int cores) {
    long needed = (edgeCount * BYTES_PER_EDGE + taskBytes - 1) / taskBytes;
    long rounded = (needed + cores - 1) / cores * cores;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(cores, rounded));
  }

  /**
   * Round 1 keeps edges that share a {@code dst} together; later rounds key each edge by the end
   * with the smaller priority, a hash salted with the round, so that a vertex whose priority is
   * the smallest among its neighbours has all its edges in one task.
   */
  private static Column partitionKey(int round) {
    if (round == 1) {
      return col(DST);
    }
    return when(hash(col(SRC), lit(round)).leq(hash(col(DST), lit(round))), col(SRC)).otherwise(col(DST));
  }

  /**
   * Each round's vertices take the label of their parent in the round after, from the last round
   * back to the first; a parent the later round never saw is its own label. When the later
   * round's labels fit one task's budget (always so after a single-task finish) they are
   * broadcast, so the round's parents are labelled where they lie, with no shuffle or sort of
   * the larger side.
   */
  private static Dataset<Row> labelsThroughParents(Dataset<Row> edges, Dataset<Row> last,
      List<Dataset<Row>> parents, List<Long> verticesPerRound, long taskBytes) {
    Dataset<Row> labels = last;
    for (int i = parents.size() - 1; i >= 0; i--) {
      Dataset<Row> roundParents = parents.get(i);
      if (labels == null) {
        labels = roundParents.select(col(VERTEX), col(PARENT).as(COMPONENT));
        continue;
      }
      Dataset<Row> later = labels.select(col(VERTEX).as(PARENT), col(COMPONENT));
      if (verticesPerRound.get(i + 1) * LongUnionFind.BYTES_PER_VERTEX <= taskBytes) {
        later = broadcast(later);
      }
      labels = roundParents.join(later, PARENT, "left")
          .select(col(VERTEX), coalesce(col(COMPONENT), col(PARENT)).as(COMPONENT));
    }
    if (labels == null) {
      return edges.sparkSession().createDataFrame(List.of(), LABELS);
    }
    return labels;
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
