package com.voclake.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import com.voclake.VoclakeException;
import com.voclake.pipeline.Checkpoints;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The previous connected-components implementation, kept in the tests as an independent reference:
 * connected components of an undirected graph with the large-star / small-star algorithm of
 * Kiveris, Lattanzi, Mirrokni, Rastogi and Vassilvitskii, "Connected Components in MapReduce and
 * Beyond" (SoCC 2014), on DataFrames: the graph never leaves the executors.
 *
 * <p>Input: edges {@code (src long, dst long)}, in any orientation, duplicates and self-loops
 * allowed (a self-loop is how a caller adds an isolated vertex). Output: one row
 * {@code (vertex long, component long)} per vertex of the input, where {@code component} is the
 * smallest vertex id of its component, so the labels are deterministic.
 *
 * <p>Each round applies large-star then small-star; both keep the components and shrink them
 * into stars around their minimum, which takes O(log² n) rounds in theory and a handful on real
 * identity graphs. The loop stops when a round leaves the edge set unchanged, and fails when it
 * needs more than {@code maxRounds} rounds, rather than looping on a pathological graph. The edge
 * set is checkpointed every round to cut the lineage and the query plan, which would otherwise
 * grow fourfold per round: locally (in executor storage) in most rounds, and every
 * {@value #CHECKPOINT_EVERY} rounds reliably when the SparkContext has a checkpoint directory.
 * Without one, losing an executor during components fails the job, which is then rerun (it is
 * idempotent).
 *
 * <p>Thread-safety: stateless; each call runs its own Spark jobs.
 */
final class LargeStarSmallStar {
  public static final String SRC = "src";
  public static final String DST = "dst";
  public static final String VERTEX = "vertex";
  public static final String COMPONENT = "component";

  /** Rounds allowed by {@link #components(Dataset)}; jobs pass identity.max-iterations. */
  public static final int DEFAULT_MAX_ROUNDS = 40;
  static final int CHECKPOINT_EVERY = 3;

  private static final Logger LOG = LoggerFactory.getLogger(LargeStarSmallStar.class);
  private static final String U = "u";
  private static final String V = "v";
  private static final String M = "m";

  /**
   * Components and how many rounds it took (the last round being the one that changed nothing).
   *
   * @param components {@code (vertex long, component long)}
   */
  public record Result(Dataset<Row> components, int rounds) {}

  private LargeStarSmallStar() {}

  /** {@code (vertex, component)} of every vertex in {@code edges (src, dst)}. */
  public static Dataset<Row> components(Dataset<Row> edges) {
    return run(edges, DEFAULT_MAX_ROUNDS).components();
  }

  /** Like {@link #components(Dataset)}, with the bound on rounds and the rounds taken. */
  public static Result run(Dataset<Row> edges, int maxRounds) {
    Dataset<Row> input = edges
        .select(col(SRC).cast("long").as(SRC), col(DST).cast("long").as(DST))
        .where(col(SRC).isNotNull().and(col(DST).isNotNull()));
    Dataset<Row> vertices = input.select(col(SRC).as(VERTEX))
        .union(input.select(col(DST).as(VERTEX)))
        .distinct();

    Dataset<Row> current = smallStar(input).localCheckpoint(true);
    long currentCount = current.count();
    int round = 0;
    boolean changed = true;
    while (changed) {
      round++;
      if (round > maxRounds) {
        throw VoclakeException.of("Connected components did not converge in %d rounds (%d edges"
            + " left): raise identity.max-iterations, or look for a hub identifier that links"
            + " far too many records and add its type to identity.shared-limits", maxRounds,
            currentCount);
      }
      long started = System.nanoTime();
      Dataset<Row> next = smallStar(largeStar(current));
      // Each round reads the previous edges four times, so the query plan would grow fourfold per
      // round: it is cut every round, and made reliable every few rounds when that is possible.
      next = round % CHECKPOINT_EVERY == 0 ? Checkpoints.materialize(next) : next.localCheckpoint(true);
      long nextCount = next.count();
      changed = nextCount != currentCount
          || !next.join(current, new String[] {SRC, DST}, "left_anti").isEmpty();
      current = next;
      currentCount = nextCount;
      LOG.info("Connected components round {}: {} edges, changed={}, {} ms", round, nextCount,
          changed, (System.nanoTime() - started) / 1_000_000);
    }

    // At the fixed point every edge is (vertex, minimum of its component).
    Dataset<Row> pointers = current.groupBy(col(SRC)).agg(min(col(DST)).as(COMPONENT));
    Dataset<Row> components = vertices
        .join(pointers, vertices.col(VERTEX).equalTo(pointers.col(SRC)), "left")
        .select(vertices.col(VERTEX), coalesce(pointers.col(COMPONENT), vertices.col(VERTEX)).as(COMPONENT));
    return new Result(components, round);
  }

  /**
   * Large-star: every vertex {@code u} links each larger neighbour to the minimum of its
   * neighbourhood including itself. Output edges are oriented (larger, smaller).
   */
  static Dataset<Row> largeStar(Dataset<Row> edges) {
    Dataset<Row> both = edges.select(col(SRC).as(U), col(DST).as(V))
        .union(edges.select(col(DST).as(U), col(SRC).as(V)))
        .where(col(U).notEqual(col(V)));
    return both
        .withColumn(M, least(col(U), min(col(V)).over(Window.partitionBy(col(U)))))
        .where(col(V).gt(col(U)))
        .select(col(V).as(SRC), col(M).as(DST))
        .distinct();
  }

  /**
   * Small-star: every vertex {@code u} links itself and its smaller neighbours to the smallest
   * of them. Output edges are oriented (larger, smaller), without self-loops.
   */
  static Dataset<Row> smallStar(Dataset<Row> edges) {
    Dataset<Row> oriented = edges
        .select(greatest(col(SRC), col(DST)).as(U), least(col(SRC), col(DST)).as(V))
        .where(col(U).notEqual(col(V)))
        .withColumn(M, min(col(V)).over(Window.partitionBy(col(U))));
    return oriented.where(col(V).notEqual(col(M))).select(col(V).as(SRC), col(M).as(DST))
        .union(oriented.select(col(U).as(SRC), col(M).as(DST)))
        .distinct();
  }

}
