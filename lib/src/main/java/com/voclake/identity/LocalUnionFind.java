package com.voclake.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * The per-task steps of {@link ConnectedComponents}. They pass pairs of vertex ids in blocks:
 * {@code long[]} arrays holding {@code a0, b0, a1, b1 ...}, so that a shuffle moves a few large
 * arrays per task rather than a row per edge, and a task works on primitive arrays throughout,
 * without an object per vertex or edge.
 *
 * <p>A block keyed by a task number ({@link Blocks}) goes to that task: every pair whose key
 * vertex is the same meets in one task.
 */
final class LocalUnionFind {
  /** Largest block, in pairs (16 MB): a shuffle record stays far below what one can hold. */
  static final int MAX_BLOCK_PAIRS = 1 << 20;

  private LocalUnionFind() {}

  /** The task (0 ≤ task < tasks) that a round sends {@code vertex} to; {@code salt} varies it. */
  static int task(long vertex, long salt, int tasks) {
    return Math.floorMod(mix(vertex + salt * 0x9E3779B97F4A7C15L), tasks);
  }

  /** A 64-bit mix (SplitMix64's finalizer): vertex ids are often dense or clustered. */
  static long mix(long x) {
    long z = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Pairs in blocks of at most a given number of pairs, one builder per task. */
  static final class Blocks {
    private final int maxPairs;
    private final long[][] open;
    private final int[] sizes;
    private final List<Tuple2<Integer, long[]>> done = new ArrayList<>();

    Blocks(int tasks) {
      this(tasks, MAX_BLOCK_PAIRS);
    }

    Blocks(int tasks, int maxPairs) {
      this.maxPairs = maxPairs;
      open = new long[tasks][];
      sizes = new int[tasks];
    }

    void add(int task, long a, long b) {
      long[] block = open[task];
      int size = sizes[task];
      if (block == null || size == 2 * maxPairs) {
        if (block != null) {
          done.add(new Tuple2<>(task, block));
        }
        block = open[task] = new long[Math.min(256, 2 * maxPairs)];
        size = 0;
      } else if (size == block.length) {
        block = open[task] = grown(block, 2L * maxPairs);
      }
      block[size] = a;
      block[size + 1] = b;
      sizes[task] = size + 2;
    }

    /** Every block, each keyed by its task; empty tasks have none. */
    Iterator<Tuple2<Integer, long[]>> finish() {
      for (int task = 0; task < open.length; task++) {
        if (sizes[task] > 0) {
          done.add(new Tuple2<>(task, Arrays.copyOf(open[task], sizes[task])));
        }
      }
      return done.iterator();
    }
  }

  /** A pair array half as large again (an even length: pairs never straddle its end), up to {@code max}. */
  private static long[] grown(long[] pairs, long max) {
    return Arrays.copyOf(pairs, (int) Math.min(max, pairs.length + 2L * (pairs.length / 4 + 1)));
  }

  /** Rows {@code (src, dst)}, neither null → blocks of at most {@link #MAX_BLOCK_PAIRS} edges. */
  static Iterator<long[]> fromRows(Iterator<Row> rows) {
    Blocks out = new Blocks(1);
    while (rows.hasNext()) {
      Row row = rows.next();
      out.add(0, row.getLong(0), row.getLong(1));
    }
    Iterator<Tuple2<Integer, long[]>> blocks = out.finish();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return blocks.hasNext();
      }

      @Override
      public long[] next() {
        return blocks.next()._2();
      }
    };
  }

  /** A block of {@code (vertex, component)} → one row per pair. */
  static Iterator<Row> rows(long[] labels) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < labels.length;
      }

      @Override
      public Row next() {
        if (next >= labels.length) {
          throw new NoSuchElementException();
        }
        Row row = RowFactory.create(labels[next], labels[next + 1]);
        next += 2;
        return row;
      }
    };
  }

  /**
   * Edge blocks → the same edges keyed by the task of their key vertex: {@code dst} when
   * {@code round} is 1, else the end with the smaller priority, a hash salted with the round.
   */
  static Iterator<Tuple2<Integer, long[]>> byKeyVertex(Iterator<long[]> edges, int round, int tasks) {
    Blocks out = new Blocks(tasks);
    while (edges.hasNext()) {
      long[] block = edges.next();
      for (int i = 0; i < block.length; i += 2) {
        long src = block[i];
        long dst = block[i + 1];
        long key = round == 1 || mix(dst + round) <= mix(src + round) ? dst : src;
        out.add(task(key, round, tasks), src, dst);
      }
    }
    return out.finish();
  }

  /**
   * Edge blocks → {@code (vertex, root)} for every vertex of the task's edges, root being the
   * smallest vertex of its component among those edges, keyed by the vertex's task (salt 0).
   */
  static Iterator<Tuple2<Integer, long[]>> roots(Iterator<long[]> edges, int tasks) {
    LongUnionFind sets = unionAll(edges);
    Blocks out = new Blocks(tasks);
    for (int i = 0; i < sets.size(); i++) {
      long vertex = sets.vertex(i);
      out.add(task(vertex, 0, tasks), vertex, sets.root(i));
    }
    return out.finish();
  }

  /** Edge blocks → one block of {@code (vertex, root)} for every vertex: a whole graph's labels. */
  static Iterator<long[]> labels(Iterator<long[]> edges) {
    LongUnionFind sets = unionAll(edges);
    long[] labels = new long[2 * sets.size()];
    for (int i = 0; i < sets.size(); i++) {
      labels[2 * i] = sets.vertex(i);
      labels[2 * i + 1] = sets.root(i);
    }
    return List.of(labels).iterator();
  }

  /** Every block a task receives: its steps size their arrays for them before they start. */
  private static List<long[]> all(Iterator<long[]> blocks) {
    List<long[]> all = new ArrayList<>();
    blocks.forEachRemaining(all::add);
    return all;
  }

  /** Pairs in {@code blocks}, as the size to give a task's index (an int, as its arrays are). */
  private static int expected(List<long[]> blocks) {
    long pairs = 0;
    for (long[] block : blocks) {
      pairs += block.length / 2;
    }
    return (int) Math.min(pairs, 1 << 30);
  }

  /** Union-find over every edge, sized for the edges' count (it holds the blocks until then). */
  private static LongUnionFind unionAll(Iterator<long[]> edges) {
    List<long[]> blocks = all(edges);
    // About as many vertices as edges in an identity graph.
    LongUnionFind sets = new LongUnionFind(expected(blocks));
    for (int b = 0; b < blocks.size(); b++) {
      long[] block = blocks.get(b);
      blocks.set(b, null);
      for (int i = 0; i < block.length; i += 2) {
        sets.union(block[i], block[i + 1]);
      }
    }
    return sets;
  }

  /**
   * {@code (vertex, root)} blocks, every pair of a vertex in this task → one element
   * {@code {pointers, edges}}: {@code (vertex, parent)} once per vertex, parent being its
   * smallest root, and {@code (parent, root)} for each of its other roots: the edges that still
   * join local components of the round.
   */
  static Iterator<long[][]> contract(Iterator<long[]> localRoots) {
    List<long[]> blocks = all(localRoots);
    LongIndex vertices = new LongIndex(expected(blocks));
    long[] parent = new long[vertices.capacity()];
    for (long[] block : blocks) {
      for (int i = 0; i < block.length; i += 2) {
        int before = vertices.size();
        int vertex = vertices.add(block[i]);
        if (vertex == before) {
          if (parent.length < vertices.capacity()) {
            parent = Arrays.copyOf(parent, vertices.capacity());
          }
          parent[vertex] = block[i + 1];
        } else if (block[i + 1] < parent[vertex]) {
          parent[vertex] = block[i + 1];
        }
      }
    }
    long[] pointers = new long[2 * vertices.size()];
    for (int v = 0; v < vertices.size(); v++) {
      pointers[2 * v] = vertices.id(v);
      pointers[2 * v + 1] = parent[v];
    }
    // A pair whose root is its vertex's parent says nothing new; every other pair joins two
    // local components.
    long[] joining = new long[256];
    int size = 0;
    for (long[] block : blocks) {
      for (int i = 0; i < block.length; i += 2) {
        long smallest = parent[vertices.find(block[i])];
        if (block[i + 1] != smallest) {
          if (size == joining.length) {
            joining = grown(joining, Integer.MAX_VALUE - 1);
          }
          joining[size] = smallest;
          joining[size + 1] = block[i + 1];
          size += 2;
        }
      }
    }
    return List.<long[][]>of(new long[][] {pointers, Arrays.copyOf(joining, size)}).iterator();
  }

  /** {@code (vertex, parent)} blocks → the same pairs keyed by the task of the parent. */
  static Iterator<Tuple2<Integer, long[]>> byParent(Iterator<long[]> pointers, int tasks) {
    return keyedBy(pointers, 1, tasks);
  }

  /** {@code (vertex, label)} blocks → the same pairs keyed by the task of the vertex. */
  static Iterator<Tuple2<Integer, long[]>> byVertex(Iterator<long[]> labels, int tasks) {
    return keyedBy(labels, 0, tasks);
  }

  /** Pair blocks → the same pairs keyed by the task (salt 0) of their first or second id. */
  private static Iterator<Tuple2<Integer, long[]>> keyedBy(Iterator<long[]> pairs, int end, int tasks) {
    Blocks out = new Blocks(tasks);
    while (pairs.hasNext()) {
      long[] block = pairs.next();
      for (int i = 0; i < block.length; i += 2) {
        out.add(task(block[i + end], 0, tasks), block[i], block[i + 1]);
      }
    }
    return out.finish();
  }

  /**
   * A round's {@code (vertex, parent)} blocks and the next round's {@code (vertex, label)}
   * blocks of the same parents → {@code (vertex, label)}: the parent's label, or the parent
   * itself when the next round never saw it (it was already its component's smallest vertex).
   */
  static Iterator<long[]> relabel(Iterator<long[]> pointers, Iterator<long[]> nextLabels) {
    List<long[]> blocks = all(nextLabels);
    LongIndex parents = new LongIndex(expected(blocks));
    long[] label = new long[parents.capacity()];
    for (long[] block : blocks) {
      for (int i = 0; i < block.length; i += 2) {
        int p = parents.add(block[i]);
        if (label.length < parents.capacity()) {
          label = Arrays.copyOf(label, parents.capacity());
        }
        label[p] = block[i + 1];
      }
    }
    long[] labels = label;
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return pointers.hasNext();
      }

      @Override
      public long[] next() {
        long[] block = pointers.next();
        long[] out = new long[block.length];
        for (int i = 0; i < block.length; i += 2) {
          int p = parents.find(block[i + 1]);
          out[i] = block[i];
          out[i + 1] = p < 0 ? block[i + 1] : labels[p];
        }
        return out;
      }
    };
  }
}
