package com.voclake.jobs;

import com.voclake.sample.GenerateJob;
import com.voclake.sample.GeneratorOptions;
import com.voclake.config.VoclakeConfig;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@code generate}: synthetic, seeded landing data of any size, with ground truth. */
final class GenerateCommand implements Command {
  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "Write synthetic touchpoints and interactions for tests and benchmarks.";
  }

  @Override
  public String description() {
    return "Realistic, seeded sample data (JSON lines by landing date, with noise and bad records) plus\n"
        + "truth/ (record_id -> customer_key) for scoring identity merge.";
  }

  @Override
  public List<CommandLine.Option> options() {
    return List.of(
        new CommandLine.Option("out", "DIR", "where to write touchpoints/, interactions/, truth/ (required)"),
        new CommandLine.Option("customers", "N", "number of customers (default: 1000)"),
        new CommandLine.Option("days", "D", "number of landing days (default: 7)"),
        new CommandLine.Option("end-date", "YYYY-MM-DD", "newest landing date (default: yesterday)"),
        new CommandLine.Option("seed", "S", "random seed; same seed, same data (default: 42)"),
        new CommandLine.Option("no-incident", null, "leave out the incident spike on the newest day"));
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
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
