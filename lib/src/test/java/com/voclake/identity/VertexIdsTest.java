package com.voclake.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.IdentityConfig;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class VertexIdsTest {
  private final SparkSession spark;

  VertexIdsTest(SparkSession spark) {
    this.spark = spark;
  }

  /** r1 and r2 share a phone, r2 and r3 an email; r4 and r5 are joined by an always-link override. */
  private Dataset<Row> linking() {
    StructType schema = new StructType().add(IdentityResolution.RECORD_KEY, DataTypes.StringType)
        .add(IdentityResolution.ID_TYPE, DataTypes.StringType).add(IdentityResolution.ID_HASH, DataTypes.StringType);
    return spark.createDataFrame(List.of(
        RowFactory.create("r1", "phone", "p1"), RowFactory.create("r2", "phone", "p1"),
        RowFactory.create("r2", "email", "e1"), RowFactory.create("r3", "email", "e1"),
        RowFactory.create("r4", "crm_id", "c9"), RowFactory.create("r5", "phone", "p2"),
        RowFactory.create("r6", "vin", "v1")), schema);
  }

  /** Every record once, r7 without any identifier (so without an edge). */
  private Dataset<Row> records() {
    return linking().select(IdentityResolution.RECORD_KEY)
        .union(spark.createDataset(List.of("r7"), org.apache.spark.sql.Encoders.STRING()).toDF()).distinct();
  }

  private Dataset<Row> identifiers() {
    return linking().select(IdentityResolution.ID_TYPE, IdentityResolution.ID_HASH).distinct();
  }

  private Dataset<Row> always() {
    StructType schema = new StructType().add("a", DataTypes.StringType).add("b", DataTypes.StringType);
    return spark.createDataFrame(List.of(RowFactory.create("i:crm_id:c9", "i:phone:p2")), schema);
  }

  /** The vertex keys of each component, as a set of sets: labels differ with the ids, groups must not. */
  private static Set<Set<String>> groups(Dataset<Row> components) {
    Map<String, Set<String>> byComponent = new HashMap<>();
    for (Row r : components.collectAsList()) {
      byComponent.computeIfAbsent(r.getString(1), k -> new TreeSet<>()).add(r.getString(0));
    }
    return new HashSet<>(byComponent.values());
  }

  @Test
  void verticesAreIdentifiedByTheirKeysHashWhenNoTwoKeysShareOne() {
    Dataset<Row> keys = spark.createDataset(List.of("r:1", "r:2", "i:phone:p1"),
        org.apache.spark.sql.Encoders.STRING()).toDF("vertex_key");
    IdentityResolution.VertexIds ids = IdentityResolution.vertexIds(keys, functions::xxhash64);
    assertThat(ids.hashed()).isTrue();
    assertThat(ids.vertices().where(functions.col("vertex_id").notEqual(functions.xxhash64(functions.col("vertex_key"))))
        .count()).isZero();
    assertThat(ids.vertices().count()).isEqualTo(3);
  }

  @Test
  void keysSharingAHashAreNumberedInsteadAndTheComponentsStayTheSame(@TempDir Path tmp) {
    IdentityConfig rules = TestConfigs.local(tmp, tmp).identity();
    Set<Set<String>> expected = Set.of(
        Set.of("r:r1", "r:r2", "r:r3", "i:phone:p1", "i:email:e1"),
        Set.of("r:r4", "r:r5", "i:crm_id:c9", "i:phone:p2"),
        Set.of("r:r6", "i:vin:v1"));
    assertThat(groups(IdentityResolution.components(records(), identifiers(), linking(), always(), rules,
        functions::xxhash64)))
        .isEqualTo(expected);
    // Two ids for many vertices: a hash that collides all the time, which must merge nothing.
    IdentityResolution.VertexIds colliding = IdentityResolution.vertexIds(
        linking().select(functions.concat(functions.lit("r:"), functions.col(IdentityResolution.RECORD_KEY))
            .as("vertex_key")).distinct(), c -> functions.pmod(functions.xxhash64(c), functions.lit(2L)));
    assertThat(colliding.hashed()).isFalse();
    assertThat(colliding.vertices().select("vertex_id").distinct().count()).isEqualTo(6);
    assertThat(groups(IdentityResolution.components(records(), identifiers(), linking(), always(), rules,
        c -> functions.pmod(functions.xxhash64(c), functions.lit(2L))))).isEqualTo(expected);
  }
}
