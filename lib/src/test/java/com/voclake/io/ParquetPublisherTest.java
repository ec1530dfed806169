package com.voclake.io;

import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.VoclakeException;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class ParquetPublisherTest {
  private final SparkSession spark;

  ParquetPublisherTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> rows(String... values) {
    return spark.createDataset(List.of(values), org.apache.spark.sql.Encoders.STRING()).toDF("v");
  }

  @Test
  void replacesOnePartitionAsAWholeAndLeavesTheOthers(@TempDir Path tmp) {
    Warehouse warehouse = new Warehouse(tmp.toString());
    assertThat(ParquetPublisher.replacePartition(spark, warehouse, "demo", rows("a", "b"), "2026-11-19", "r1"))
        .isEqualTo(2);
    ParquetPublisher.replacePartition(spark, warehouse, "demo", rows("c", "d", "e"), "2026-11-20", "r2");
    ParquetPublisher.replacePartition(spark, warehouse, "demo", rows("f"), "2026-11-20", "r3");

    assertThat(Rows.of(spark.read().parquet(warehouse.published("demo")), "v", "cast(dt as string)"))
        .containsExactlyInAnyOrder(row("a", "2026-11-19"), row("b", "2026-11-19"), row("f", "2026-11-20"));
    assertThat(new File(warehouse.published("demo") + "/dt=2026-11-20").list())
        .as("one data file, no _SUCCESS marker").hasSize(1).allMatch(n -> n.endsWith(".parquet"));
    assertThat(new File(tmp.toFile(), "publish/_staging/demo").list()).as("staging is cleaned up").isEmpty();
  }

  @Test
  void refusesADtColumnInsideTheFiles(@TempDir Path tmp) {
    Dataset<Row> withDt = rows("a").withColumn("dt", org.apache.spark.sql.functions.lit("2026-11-20"));
    assertThatThrownBy(() -> ParquetPublisher.replacePartition(spark, new Warehouse(tmp.toString()), "demo",
        withDt, "2026-11-20", "r1")).isInstanceOf(VoclakeException.class).hasMessageContaining("dt is the partition");
  }
}
