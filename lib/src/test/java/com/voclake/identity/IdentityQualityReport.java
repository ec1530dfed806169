package com.voclake.identity;

import com.voclake.config.VoclakeConfig;
import com.voclake.pipeline.RunContext;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints identity quality on a generated set with truth, with and without guard rails. Not part
 * of the suite; run it with
 * {@code mvn -q -B -pl lib test -Dtest=IdentityQualityReport -Dvoclake.quality.input=$PWD/sample-data
 * -Dvoclake.quality.date=2026-11-20}.
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
    Path input = Path.of(System.getProperty("voclake.quality.input"));
    LocalDate date = LocalDate.parse(System.getProperty("voclake.quality.date", "2026-11-20"));
    VoclakeConfig base = TestConfigs.local(input, tmp.resolve("on"));
    VoclakeConfig on = new VoclakeConfig(base.origin(), base.paths(), base.run(), base.pii(),
        base.identity().withMode("full"), base.text(), base.publish());
    VoclakeConfig off = new VoclakeConfig(base.origin(), base.paths(), base.run(), base.pii(),
        base.identity().withMode("full").withoutGuardRails(), base.text(), base.publish())
        .withPaths(input.toString(), tmp.resolve("off").toString());
    var truth = spark.read().json(input.resolve("truth").toString());
    StringBuilder report = new StringBuilder();
    for (var entry : java.util.Map.of("guard rails on ", on, "guard rails off", off).entrySet()) {
      IdentityJob.run(spark, RunContext.start("identity", date, entry.getValue()));
      var journey = spark.read().format("delta").load(entry.getValue().paths().warehouse() + "/cdp/customer_journey");
      report.append("IDENTITY QUALITY ").append(entry.getKey()).append(": ")
          .append(IdentityQuality.compute(journey, truth).summary()).append('\n');
    }
    System.out.print(report);
  }
}
