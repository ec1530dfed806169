package com.voclake.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.VoclakeException;
import com.voclake.identity.ConnectedComponents.Path;
import com.voclake.identity.ConnectedComponents.Result;
import com.voclake.testing.SparkExtension;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class ConnectedComponentsTest {
  private static final StructType EDGES = new StructType()
      .add(ConnectedComponents.SRC, DataTypes.LongType).add(ConnectedComponents.DST, DataTypes.LongType);
  /** Never finish in one task. */
  private static final long DISTRIBUTED = 0;
  private final SparkSession spark;

  ConnectedComponentsTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> edges(List<long[]> pairs) {
    List<Row> rows = new ArrayList<>();
    for (long[] p : pairs) {
      rows.add(RowFactory.create(p[0], p[1]));
    }
    return spark.createDataFrame(rows, EDGES);
  }

  private Dataset<Row> edges(long[]... pairs) {
    return edges(List.of(pairs));
  }

  private static Map<Long, Long> labels(Dataset<Row> components) {
    Map<Long, Long> out = new TreeMap<>();
    for (Row r : components.collectAsList()) {
      assertThat(out.put(r.getLong(0), r.getLong(1))).as("one row per vertex %s", r.getLong(0)).isNull();
    }
    return out;
  }

  /** The expected labels, by a plain union-find on Java maps over the same edges. */
  private static Map<Long, Long> plainUnionFind(List<long[]> pairs) {
    Map<Long, Long> parent = new HashMap<>();
    for (long[] p : pairs) {
      parent.putIfAbsent(p[0], p[0]);
      parent.putIfAbsent(p[1], p[1]);
      long a = find(parent, p[0]);
      long b = find(parent, p[1]);
      parent.put(Math.max(a, b), Math.min(a, b));
    }
    Map<Long, Long> labels = new TreeMap<>();
    for (Long v : parent.keySet()) {
      labels.put(v, find(parent, v));
    }
    return labels;
  }

  private static long find(Map<Long, Long> parent, long v) {
    long x = v;
    while (parent.get(x) != x) {
      x = parent.get(x);
    }
    return x;
  }

  /**
   * An identity-shaped graph with every kind of component: records (src) linked to identifiers
   * (dst) in many small customers, stars around shared identifiers, long chains of records that
   * each share one identifier with the next, one giant component, and isolated vertices; ids
   * shuffled so that their order says nothing about the structure.
   */
  private static List<long[]> mixedGraph(long seed) {
    Random random = new Random(seed);
    List<Long> ids = new ArrayList<>();
    for (long i = 0; i < 6000; i++) {
      ids.add(i * 3 + 11);
    }
    Collections.shuffle(ids, random);
    int[] next = {0};
    java.util.function.LongSupplier fresh = () -> ids.get(next[0]++);
    List<long[]> pairs = new ArrayList<>();
    for (int c = 0; c < 300; c++) {               // small customers: 1-4 records, 1-3 identifiers
      long[] identifiers = new long[1 + random.nextInt(3)];
      for (int i = 0; i < identifiers.length; i++) {
        identifiers[i] = fresh.getAsLong();
      }
      int records = 1 + random.nextInt(4);
      for (int r = 0; r < records; r++) {
        long record = fresh.getAsLong();
        pairs.add(new long[] {record, identifiers[random.nextInt(identifiers.length)]});
        pairs.add(new long[] {record, identifiers[random.nextInt(identifiers.length)]});
      }
    }
    for (int s = 0; s < 5; s++) {                 // stars: one identifier, 30 records
      long hub = fresh.getAsLong();
      for (int r = 0; r < 30; r++) {
        pairs.add(new long[] {fresh.getAsLong(), hub});
      }
    }
    for (int chain = 0; chain < 3; chain++) {     // chains of 200 records
      long previous = fresh.getAsLong();
      for (int r = 0; r < 200; r++) {
        long identifier = fresh.getAsLong();
        long record = fresh.getAsLong();
        pairs.add(new long[] {record, previous});
        pairs.add(new long[] {record, identifier});
        previous = identifier;
      }
    }
    List<Long> giant = new ArrayList<>();         // giant: random links among 800 vertices
    for (int v = 0; v < 800; v++) {
      giant.add(fresh.getAsLong());
    }
    for (int v = 1; v < giant.size(); v++) {
      pairs.add(new long[] {giant.get(v), giant.get(random.nextInt(v))});
      pairs.add(new long[] {giant.get(random.nextInt(giant.size())), giant.get(random.nextInt(giant.size()))});
    }
    for (int v = 0; v < 20; v++) {                // isolated vertices, as self-loops
      long isolated = fresh.getAsLong();
      pairs.add(new long[] {isolated, isolated});
    }
    pairs.add(pairs.get(3).clone());              // a duplicate and a reversed edge
    pairs.add(new long[] {pairs.get(5)[1], pairs.get(5)[0]});
    Collections.shuffle(pairs, random);
    return pairs;
  }

  @Test
  void chainsStarsPairsAndIsolatedVerticesGetTheirMinimumAsLabelOnEveryPath() {
    Dataset<Row> graph = edges(
        new long[] {5, 3}, new long[] {3, 9}, new long[] {9, 4},           // chain 3-4-5-9
        new long[] {20, 21}, new long[] {20, 22}, new long[] {23, 20}, new long[] {20, 24}, // star at 20
        new long[] {31, 30}, new long[] {30, 31},                          // a pair, twice
        new long[] {40, 41},                                               // another pair
        new long[] {50, 50},                                               // isolated (self-loop)
        new long[] {60, 61}, new long[] {61, 62}, new long[] {62, 60});    // a cycle
    Map<Long, Long> expected = new TreeMap<>();
    for (long v : new long[] {3, 4, 5, 9}) {
      expected.put(v, 3L);
    }
    for (long v : new long[] {20, 21, 22, 23, 24}) {
      expected.put(v, 20L);
    }
    expected.putAll(Map.of(30L, 30L, 31L, 30L, 40L, 40L, 41L, 40L, 50L, 50L, 60L, 60L, 61L, 60L, 62L, 60L));

    Result oneTask = ConnectedComponents.run(graph, 40);
    assertThat(oneTask.path()).as("a tiny graph fits the default budget").isEqualTo(Path.SINGLE_TASK);
    assertThat(labels(oneTask.components())).as("single task").isEqualTo(expected);
    Result distributed = ConnectedComponents.run(graph, 40, DISTRIBUTED);
    assertThat(distributed.path()).isEqualTo(Path.DISTRIBUTED);
    assertThat(labels(distributed.components())).as("distributed").isEqualTo(expected);
  }

  @Test
  void identityShapedGraphMatchesPlainUnionFindWhicheverPathRuns() {
    List<long[]> pairs = mixedGraph(7);
    Map<Long, Long> expected = plainUnionFind(pairs);
    Dataset<Row> graph = edges(pairs);

    Result distributed = ConnectedComponents.run(graph, 40, DISTRIBUTED);
    assertThat(distributed.path()).isEqualTo(Path.DISTRIBUTED);
    assertThat(labels(distributed.components())).as("fully distributed").isEqualTo(expected);
    List<Long> sizes = distributed.edgesPerRound();
    for (int i = 1; i < sizes.size(); i++) {
      assertThat(sizes.get(i)).as("round %d must shrink the graph: %s", i + 1, sizes).isLessThan(sizes.get(i - 1));
    }
    assertThat(sizes.get(1)).as("the first round contracts the graph to less than half: %s", sizes)
        .isLessThan(sizes.get(0) / 2);

    // A budget of 1,000 edges: distributed rounds until the graph fits, then one task.
    Result mixed = ConnectedComponents.run(graph, 40, 1_000 * ConnectedComponents.BYTES_PER_EDGE);
    assertThat(mixed.path()).isEqualTo(Path.DISTRIBUTED_THEN_SINGLE_TASK);
    assertThat(mixed.edgesPerRound().get(mixed.rounds() - 1)).as("the graph the single task finished")
        .isLessThanOrEqualTo(1_000L);
    assertThat(labels(mixed.components())).as("distributed, then one task").isEqualTo(expected);

    Result oneTask = ConnectedComponents.run(graph, 40);
    assertThat(oneTask.path()).isEqualTo(Path.SINGLE_TASK);
    assertThat(oneTask.rounds()).isEqualTo(1);
    assertThat(labels(oneTask.components())).as("one task").isEqualTo(expected);
  }

  @Test
  void agreesWithThePreviousLargeStarSmallStarImplementation() {
    List<long[]> pairs = mixedGraph(11).subList(0, 600);
    Dataset<Row> graph = edges(pairs);
    Map<Long, Long> reference = labels(LargeStarSmallStar.components(graph));
    assertThat(labels(ConnectedComponents.run(graph, 40, DISTRIBUTED).components())).isEqualTo(reference);
  }

  @Test
  void aLongPathWithShuffledIdsBecomesOneComponentWithinFewDistributedRounds() {
    List<Long> ids = new ArrayList<>();
    for (long i = 0; i < 2000; i++) {
      ids.add(1000 + i * 7);
    }
    Collections.shuffle(ids, new Random(42));
    List<long[]> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < ids.size(); i++) {
      pairs.add(new long[] {ids.get(i), ids.get(i + 1)});
    }
    Result result = ConnectedComponents.run(edges(pairs), 40, DISTRIBUTED);
    Map<Long, Long> labels = labels(result.components());
    assertThat(labels).hasSize(2000);
    assertThat(labels.values()).as("every vertex labelled with the smallest id").containsOnly(1000L);
    assertThat(result.rounds()).as("rounds for a 2,000-vertex path: %s", result.edgesPerRound()).isBetween(2, 25);
  }

  @Test
  void anEmptyGraphHasNoComponents() {
    Result result = ConnectedComponents.run(edges(List.of()), 40, DISTRIBUTED);
    assertThat(result.components().count()).isZero();
    assertThat(result.rounds()).isZero();
  }

  @Test
  void failsClearlyWhenItNeedsMoreRoundsThanAllowed() {
    List<long[]> pairs = new ArrayList<>();
    for (int i = 0; i < 31; i++) {
      pairs.add(new long[] {i, i + 1});
    }
    assertThatThrownBy(() -> ConnectedComponents.run(edges(pairs), 1, DISTRIBUTED))
        .isInstanceOf(VoclakeException.class)
        .hasMessageContaining("did not converge in 1 rounds")
        .hasMessageContaining("identity.max-iterations");
  }

  @Test
  void aRoundUsesAMultipleOfTheCoresAndEnoughPartitionsForTheBudget() {
    long perTask = 1_000 * ConnectedComponents.BYTES_PER_EDGE;
    assertThat(ConnectedComponents.partitions(10, perTask, 2)).as("small graph: one per core").isEqualTo(2);
    assertThat(ConnectedComponents.partitions(2_500, perTask, 2)).as("3 needed, rounded up").isEqualTo(4);
    assertThat(ConnectedComponents.partitions(4_000, perTask, 2)).isEqualTo(4);
    assertThat(ConnectedComponents.partitions(4_001, perTask, 4)).as("5 needed on 4 cores").isEqualTo(8);
  }
}
