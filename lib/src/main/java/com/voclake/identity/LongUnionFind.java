package com.voclake.identity;

import java.util.Arrays;

/**
 * Union-find over arbitrary {@code long} vertex ids on primitive arrays ({@link LongIndex} plus a
 * parent array), with no object per vertex or edge.
 *
 * <p>The root of every set is its smallest vertex id (union hangs the root with the larger id
 * under the other), which is exactly the label connected components needs; path halving keeps
 * finds short. Memory: at most {@value #BYTES_PER_VERTEX} bytes per vertex.
 *
 * <p>Not thread-safe: one instance per task.
 */
final class LongUnionFind {
  /** {@link LongIndex#BYTES_PER_ID} plus the parent array, with half of it spare. */
  static final int BYTES_PER_VERTEX = LongIndex.BYTES_PER_ID + 6;

  private final LongIndex index;
  private int[] parents;

  /** Sets with room for {@code expectedVertices} before the arrays first grow. */
  LongUnionFind(int expectedVertices) {
    index = new LongIndex(expectedVertices);
    parents = new int[index.capacity()];
  }

  /** Number of distinct vertices seen. */
  int size() {
    return index.size();
  }

  /** The vertex id numbered {@code number} (0 ≤ number < {@link #size()}), in order of first sight. */
  long vertex(int number) {
    return index.id(number);
  }

  /** Adds {@code vertex} as a set of its own unless it is already known; returns its number. */
  int add(long vertex) {
    int before = index.size();
    int number = index.add(vertex);
    if (number == before) {
      if (parents.length < index.capacity()) {
        parents = Arrays.copyOf(parents, index.capacity());
      }
      parents[number] = number;
    }
    return number;
  }

  /** Joins the sets of {@code a} and {@code b}, adding either if it is new. */
  void union(long a, long b) {
    int rootA = find(add(a));
    int rootB = find(add(b));
    if (rootA == rootB) {
      return;
    }
    if (index.id(rootA) < index.id(rootB)) {
      parents[rootB] = rootA;
    } else {
      parents[rootA] = rootB;
    }
  }

  /** The smallest vertex id of the set holding the vertex numbered {@code number}. */
  long root(int number) {
    return index.id(find(number));
  }

  private int find(int number) {
    int i = number;
    while (parents[i] != i) {
      parents[i] = parents[parents[i]];
      i = parents[i];
    }
    return i;
  }
}
