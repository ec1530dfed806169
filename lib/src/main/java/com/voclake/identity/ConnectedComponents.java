package com.voclake.identity;

import static org.apache.spark.sql.functions.col;

import com.voclake.VoclakeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
 * <p>Between steps, pairs of ids travel in blocks, {@code long[]} arrays keyed by the task they
 * go to ({@link LocalUnionFind}): a shuffle moves a few large arrays per task instead of a row
 * per edge, and no step converts a row per vertex until the labels are returned.
 *
 * <p>Once the remaining graph fits {@code singleTaskBudgetBytes} ({@value #BYTES_PER_EDGE} bytes
 * an edge, the union-find's worst case), one task finishes it: a single partition read in place
 * (no collect to the driver). Labels then flow back through each round's parents with one
 * shuffle per round. A budget of 0 keeps every round distributed; the loop then ends when a
 * round leaves no edge. It fails when it needs more than {@code maxRounds} rounds, rather than
 * looping on a pathological graph.
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

  static final StructType LABELS = new StructType()
      .add(VERTEX, DataTypes.LongType, false).add(COMPONENT, DataTypes.LongType, false);

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
    SparkSession spark = edges.sparkSession();
    int cores = spark.sparkContext().defaultParallelism();

    // The input is read once, into blocks where it lies (no shuffle): every round reads the
    // graph twice (count, then shuffle), and a plan may compute differently each time.
    JavaRDD<long[]> graph = edges
        .select(col(SRC).cast("long").as(SRC), col(DST).cast("long").as(DST))
        .where(col(SRC).isNotNull().and(col(DST).isNotNull()))
        .toJavaRDD()
        .mapPartitions(LocalUnionFind::fromRows);
    graph.rdd().localCheckpoint();
    long edgeCount = pairs(graph);
    List<Long> edgesPerRound = new ArrayList<>();
    List<JavaRDD<long[]>> pointers = new ArrayList<>();
    List<Integer> tasksPerRound = new ArrayList<>();
    JavaRDD<long[]> labels = null;
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
        // The graph is checkpointed, so one task reads it in place: no shuffle, no driver.
        labels = graph.coalesce(1).mapPartitions(LocalUnionFind::labels);
        labels.rdd().localCheckpoint();
        long vertices = pairs(labels);
        LOG.info("Connected components round {} in one task: {} edges, {} vertices, {} ms", round,
            edgeCount, vertices, millisSince(started));
        break;
      }
      int tasks = partitions(edgeCount, taskBytes, cores);
      int thisRound = round;
      TaskPartitioner toTask = new TaskPartitioner(tasks);
      JavaRDD<long[][]> contracted = graph
          .mapPartitionsToPair(blocks -> LocalUnionFind.byKeyVertex(blocks, thisRound, tasks))
          .partitionBy(toTask).values()
          .mapPartitionsToPair(blocks -> LocalUnionFind.roots(blocks, tasks))
          .partitionBy(toTask).values()
          .mapPartitions(LocalUnionFind::contract);
      contracted.rdd().localCheckpoint();
      long[] counts = contracted.aggregate(new long[2],
          (sum, c) -> new long[] {sum[0] + c[0].length / 2, sum[1] + c[1].length / 2},
          (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]});
      pointers.add(contracted.map(c -> c[0]));
      tasksPerRound.add(tasks);
      graph = contracted.map(c -> c[1]);
      LOG.info("Connected components round {} distributed over {} partitions: {} edges, {} vertices"
          + " -> {} edges, {} ms", round, tasks, edgeCount, counts[0], counts[1], millisSince(started));
      edgeCount = counts[1];
    }

    Path path = labels == null ? Path.DISTRIBUTED
        : pointers.isEmpty() ? Path.SINGLE_TASK : Path.DISTRIBUTED_THEN_SINGLE_TASK;
    LOG.info("Connected components: {} rounds, path {}, edges per round {}", round, path.label(),
        edgesPerRound);
    labels = labelsThroughParents(labels, pointers, tasksPerRound);
    Dataset<Row> components = labels == null ? spark.createDataFrame(List.of(), LABELS)
        : spark.createDataFrame(labels.flatMap(LocalUnionFind::rows), LABELS);
    return new Result(components, round, path, edgesPerRound);
  }

  /** Pairs in all the blocks: one job, over the blocks where they lie. */
  private static long pairs(JavaRDD<long[]> blocks) {
    return blocks.aggregate(0L, (sum, block) -> sum + block.length / 2, Long::sum);
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
   * Each round's vertices take the label of their parent in the round after, from the last round
   * back to the first; a parent the later round never saw is its own label. The round's
   * pointers go to the task of their parent, the later round's labels to the task of their
   * vertex, and each task looks its parents up: no side has to fit one task.
   */
  private static JavaRDD<long[]> labelsThroughParents(JavaRDD<long[]> last, List<JavaRDD<long[]>> pointers,
      List<Integer> tasksPerRound) {
    JavaRDD<long[]> labels = last;
    for (int i = pointers.size() - 1; i >= 0; i--) {
      if (labels == null) {
        labels = pointers.get(i); // no edge left after the last round: every parent is a label
        continue;
      }
      int tasks = tasksPerRound.get(i);
      TaskPartitioner toTask = new TaskPartitioner(tasks);
      JavaRDD<long[]> byParent = pointers.get(i)
          .mapPartitionsToPair(blocks -> LocalUnionFind.byParent(blocks, tasks)).partitionBy(toTask).values();
      JavaRDD<long[]> byVertex = labels
          .mapPartitionsToPair(blocks -> LocalUnionFind.byVertex(blocks, tasks)).partitionBy(toTask).values();
      labels = byParent.zipPartitions(byVertex, LocalUnionFind::relabel);
    }
    return labels;
  }

  /** Sends a block keyed by a task number to that task. */
  private static final class TaskPartitioner extends Partitioner {
    private final int tasks;

    TaskPartitioner(int tasks) {
      this.tasks = tasks;
    }

    @Override
    public int numPartitions() {
      return tasks;
    }

    @Override
    public int getPartition(Object task) {
      return (Integer) task;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof TaskPartitioner that && that.tasks == tasks;
    }

    @Override
    public int hashCode() {
      return tasks;
    }
  }

  private static long millisSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1_000_000;
  }
}
