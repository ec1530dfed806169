package com.voclake.jobs;

import com.voclake.config.VoclakeConfig;
import com.voclake.identity.bench.IdentityBench;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench <what>}: measurements that print figures, a table and, as the last line of
 * standard output, one JSON object for scripts. One subcommand word per bench.
 */
final class BenchCommand implements Command {
  static final String IDENTITY = "identity";

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "Measure a stage on generated data and print the figures (last line: JSON).";
  }

  @Override
  public String description() {
    return "bench identity: generates --events touchpoints (reused on a later run with the same options),\n"
        + "times our connected components against GraphX's on the same graph, and the whole identity stage.";
  }

  @Override
  public List<String> subcommands() {
    return List.of(IDENTITY);
  }

  @Override
  public List<CommandLine.Option> options() {
    return List.of(
        new CommandLine.Option("events", "N", "touchpoints to generate, about (required)"),
        new CommandLine.Option("out", "DIR", "folder for the generated input and the bench warehouse"
            + " (default: /tmp/voclake-bench)"),
        new CommandLine.Option("days", "D", "landing days (default: " + IdentityBench.DAYS
            + ", so the newest holds about 1 %)"),
        new CommandLine.Option("seed", "S", "generator seed (default: 42)"));
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    switch (invocation.subcommand()) {
      case IDENTITY -> identity(spark, config, invocation);
      default -> throw new UsageException("Unknown bench " + invocation.subcommand());
    }
  }

  private static void identity(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    if (invocation.line().value("events").isEmpty()) {
      throw new UsageException("bench identity needs --events N: how many touchpoints to generate");
    }
    IdentityBench.Options options = new IdentityBench.Options(
        invocation.positiveLong("events", 1),
        invocation.line().value("out").orElse("/tmp/voclake-bench"),
        invocation.positiveLong("seed", 42),
        Math.toIntExact(invocation.positiveLong("days", IdentityBench.DAYS)));
    IdentityBench.Report report = IdentityBench.run(spark, config, options);
    System.out.print(report.table());
    System.out.println(report.json());
    System.out.flush();
  }
}
