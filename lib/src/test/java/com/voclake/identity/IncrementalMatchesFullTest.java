package com.voclake.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.DeltaTables;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.sample.GenerateJob;
import com.voclake.sample.GeneratorOptions;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental runs day by day give the same customers as a full rebuild, on generated data with
 * all its noise; and the merge meets the quality targets on it.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class IncrementalMatchesFullTest {
  private static final LocalDate END = LocalDate.parse("2026-11-03");
  private static final java.util.List<String> MERGED_TABLES = java.util.List.of("cdp/identity_records",
      "cdp/customer_journey", "cdp/identity_links", "cdp/customer_profile");
  private final SparkSession spark;

  IncrementalMatchesFullTest(SparkSession spark) {
    this.spark = spark;
  }

  private Dataset<Row> journey(VoclakeConfig config) {
    return spark.read().format("delta").load(config.paths().warehouse() + "/cdp/customer_journey");
  }

  /** The partition of records into customers, ids forgotten. */
  private Set<Set<String>> partition(VoclakeConfig config) {
    Map<String, Set<String>> byCustomer = new HashMap<>();
    for (Row r : journey(config).selectExpr("one_id", "coalesce(event_id, interaction_id)").collectAsList()) {
      byCustomer.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1));
    }
    return new HashSet<>(byCustomer.values());
  }

  @Test
  void threeIncrementalDaysEqualOneFullRebuild(@TempDir Path tmp) throws java.io.IOException {
    Path in = tmp.resolve("in");
    GenerateJob.run(spark, new GeneratorOptions(200, 3, END, 42), in.toString());
    VoclakeConfig local = TestConfigs.local(in, tmp.resolve("incremental"));
    // Compaction must not change what the tables hold: let it fire on these few files.
    VoclakeConfig incremental = local.withIdentity(local.identity().withCompactFiles(2))
        .withRun(local.run().withMaintainEvery(1));
    VoclakeConfig fullConfig = TestConfigs.local(in, tmp.resolve("full"));
    VoclakeConfig full = fullConfig.withIdentity(fullConfig.identity().withMode("full"));

    long recomputedLastDay = 0;
    long compacted = 0;
    for (LocalDate day = END.minusDays(2); !day.isAfter(END); day = day.plusDays(1)) {
      StageResult r = IdentityJob.run(spark, RunContext.start("identity", day, incremental));
      recomputedLastDay = r.figures().get("records_recomputed");
      compacted += r.figures().get("compacted_partitions");
      assertThat(r.figures().get("full_rebuild")).as("only the first run is full").isEqualTo(
          day.equals(END.minusDays(2)) ? 1L : 0L);
    }
    StageResult rebuilt = IdentityJob.run(spark, RunContext.start("identity", END, full));
    String warehouse = incremental.paths().warehouse();
    assertThat(compacted).as("partitions compacted").isPositive();
    for (String table : MERGED_TABLES) {
      assertThat(DeltaTables.hasDeletionVectors(spark, warehouse + "/" + table))
          .as("%s has deletion vectors for its deletes", table).isTrue();
      Map<String, Integer> filesPerFolder = new HashMap<>();
      for (String file : spark.read().format("delta").load(warehouse + "/" + table).inputFiles()) {
        filesPerFolder.merge(new org.apache.hadoop.fs.Path(file).getParent().toString(), 1, Integer::sum);
      }
      assertThat(filesPerFolder.values()).as("%s files per partition", table).allMatch(n -> n <= 2);
    }

    Set<Set<String>> days = partition(incremental);
    assertThat(days).as("same customers, as sets of records").isEqualTo(partition(full));
    // one_ids may differ (an incremental merge keeps the older one), every other column may not.
    for (String table : java.util.List.of("cdp/identity_links", "cdp/customer_profile")) {
      Dataset<Row> a = comparable(spark.read().format("delta").load(warehouse + "/" + table));
      Dataset<Row> b = comparable(spark.read().format("delta").load(full.paths().warehouse() + "/" + table));
      assertThat(a.count()).as("%s rows", table).isEqualTo(b.count());
      assertThat(a.exceptAll(b).union(b.exceptAll(a)).collectAsList()).as("%s rows that differ", table).isEmpty();
    }
    assertThat(recomputedLastDay).as("the last day recomputed only the customers it reached")
        .isLessThan(rebuilt.figures().get("records_recomputed"));
    Dataset<Row> truth = spark.read().json(in.resolve("truth").toString());
    IdentityQuality.Figures quality = IdentityQuality.compute(journey(full), truth);
    IdentityQuality.Figures identified = IdentityQuality.computeIdentified(journey(full), truth,
        spark.read().format("delta").load(full.paths().warehouse() + "/cdp/identity_records"));
    System.out.println("Generated 200 customers, 3 days: " + quality.summary() + "; identified records: "
        + identified.summary());
    assertThat(quality.precision()).as(quality.summary()).isGreaterThanOrEqualTo(0.995);
    assertThat(identified.recall()).as(identified.summary()).isGreaterThanOrEqualTo(0.95);

    // Erasure after MERGEs: the rows the deletion vectors hide must be gone from the files too.
    String busiest = journey(incremental).groupBy("one_id").count().orderBy(
        org.apache.spark.sql.functions.desc("count"), org.apache.spark.sql.functions.asc("one_id")).first().getString(0);
    Forget.run(spark, RunContext.start("forget", END, incremental), GivenIdentifier.of(incremental, "one_id", busiest),
        false);
    for (String table : MERGED_TABLES) {
      for (Path file : dataFiles(Path.of(warehouse, table))) {
        assertThat(spark.read().parquet(file.toString()).where(org.apache.spark.sql.functions.col("one_id")
            .equalTo(busiest)).count()).as("%s still holds the forgotten customer", file).isZero();
      }
    }
  }

  @Test
  void aSharedPhoneKeepsCountingTheRecordsOfCustomersTheDayDoesNotReach(@TempDir Path tmp) throws Exception {
    Path in = tmp.resolve("in");
    String day1 = "2026-11-01";
    String day2 = "2026-11-02";
    // One dealer phone on four customers' leads (four CRM ids: over the limit of 3, so shared).
    String lead = "{\"event_id\":\"%s\",\"event_time\":\"%sT%s:00:00+08:00\",\"channel\":\"dealer\","
        + "\"event_type\":\"lead\",\"phone\":\"13900139000\",\"crm_id\":\"%s\"}";
    com.voclake.testing.Rows.writeLines(in.resolve("touchpoints/dt=" + day1 + "/part-0.jsonl"),
        String.format(lead, "l1", day1, "09", "CRM1"), String.format(lead, "l2", day1, "10", "CRM2"),
        String.format(lead, "l3", day1, "11", "CRM3"), String.format(lead, "l4", day1, "12", "CRM4"));
    com.voclake.testing.Rows.writeLines(in.resolve("interactions/dt=" + day1 + "/part-0.jsonl"),
        "{\"interaction_id\":\"i1\",\"start_time\":\"" + day1 + "T15:00:00+08:00\",\"channel\":\"chat\","
            + "\"kind\":\"chat\",\"email\":\"x@qq.com\",\"text\":\"什么时候到店\"}");
    // The next day only the first customer comes back, with the same phone, someone new writes in
    // once with an email nobody else gives, and a source sends l2 again.
    com.voclake.testing.Rows.writeLines(in.resolve("touchpoints/dt=" + day2 + "/part-0.jsonl"),
        String.format(lead, "l5", day2, "09", "CRM1"), String.format(lead, "l2", day1, "10", "CRM2"));
    com.voclake.testing.Rows.writeLines(in.resolve("interactions/dt=" + day2 + "/part-0.jsonl"),
        "{\"interaction_id\":\"i2\",\"start_time\":\"" + day2 + "T16:00:00+08:00\",\"channel\":\"chat\","
            + "\"kind\":\"chat\",\"email\":\"once@qq.com\",\"text\":\"试驾怎么约\"}");
    VoclakeConfig incremental = TestConfigs.local(in, tmp.resolve("incremental"));
    VoclakeConfig full = incremental.withPaths(in.toString(), tmp.resolve("full").toString())
        .withIdentity(incremental.identity().withMode("full"));
    IdentityJob.run(spark, RunContext.start("identity", LocalDate.parse(day1), incremental));
    StageResult second = IdentityJob.run(spark, RunContext.start("identity", LocalDate.parse(day2), incremental));
    IdentityJob.run(spark, RunContext.start("identity", LocalDate.parse(day2), full));

    assertThat(second.figures().get("records_recomputed")).as("l1, l5, i2 and l2, whose customer the copy"
        + " reaches: the other two customers are not recomputed").isEqualTo(4L);
    assertThat(com.voclake.testing.Rows.of(spark.read().format("delta")
            .load(incremental.paths().warehouse() + "/cdp/customer_journey").where("event_id = 'l2'"),
        "cast(dt as string)")).as("l2 stays where it landed first, once").containsExactly(java.util.List.of(day1));
    Dataset<Row> phone = spark.read().format("delta").load(incremental.paths().warehouse() + "/cdp/identity_links")
        .where(org.apache.spark.sql.functions.col("id_type").equalTo("phone"));
    assertThat(com.voclake.testing.Rows.of(phone, "status", "records"))
        .as("the shared phone counts all five leads").containsExactly(java.util.List.of("shared_blocked", 5L));
    assertSameLinksAndProfiles(incremental, full);

    // Day 2 lands again with another lead in place of l5 and without i2: l5's count and its last
    // seen must go, and so must i2's customer and its email, which no other record carries.
    com.voclake.testing.Rows.writeLines(in.resolve("touchpoints/dt=" + day2 + "/part-0.jsonl"),
        String.format(lead, "l6", day2, "08", "CRM1"));
    org.apache.commons.io.FileUtils.deleteDirectory(in.resolve("interactions/dt=" + day2).toFile());
    IdentityJob.run(spark, RunContext.start("identity", LocalDate.parse(day2), incremental));
    IdentityJob.run(spark, RunContext.start("identity", LocalDate.parse(day2), full));
    phone = spark.read().format("delta").load(incremental.paths().warehouse() + "/cdp/identity_links")
        .where(org.apache.spark.sql.functions.col("id_type").equalTo("phone"));
    assertThat(com.voclake.testing.Rows.of(phone, "records", "cast(last_seen as string)"))
        .as("the rerun drops l5 and counts l6").containsExactly(java.util.List.of(5L, day2 + " 08:00:00"));
    assertThat(spark.read().format("delta").load(incremental.paths().warehouse() + "/cdp/identity_links")
        .where(org.apache.spark.sql.functions.col("id_type").equalTo("email")).count())
        .as("only i1's email is left").isEqualTo(1L);
    assertSameLinksAndProfiles(incremental, full);
  }

  private void assertSameLinksAndProfiles(VoclakeConfig incremental, VoclakeConfig full) {
    for (String table : java.util.List.of("cdp/identity_links", "cdp/customer_profile")) {
      Dataset<Row> a = comparable(spark.read().format("delta").load(incremental.paths().warehouse() + "/" + table));
      Dataset<Row> b = comparable(spark.read().format("delta").load(full.paths().warehouse() + "/" + table));
      assertThat(a.exceptAll(b).union(b.exceptAll(a)).collectAsList()).as("%s rows that differ", table).isEmpty();
    }
  }

  /** Without one_id, and with maps as sorted entries (set operations cannot compare maps). */
  private static Dataset<Row> comparable(Dataset<Row> table) {
    Dataset<Row> rows = table.drop("one_id");
    for (org.apache.spark.sql.types.StructField f : rows.schema().fields()) {
      if (f.dataType() instanceof org.apache.spark.sql.types.MapType) {
        rows = rows.withColumn(f.name(), org.apache.spark.sql.functions.array_sort(
            org.apache.spark.sql.functions.map_entries(org.apache.spark.sql.functions.col(f.name()))));
      }
    }
    return rows;
  }

  private static java.util.List<Path> dataFiles(Path table) throws java.io.IOException {
    try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(table)) {
      return walk.filter(f -> f.toString().endsWith(".parquet") && !f.toString().contains("_delta_log")).toList();
    }
  }
}
