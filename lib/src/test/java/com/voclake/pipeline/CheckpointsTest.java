package com.voclake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.SparkExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What an increment materializes is gone when its scope closes, however many increments run. */
@ExtendWith(SparkExtension.class)
class CheckpointsTest {
  private final SparkSession spark;

  CheckpointsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void closingAScopeDeletesItsCheckpointFilesAndBlocks() throws IOException {
    Path dir = Path.of(java.net.URI.create(spark.sparkContext().getCheckpointDir().get()));
    long filesBefore = files(dir);
    int blocksBefore = spark.sparkContext().getPersistentRDDs().size();
    for (int increment = 0; increment < 20; increment++) {
      try (Checkpoints.Scope scope = Checkpoints.scope()) {
        Dataset<Row> a = Checkpoints.materialize(spark.range(100).toDF("n"));
        Dataset<Row> b = Checkpoints.materialize(a.selectExpr("n * 2 AS n"));
        assertThat(b.count()).isEqualTo(100);
        assertThat(scope.size()).isEqualTo(2);
        assertThat(files(dir)).as("checkpoint files while the increment runs").isGreaterThan(filesBefore);
      }
    }
    assertThat(files(dir)).as("no checkpoint file left after twenty increments").isEqualTo(filesBefore);
    assertThat(spark.sparkContext().getPersistentRDDs().size()).as("no stored block left")
        .isEqualTo(blocksBefore);
  }

  private static long files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().startsWith("part-")).count();
    }
  }
}
