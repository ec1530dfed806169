package com.voclake.identity;

import com.voclake.config.VoclakeConfig;
import com.voclake.pipeline.RunContext;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints identity quality on a generated set with truth, with and without guard rails (a full
 * build each). Not part of the suite; run it on the sample data with
 * {@code mvn -q -B -pl lib test -Dtest=IdentityQualityReport -Dvoclake.quality.input=$PWD/sample-data}
 * (optionally {@code -Dvoclake.quality.date=2026-11-20}), or on a freshly generated set with
 * {@code -Dvoclake.quality.input=generate:3000} (customers; 7 days ending 2026-11-20, seed 42;
 * {@code -Dvoclake.quality.out=DIR} keeps the generated set in DIR, as {@code generate} would write it).
 */
@ExtendWith(SparkExtension.class)
@EnabledIfSystemProperty(named = "voclake.quality.input", matches = ".+")
class IdentityQualityReport {
  private final SparkSession spark;

  IdentityQualityReport(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void printQuality(@TempDir Path tmp) {
    String source = System.getProperty("voclake.quality.input");
    LocalDate date = LocalDate.parse(System.getProperty("voclake.quality.date", "2026-11-20"));
    Path input;
    if (source.startsWith("generate:")) {
      input = Path.of(System.getProperty("voclake.quality.out", tmp.resolve("generated").toString()));
      com.voclake.sample.GenerateJob.run(spark, new com.voclake.sample.GeneratorOptions(
          Long.parseLong(source.substring("generate:".length())), 7, date, 42), input.toString());
    } else {
      input = Path.of(source);
    }
    VoclakeConfig base = TestConfigs.local(input, tmp.resolve("on"));
    VoclakeConfig on = base.withIdentity(base.identity().withMode("full"));
    VoclakeConfig off = base.withIdentity(base.identity().withMode("full").withoutGuardRails())
        .withPaths(input.toString(), tmp.resolve("off").toString());
    var truth = spark.read().json(input.resolve("truth").toString());
    StringBuilder report = new StringBuilder();
    for (var entry : List.of(Map.entry("guard rails on ", on), Map.entry("guard rails off", off))) {
      IdentityJob.run(spark, RunContext.start("identity", date, entry.getValue()));
      var journey = spark.read().format("delta").load(entry.getValue().paths().warehouse() + "/cdp/customer_journey");
      var identityRecords = spark.read().format("delta")
          .load(entry.getValue().paths().warehouse() + "/cdp/identity_records");
      report.append("IDENTITY QUALITY ").append(entry.getKey()).append('\n')
          .append("  all records:                     ").append(IdentityQuality.compute(journey, truth).summary())
          .append('\n')
          .append("  records with an identifier only: ").append(IdentityQuality.computeIdentified(journey, truth,
              identityRecords).summary()).append('\n');
      if (entry.getValue() == on) {
        // What no exact-match rule can beat: the ceiling the two recalls above are capped by.
        report.append("  exact-match ceiling, all records:                ")
            .append(ExactMatchCeiling.compute(identityRecords, truth, false).summary()).append('\n')
            .append("  exact-match ceiling, records with an identifier: ")
            .append(ExactMatchCeiling.compute(identityRecords, truth, true).summary()).append('\n');
      }
      // Where the misses are: records alone in the merge whose customer has other records.
      var j = journey.selectExpr("coalesce(event_id, interaction_id) as record_id", "one_id", "channel",
          "event_type").join(truth, "record_id");
      var singles = j.groupBy("one_id").count().where("count = 1").select("one_id");
      var multi = j.groupBy("customer_key").count().where("count > 1").select("customer_key");
      report.append("  missed single records by channel/type: ").append(j.join(singles, "one_id")
          .join(multi, "customer_key").groupBy("channel", "event_type").count().orderBy(
              org.apache.spark.sql.functions.desc("count")).limit(15).collectAsList()).append('\n');
    }
    System.out.print(report);
  }
}
