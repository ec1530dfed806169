package com.voclake.jobs;

import com.voclake.config.ConfigException;
import com.voclake.config.ConfigLoader;
import com.voclake.config.VoclakeConfig;
import com.voclake.pipeline.SparkSessions;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point of VOCLake: {@code voclake <job> [options]}. It parses arguments, loads the
 * configuration, builds the SparkSession and hands over to the job; nothing else.
 *
 * <p>Exit codes: 0 success, 1 the job failed, 2 bad command line or configuration.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    int code = run(Arrays.asList(args), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")
        || args.get(0).equals("help")) {
      out.print(Commands.overview());
      return args.isEmpty() ? 2 : 0;
    }
    Command job;
    Invocation invocation;
    try {
      job = Commands.named(args.get(0));
      List<String> options = args.subList(1, args.size());
      if (options.contains("--help") || options.contains("-h")) {
        out.print(Commands.help(job));
        return 0;
      }
      invocation = Invocation.parse(job, options);
    } catch (UsageException e) {
      err.println("voclake: " + e.getMessage());
      err.println("Run 'voclake --help' for the jobs, 'voclake <job> --help' for a job's options.");
      return 2;
    }

    VoclakeConfig config;
    try {
      config = ConfigLoader.load(invocation.configFile(), invocation.configOverrides());
      if (invocation.failFast()) {
        config = config.withRun(config.run().withFailFast(true));
      }
    } catch (ConfigException e) {
      err.println("voclake " + job.name() + ": " + e.getMessage());
      return 2;
    }
    ConfigLoader.describe(config).forEach((k, v) -> LOG.info("config {} = {}", k, v));

    SparkSession spark = SparkSessions.create("voclake " + job.name(), config);
    try {
      job.execute(spark, config, invocation);
      return 0;
    } catch (UsageException | ConfigException e) {
      err.println("voclake " + job.name() + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      LOG.error("voclake {} failed", job.name(), e);
      err.println("voclake " + job.name() + " failed: " + e.getMessage());
      return 1;
    } finally {
      try {
        SparkSessions.cleanUp(spark, config);
      } catch (RuntimeException e) {
        LOG.warn("Could not remove this run's checkpoints: {}", e.getMessage());
      }
      spark.stop();
    }
  }

  /** Overrides for the config file from the command line, by full config key. */
  static Map<String, String> overrides(Command command, CommandLine line) {
    Map<String, String> overrides = new java.util.LinkedHashMap<>();
    for (String name : List.of("input", "warehouse")) {
      boolean common = command.options().stream().noneMatch(o -> o.name().equals(name));
      line.value(name).filter(v -> common).ifPresent(v -> overrides.put("voclake.paths." + name, v));
    }
    return overrides;
  }
}
