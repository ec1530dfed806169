package com.voclake.jobs;

import com.voclake.config.ConfigPaths;
import com.voclake.config.IdentityConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.HadoopFiles;
import com.voclake.io.Source;
import com.voclake.pipeline.JobRunner;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.Stage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A dated batch job that runs one or more library stages for {@code --date}, in order. */
record StageCommand(String name, String summary, String description, Supplier<Map<String, Stage>> stages)
    implements Command {
  private static final Logger LOG = LoggerFactory.getLogger(StageCommand.class);

  static final List<CommandLine.Option> DATED = List.of(
      new CommandLine.Option("date", "YYYY-MM-DD", "date to process (default: the newest landed date)"),
      new CommandLine.Option("fail-fast", null, "stop at the first bad record instead of quarantining it"));

  static final CommandLine.Option FULL = new CommandLine.Option("full", null,
      "identity: rebuild from all landed input up to --date instead of the incremental day");

  /** A stage and the name it has in logs and {@code _runs}. */
  record Named(String name, Stage stage) {}

  static Named stage(String name, Stage stage) {
    return new Named(name, stage);
  }

  static StageCommand of(String name, String summary, String description, Named... stages) {
    Map<String, Stage> byName = new LinkedHashMap<>();
    for (Named stage : stages) {
      byName.put(stage.name(), stage.stage());
    }
    return new StageCommand(name, summary, description, () -> byName);
  }

  /** A job whose stages share state within one run (daily's input): built anew for each run. */
  static StageCommand perRun(String name, String summary, String description, Supplier<Map<String, Stage>> stages) {
    return new StageCommand(name, summary, description, stages);
  }

  @Override
  public List<CommandLine.Option> options() {
    if (!stages.get().containsKey("identity")) {
      return DATED;
    }
    List<CommandLine.Option> options = new ArrayList<>(DATED);
    options.add(FULL);
    return options;
  }

  /** The input root for the stages that read the landing zone, and the files each stage reads. */
  @Override
  public List<ConfigPaths.Named> requiredPaths(VoclakeConfig config, Invocation invocation) {
    List<ConfigPaths.Named> paths = new ArrayList<>();
    Map<String, Stage> named = stages.get();
    if (named.containsKey("identity") || named.containsKey("enrich")) {
      paths.addAll(ConfigPaths.input(config));
    }
    if (named.containsKey("enrich")) {
      paths.addAll(ConfigPaths.text(config));
    }
    if (named.containsKey("publish")) {
      paths.addAll(ConfigPaths.publish(config));
    }
    return paths;
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    LocalDate date = invocation.date().orElseGet(() -> newestLandedDate(spark, config));
    VoclakeConfig effective = invocation.line().flag(FULL.name())
        ? config.withIdentity(config.identity().withMode(IdentityConfig.FULL))
        : config;
    JobRunner.run(spark, RunContext.start(name, date, effective), stages.get());
  }

  /** The newest {@code dt=} folder of landed interactions or touchpoints: the default --date. */
  static LocalDate newestLandedDate(SparkSession spark, VoclakeConfig config) {
    List<String> dates = new ArrayList<>();
    for (Source source : Source.values()) {
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
