package com.voclake.pipeline;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.io.DeltaTables;
import com.voclake.io.ParquetEncodings;
import com.voclake.testing.SparkExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class ParquetEncodingsTest {
  private final SparkSession spark;

  ParquetEncodingsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void keysAndHashesAreWrittenWithoutADictionaryWhileFewValuedColumnsKeepOne(@TempDir Path tmp) {
    String path = tmp.resolve("t").toString();
    SparkSessions.applyParquetEncodings(spark, new SparkConf(false));
    try {
      // Each value twice: a dictionary then pays off, so without the settings every column keeps one.
      Column value = col("id").mod(2000).cast("string");
      DeltaTables.append(spark.range(4000).select(
          concat(lit("event:"), value).as("record_key"),
          col("id").mod(3).cast("string").as("channel"),
          array(struct(lit("phone").as("id_type"), sha2(value, 256).as("id_hash"),
              concat(lit("138****"), value).as("id_masked"))).as("identifiers"))
          .coalesce(1), path);
    } finally {
      ParquetEncodings.hadoopSettings().keySet().forEach(spark.conf()::unset);
    }

    assertThat(dictionaryPages(path)).containsExactlyInAnyOrderEntriesOf(Map.of(
        "record_key", false,
        "channel", true,
        "identifiers.list.element.id_type", true,
        "identifiers.list.element.id_hash", false,
        "identifiers.list.element.id_masked", false));
  }

  @Test
  void leavesAColumnAloneWhenSparkSubmitSetsItsDictionary() {
    try {
      SparkSessions.applyParquetEncodings(spark,
          new SparkConf(false).set("spark.hadoop.parquet.enable.dictionary#record_key", "true"));
      assertThat(spark.conf().contains("parquet.enable.dictionary#record_key")).isFalse();
      assertThat(spark.conf().get("parquet.enable.dictionary#one_id")).isEqualTo("false");
    } finally {
      ParquetEncodings.hadoopSettings().keySet().forEach(spark.conf()::unset);
    }
  }

  /** Column path to whether its chunk in the table's only data file has a dictionary page. */
  private static Map<String, Boolean> dictionaryPages(String table) {
    try (Stream<Path> files = Files.list(Path.of(table))) {
      Path file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
      Map<String, Boolean> pages = new TreeMap<>();
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
          new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
        for (ColumnChunkMetaData column : reader.getFooter().getBlocks().get(0).getColumns()) {
          pages.put(column.getPath().toDotString(), column.hasDictionaryPage());
        }
      }
      return pages;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
