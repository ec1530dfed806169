package com.voclake.jobs;

import com.voclake.InputException;
import com.voclake.config.ConfigException;
import com.voclake.config.ConfigLoader;
import com.voclake.config.ConfigPaths;
import com.voclake.config.VoclakeConfig;
import com.voclake.pipeline.SparkSessions;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
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
    // spark-submit hands the master over as a system property; SparkConf would read it the same way.
    int code = run(Arrays.asList(args), System.getProperty("spark.master"), System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** {@link #run(List, String, PrintStream, PrintStream)} with no master to check (tests build their own session). */
  static int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, null, out, err);
  }

  /**
   * Runs one job and returns its exit code. {@code master} is the Spark master spark-submit was
   * given (null when none was). Everything that can be wrong with the command line, the master or
   * the configuration is found before Spark starts.
   */
  static int run(List<String> args, String master, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")
        || args.get(0).equals("help")) {
      out.print(Commands.overview());
      return args.isEmpty() ? 2 : 0;
    }
    Command job;
    Invocation invocation;
    try {
      String badMaster = master == null ? null : MasterUrl.problem(master).orElse(null);
      if (badMaster != null) {
        throw new UsageException(badMaster);
      }
      job = Commands.named(args.get(0));
      List<String> options = args.subList(1, args.size());
      if (options.contains("--help") || options.contains("-h")) {
        out.print(Commands.help(job));
        return 0;
      }
      invocation = Invocation.parse(job, options);
    } catch (UsageException e) {
      // One line, like every exit code 2: the messages name what is allowed.
      err.println("voclake: " + e.getMessage());
      return 2;
    }
    VoclakeConfig config;
    try {
      config = checkedConfig(job, invocation);
    } catch (ConfigException e) {
      err.println("voclake " + job.name() + ": " + e.getMessage());
      return 2;
    }
    ConfigLoader.describe(config).forEach((k, v) -> LOG.info("config {} = {}", k, v));
    return execute(job, config, invocation, err);
  }

  /** The configuration, checked down to the files it names that {@code job} reads. */
  private static VoclakeConfig checkedConfig(Command job, Invocation invocation) {
    VoclakeConfig config = ConfigLoader.load(invocation.configFile(), invocation.configOverrides());
    if (invocation.failFast()) {
      config = config.withRun(config.run().withFailFast(true));
    }
    ConfigPaths.requireExisting(job.requiredPaths(config, invocation), ConfigPaths.hadoop(new SparkConf()),
        config.origin());
    return config;
  }

  private static int execute(Command job, VoclakeConfig config, Invocation invocation, PrintStream err) {
    SparkSession spark = SparkSessions.create("voclake " + job.name(), config);
    try {
      return execute(job, spark, config, invocation, err);
    } finally {
      try {
        SparkSessions.cleanUp(spark, config);
      } catch (RuntimeException e) {
        LOG.warn("Could not remove this run's checkpoints: {}", e.getMessage());
      }
      spark.stop();
    }
  }

  /** Runs {@code job} on {@code spark} and returns its exit code; a failure is reported on {@code err}. */
  static int execute(Command job, SparkSession spark, VoclakeConfig config, Invocation invocation, PrintStream err) {
    try {
      job.execute(spark, config, invocation);
      return 0;
    } catch (UsageException | ConfigException | InputException e) {
      // What the user gave is wrong (an option, a setting, an input file): one line to fix it.
      err.println("voclake " + job.name() + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      LOG.error("voclake {} failed", job.name(), e);
      err.println("voclake " + job.name() + " failed: " + e.getMessage());
      return 1;
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
