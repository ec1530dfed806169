package com.voclake.jobs;

import com.voclake.sample.GenerateJob;
import com.voclake.sample.GeneratorOptions;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** Arguments of the {@code generate} job, turned into generator options. */
final class Generate {
  private Generate() {}

  static void run(SparkSession spark, Invocation invocation) {
    CommandLine line = invocation.line();
    String out = line.value("out").orElseThrow(() -> new UsageException(
        "generate needs --out DIR: the folder to write touchpoints/, interactions/ and truth/ into"));
    LocalDate endDate = line.value("end-date").map(d -> Invocation.date("end-date", d))
        .orElse(LocalDate.now().minusDays(1));
    long seed;
    try {
      seed = Long.parseLong(line.value("seed").orElse("42"));
    } catch (NumberFormatException e) {
      throw new UsageException("Cannot use --seed " + line.value("seed").orElse("")
          + ": the value must be a whole number");
    }
    GeneratorOptions options;
    try {
      options = new GeneratorOptions(invocation.positiveLong("customers", 1000),
          Math.toIntExact(invocation.positiveLong("days", 7)), endDate, seed, !line.flag("no-incident"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("generate: " + e.getMessage());
    }
    GenerateJob.run(spark, options, out);
  }
}
