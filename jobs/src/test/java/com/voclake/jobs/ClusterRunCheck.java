package com.voclake.jobs;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.SparkExtension;
import com.voclake.text.EnrichedInteractionSchema;
import com.voclake.text.HanLPRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Compares a {@code daily} run on a standalone cluster with a {@code local[*]} run on the same
 * data. Not part of the test suite (its name does not end in Test): {@code .ci/cluster} runs it
 * after both runs, with {@code -Dvoclake.check.local=DIR -Dvoclake.check.cluster=DIR}.
 */
@ExtendWith(SparkExtension.class)
class ClusterRunCheck {
  private final Path local = warehouse("voclake.check.local");
  private final Path cluster = warehouse("voclake.check.cluster");

  @Test
  void theClusterWritesTheSameRowsAsLocal(SparkSession spark) throws IOException {
    Map<String, WarehouseDigest.TableDigest> expected = WarehouseDigest.of(spark, local);
    Map<String, WarehouseDigest.TableDigest> actual = WarehouseDigest.of(spark, cluster);
    expected.forEach((table, digest) -> System.out.printf("  %-34s local %-28s cluster %s%n", table, digest,
        actual.get(table)));
    assertThat(expected).as("the local run wrote the CDP, enriched and published tables")
        .containsKeys("cdp/customer_profile", "cdp/identity_links", "voc/interactions_enriched",
            "publish/request_map", "publish/alerts", "publish/product_preference");
    assertThat(expected.get("publish/request_map").rows()).as("published request-map rows").isPositive();
    assertThat(actual).as("every table's rows (digests) on the cluster equal local[*]'s").isEqualTo(expected);
  }

  /**
   * HanLP's user dictionary is a JVM-wide static: words added on the driver alone never reach an
   * executor of a real cluster. The user dictionary's words that HanLP splits without it (checked
   * here, in a JVM that never loaded it) can only become keywords where executors loaded it.
   */
  @Test
  void userDictionaryWordsReachTheExecutors(SparkSession spark) throws IOException {
    List<String> needDictionary = Files.readAllLines(
            Path.of(System.getProperty("voclake.repo.root"), "conf/lexicons/user_dictionary.txt"),
            StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .map(line -> line.split("\\s+")[0])
        .filter(word -> HanLPRuntime.tokenize(word).size() > 1)
        .toList();
    assertThat(needDictionary).as("user-dictionary words that HanLP splits on its own").isNotEmpty();

    long onCluster = rowsWithKeyword(spark, cluster, needDictionary);
    System.out.printf("  %d user-dictionary words that HanLP splits on its own; %d enriched rows on the cluster"
        + " have one as a keyword%n", needDictionary.size(), onCluster);
    assertThat(onCluster).as("enriched rows whose keywords hold a word only the user dictionary makes whole"
        + " (%s)", needDictionary).isPositive().isEqualTo(rowsWithKeyword(spark, local, needDictionary));
  }

  private static long rowsWithKeyword(SparkSession spark, Path warehouse, List<String> words) {
    Column any = lit(false);
    for (String word : words) {
      any = any.or(array_contains(col(EnrichedInteractionSchema.KEYWORDS), word));
    }
    return spark.read().format("delta").load(warehouse.resolve("voc/interactions_enriched").toString())
        .where(any).count();
  }

  private static Path warehouse(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException("Run by .ci/cluster, which sets -D" + property + "=<warehouse>");
    }
    return Path.of(value);
  }
}
