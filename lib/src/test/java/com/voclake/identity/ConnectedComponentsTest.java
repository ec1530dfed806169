package com.voclake.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.VoclakeException;
import com.voclake.testing.SparkExtension;
import java.util.ArrayList;
import java.util.Collections;
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
  private final SparkSession spark;

  ConnectedComponentsTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> edges(long[]... pairs) {
    List<Row> rows = new ArrayList<>();
    for (long[] p : pairs) {
      rows.add(RowFactory.create(p[0], p[1]));
    }
    return spark.createDataFrame(rows, EDGES);
  }

  private static Map<Long, Long> labels(Dataset<Row> components) {
    Map<Long, Long> out = new TreeMap<>();
    for (Row r : components.collectAsList()) {
      assertThat(out.put(r.getLong(0), r.getLong(1))).as("one row per vertex %s", r.getLong(0)).isNull();
    }
    return out;
  }

  @Test
  void chainsStarsPairsAndIsolatedVerticesGetTheirMinimumAsLabel() {
    Dataset<Row> graph = edges(
        new long[] {5, 3}, new long[] {3, 9}, new long[] {9, 4},           // chain 3-4-5-9
        new long[] {20, 21}, new long[] {20, 22}, new long[] {23, 20}, new long[] {20, 24}, // star at 20
        new long[] {31, 30}, new long[] {30, 31},                          // a pair, twice
        new long[] {40, 41},                                               // another pair
        new long[] {50, 50},                                               // isolated (self-loop)
        new long[] {60, 61}, new long[] {61, 62}, new long[] {62, 60});    // a cycle
    Map<Long, Long> labels = labels(ConnectedComponents.components(graph));
    Map<Long, Long> expected = new TreeMap<>();
    for (long v : new long[] {3, 4, 5, 9}) {
      expected.put(v, 3L);
    }
    for (long v : new long[] {20, 21, 22, 23, 24}) {
      expected.put(v, 20L);
    }
    expected.putAll(Map.of(30L, 30L, 31L, 30L, 40L, 40L, 41L, 40L, 50L, 50L, 60L, 60L, 61L, 60L, 62L, 60L));
    assertThat(labels).isEqualTo(expected);
  }

  @Test
  void aLongPathWithShuffledIdsBecomesOneComponentWithinFewRounds() {
    List<Long> ids = new ArrayList<>();
    for (long i = 0; i < 64; i++) {
      ids.add(1000 + i * 7);
    }
    Collections.shuffle(ids, new Random(42));
    long[][] pairs = new long[ids.size() - 1][];
    for (int i = 0; i + 1 < ids.size(); i++) {
      pairs[i] = new long[] {ids.get(i), ids.get(i + 1)};
    }
    ConnectedComponents.Result result = ConnectedComponents.run(edges(pairs), 40);
    Map<Long, Long> labels = labels(result.components());
    assertThat(labels).hasSize(64);
    assertThat(labels.values()).as("every vertex labelled with the smallest id").containsOnly(1000L);
    assertThat(result.rounds()).as("rounds for a 64-vertex path").isBetween(2, 15);
  }

  @Test
  void failsClearlyWhenItNeedsMoreRoundsThanAllowed() {
    long[][] pairs = new long[31][];
    for (int i = 0; i < 31; i++) {
      pairs[i] = new long[] {i, i + 1};
    }
    assertThatThrownBy(() -> ConnectedComponents.run(edges(pairs), 1))
        .isInstanceOf(VoclakeException.class)
        .hasMessageContaining("did not converge in 1 rounds")
        .hasMessageContaining("identity.max-iterations");
  }
}
