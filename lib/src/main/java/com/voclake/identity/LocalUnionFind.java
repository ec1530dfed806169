package com.voclake.identity;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The per-partition steps of {@link ConnectedComponents}, as {@code mapPartitions} functions over
 * rows of two or three columns. Each consumes its whole partition into primitive arrays before it
 * emits anything, so a task holds its partition's vertices once, without an object per vertex.
 */
final class LocalUnionFind {
  /** Row kinds of {@link #CONTRACT}'s output (first column). */
  static final int POINTER = 0;
  static final int EDGE = 1;

  /**
   * Edges {@code (src, dst)} → {@code (vertex, root)} for every vertex of the partition, where
   * root is the smallest vertex of its component within the partition.
   */
  static final MapPartitionsFunction<Row, Row> ROOTS = LocalUnionFind::roots;

  /**
   * {@code (vertex, root)} rows, all rows of a vertex in the same partition →
   * {@code (POINTER, vertex, parent)} once per vertex, parent being its smallest root, and
   * {@code (EDGE, parent, root)} for each of its other roots: the edges that still join local
   * components of the round.
   */
  static final MapPartitionsFunction<Row, Row> CONTRACT = LocalUnionFind::contract;

  private LocalUnionFind() {}

  static Encoder<Row> encoder(StructType schema) {
    return Encoders.row(schema);
  }

  private static Iterator<Row> roots(Iterator<Row> edges) {
    LongUnionFind sets = new LongUnionFind();
    while (edges.hasNext()) {
      Row edge = edges.next();
      sets.union(edge.getLong(0), edge.getLong(1));
    }
    return new Counted(sets.size()) {
      @Override
      Row row(int i) {
        return RowFactory.create(sets.vertex(i), sets.root(i));
      }
    };
  }

  private static Iterator<Row> contract(Iterator<Row> localRoots) {
    LongIndex vertices = new LongIndex();
    long[] smallestRoot = new long[vertices.capacity()];
    int[] pairVertex = new int[1024];
    long[] pairRoot = new long[1024];
    int pairs = 0;
    while (localRoots.hasNext()) {
      Row row = localRoots.next();
      long root = row.getLong(1);
      int before = vertices.size();
      int vertex = vertices.add(row.getLong(0));
      if (vertex == before) {
        if (smallestRoot.length < vertices.capacity()) {
          smallestRoot = Arrays.copyOf(smallestRoot, vertices.capacity());
        }
        smallestRoot[vertex] = root;
      } else if (root < smallestRoot[vertex]) {
        smallestRoot[vertex] = root;
      }
      if (pairs == pairVertex.length) {
        pairVertex = Arrays.copyOf(pairVertex, pairs + (pairs >> 1));
        pairRoot = Arrays.copyOf(pairRoot, pairVertex.length);
      }
      pairVertex[pairs] = vertex;
      pairRoot[pairs] = root;
      pairs++;
    }
    // Parents first, then the joining edges: a pair whose root is its vertex's smallest says
    // nothing new, every other pair joins two local components.
    long[] parent = smallestRoot;
    int[] pairVertexes = pairVertex;
    long[] pairRoots = pairRoot;
    int vertexCount = vertices.size();
    int pairCount = pairs;
    return new Iterator<>() {
      private int nextVertex;
      private int nextPair;

      @Override
      public boolean hasNext() {
        if (nextVertex < vertexCount) {
          return true;
        }
        while (nextPair < pairCount && pairRoots[nextPair] == parent[pairVertexes[nextPair]]) {
          nextPair++;
        }
        return nextPair < pairCount;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        if (nextVertex < vertexCount) {
          int v = nextVertex++;
          return RowFactory.create(POINTER, vertices.id(v), parent[v]);
        }
        int p = nextPair++;
        return RowFactory.create(EDGE, parent[pairVertexes[p]], pairRoots[p]);
      }
    };
  }

  /** Rows 0..count-1, made on demand. */
  private abstract static class Counted implements Iterator<Row> {
    private final int count;
    private int next;

    Counted(int count) {
      this.count = count;
    }

    abstract Row row(int i);

    @Override
    public boolean hasNext() {
      return next < count;
    }

    @Override
    public Row next() {
      if (next >= count) {
        throw new NoSuchElementException();
      }
      return row(next++);
    }
  }
}
