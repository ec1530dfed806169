package com.voclake.io;

import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(SparkExtension.class)
class DeltaTablesTest {
  private static final StructType SCHEMA = new StructType().add("kind", DataTypes.StringType)
      .add("event_id", DataTypes.StringType).add("interaction_id", DataTypes.StringType).add("v", DataTypes.IntegerType);
  private static final String[] KEYS = {"kind", "event_id", "interaction_id"};

  private final SparkSession spark;

  DeltaTablesTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> rows(Object[]... values) {
    return spark.createDataFrame(java.util.Arrays.stream(values).map(RowFactory::create).toList(), SCHEMA);
  }

  @Test
  void deletesTheRowsOfTheGivenKeysNullSafelyWithDeletionVectors(@TempDir Path tmp) {
    String path = tmp.resolve("t").toString();
    DeltaTables.overwrite(rows(
        new Object[] {"event", "e1", null, 1},
        new Object[] {"event", "e2", null, 2},
        new Object[] {"interaction", null, "i1", 3},
        new Object[] {"interaction", null, "i2", 4},
        // Same values in other columns: a key joined without its separators or null markers would hit these.
        new Object[] {"event", "e1", "", 5},
        new Object[] {"event", null, "e1", 6}), path, new Txn("test.overwrite", 1));
    assertThat(DeltaTables.hasDeletionVectors(spark, path)).as("on from the first version").isTrue();

    Dataset<Row> keys = rows(
        new Object[] {"event", "e1", null, 0},
        new Object[] {"event", "e1", null, 0},
        new Object[] {"interaction", null, "i2", 0},
        new Object[] {"interaction", null, "i9", 0}).select("kind", "event_id", "interaction_id");
    long looked = DeltaTables.deleteKeys(path, KEYS, keys, new Txn("test.delete", 7));

    assertThat(looked).as("distinct keys").isEqualTo(3);
    assertThat(Rows.of(spark.read().format("delta").load(path), "v")).containsExactlyInAnyOrder(
        row(2), row(3), row(5), row(6));
    Row last = DeltaTable.forPath(spark, path).history(1).first();
    Map<String, String> metrics = last.getJavaMap(last.fieldIndex("operationMetrics"));
    assertThat(last.getString(last.fieldIndex("operation"))).isEqualTo("DELETE");
    assertThat(metrics).as("rows marked, no file rewritten").containsEntry("numDeletedRows", "2")
        .containsEntry("numAddedFiles", "0");
    assertThat(Long.parseLong(metrics.get("numDeletionVectorsAdded"))).isPositive();
    assertThat(last.getJavaMap(last.fieldIndex("operationParameters")).toString())
        .as("the keys are not written into the Delta log as a predicate").doesNotContain("e1").doesNotContain("i2");
    assertThat(DeltaTables.transactions(spark, path)).as("the write's identity").containsEntry("test.delete", 7L);

    // The same write again (a replay after a crash): Delta skips it, whatever it would delete now.
    DeltaTables.deleteKeys(path, KEYS, rows(new Object[] {"event", "e2", null, 0})
        .select("kind", "event_id", "interaction_id"), new Txn("test.delete", 7));
    assertThat(DeltaTable.forPath(spark, path).history().count()).as("no new commit").isEqualTo(2);
    assertThat(Rows.of(spark.read().format("delta").load(path), "v")).containsExactlyInAnyOrder(
        row(2), row(3), row(5), row(6));
  }

  @Test
  void deletingNoKeysCommitsNothing(@TempDir Path tmp) {
    String path = tmp.resolve("t").toString();
    DeltaTables.overwrite(rows(new Object[] {"event", "e1", null, 1}), path, new Txn("test.overwrite", 1));

    assertThat(DeltaTables.deleteKeys(path, KEYS, rows().select("kind", "event_id", "interaction_id"),
        new Txn("test.delete", 1))).isZero();
    assertThat(DeltaTable.forPath(spark, path).history().count()).isEqualTo(1);
    assertThat(Rows.of(spark.read().format("delta").load(path), "v")).containsExactly(List.of(1));
  }
}
