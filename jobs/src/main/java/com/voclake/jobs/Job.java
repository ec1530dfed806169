package com.voclake.jobs;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.HadoopFiles;
import com.voclake.io.InputReader;
import com.voclake.pipeline.JobRunner;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.Stage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The jobs of the CLI, their help and options, and which library stages each one runs. */
enum Job {
  DAILY("daily", "Run identity, enrich and publish for one date, in that order.",
      "The job Airflow schedules and the README runs. Idempotent: running it again for the same date\n"
          + "replaces that date's outputs."),
  IDENTITY("identity", "Merge customer identities into one profile per customer (OneID).",
      "Reads touchpoints and interactions landed up to --date, normalizes and links identifiers, and\n"
          + "writes cdp/identity_links, cdp/customer_profile and cdp/customer_journey (Delta)."),
  ENRICH("enrich", "Read the customers' Chinese texts of one date.",
      "Request category, sentiment, product-feature mentions, emotion trajectory and keywords of the\n"
          + "interactions landed on --date; writes voc/interactions_enriched (Delta, partition dt)."),
  PUBLISH("publish", "Publish the BI reports of one date as Parquet.",
      "Writes publish/request_map, publish/alerts and publish/product_preference, partition\n"
          + "dt=--date, each replaced as a whole. Needs identity and enrich to have run."),
  GENERATE("generate", "Write synthetic touchpoints and interactions for tests and benchmarks.",
      "Realistic, seeded sample data (JSON lines by landing date, with noise and bad records) plus\n"
          + "truth/ (record_id -> customer_key) for scoring identity merge.");

  private static final Logger LOG = LoggerFactory.getLogger(Job.class);

  static final List<CommandLine.Option> COMMON = List.of(
      new CommandLine.Option("config", "FILE", "configuration file (default: conf/local.conf)"),
      new CommandLine.Option("master", "URL", "Spark master, taken by the launcher (default: local[*])"),
      new CommandLine.Option("input", "DIR", "root holding touchpoints/ and interactions/ (default: the config's)"),
      new CommandLine.Option("warehouse", "DIR", "warehouse root (default: the config's)"),
      new CommandLine.Option("help", null, "print this help"));
  static final List<CommandLine.Option> DATED = List.of(
      new CommandLine.Option("date", "YYYY-MM-DD", "date to process (default: the newest landed date)"),
      new CommandLine.Option("fail-fast", null, "stop at the first bad record instead of quarantining it"));
  static final List<CommandLine.Option> GENERATOR = List.of(
      new CommandLine.Option("out", "DIR", "where to write touchpoints/, interactions/, truth/ (required)"),
      new CommandLine.Option("customers", "N", "number of customers (default: 1000)"),
      new CommandLine.Option("days", "D", "number of landing days (default: 7)"),
      new CommandLine.Option("end-date", "YYYY-MM-DD", "newest landing date (default: yesterday)"),
      new CommandLine.Option("seed", "S", "random seed; same seed, same data (default: 42)"),
      new CommandLine.Option("no-incident", null, "leave out the incident spike on the newest day"));

  private final String cliName;
  private final String summary;
  private final String description;

  Job(String cliName, String summary, String description) {
    this.cliName = cliName;
    this.summary = summary;
    this.description = description;
  }

  String cliName() {
    return cliName;
  }

  static Job named(String name) {
    return Arrays.stream(values()).filter(j -> j.cliName.equals(name)).findFirst()
        .orElseThrow(() -> new UsageException(String.format("Unknown job '%s'. Jobs: %s", name,
            Arrays.stream(values()).map(Job::cliName).collect(Collectors.joining(", ")))));
  }

  List<CommandLine.Option> options() {
    List<CommandLine.Option> options = new ArrayList<>(this == GENERATE ? GENERATOR : DATED);
    options.addAll(COMMON);
    return options;
  }

  String help() {
    StringBuilder out = new StringBuilder();
    out.append("Usage: voclake ").append(cliName).append(" [options]\n\n")
        .append(summary).append('\n').append(description).append("\n\nOptions:\n");
    for (CommandLine.Option option : options()) {
      out.append(String.format("  %-26s %s%n", option.usage(), option.help()));
    }
    return out.toString();
  }

  static String overview() {
    StringBuilder out = new StringBuilder("Usage: voclake <job> [options]\n\nJobs:\n");
    for (Job job : values()) {
      out.append(String.format("  %-10s %s%n", job.cliName, job.summary));
    }
    return out.append("\n'voclake <job> --help' lists a job's options.\n").toString();
  }

  void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    if (this == GENERATE) {
      Generate.run(spark, invocation);
      return;
    }
    LocalDate date = invocation.date().orElseGet(() -> newestLandedDate(spark, config));
    RunContext ctx = RunContext.start(cliName, date, config);
    JobRunner.run(spark, ctx, stages());
  }

  private Map<String, Stage> stages() {
    Map<String, Stage> stages = new LinkedHashMap<>();
    if (this == DAILY || this == IDENTITY) {
      stages.put("identity", com.voclake.identity.IdentityJob::run);
    }
    if (this == DAILY || this == ENRICH) {
      stages.put("enrich", com.voclake.text.EnrichJob::run);
    }
    if (this == DAILY || this == PUBLISH) {
      stages.put("publish", com.voclake.publish.PublishJob::run);
    }
    return stages;
  }

  /** The newest {@code dt=} folder of landed interactions or touchpoints: the default --date. */
  static LocalDate newestLandedDate(SparkSession spark, VoclakeConfig config) {
    List<String> dates = new ArrayList<>();
    for (InputReader.Source source : InputReader.Source.values()) {
      for (String dir : HadoopFiles.listDirectories(spark, config.paths().input() + "/" + source.folder())) {
        if (dir.startsWith("dt=")) {
          dates.add(dir.substring(3));
        }
      }
    }
    String newest = dates.stream().max(String::compareTo).orElseThrow(() -> new UsageException(
        "No --date given and no landed data under " + config.paths().input()
            + " (expected interactions/dt=YYYY-MM-DD/): pass --date or --input"));
    LOG.info("No --date given: using the newest landed date {}", newest);
    return Invocation.date("date", newest);
  }
}
