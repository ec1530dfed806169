package com.voclake.jobs;

import com.voclake.config.ConfigPaths;
import com.voclake.config.IdentityConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.HadoopFiles;
import com.voclake.io.InputReader;
import com.voclake.pipeline.JobRunner;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.Stage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A dated batch job that runs one or more library stages for {@code --date}, in order. */
record StageCommand(String name, String summary, String description, Map<String, Stage> stages)
    implements Command {
  private static final Logger LOG = LoggerFactory.getLogger(StageCommand.class);

  static final List<CommandLine.Option> DATED = List.of(
      new CommandLine.Option("date", "YYYY-MM-DD", "date to process (default: the newest landed date)"),
      new CommandLine.Option("fail-fast", null, "stop at the first bad record instead of quarantining it"));

  static final CommandLine.Option FULL = new CommandLine.Option("full", null,
      "identity: rebuild from all landed input up to --date instead of the incremental day");

  StageCommand {
    stages = new LinkedHashMap<>(stages);
  }

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
    return new StageCommand(name, summary, description, byName);
  }

  @Override
  public List<CommandLine.Option> options() {
    if (!stages.containsKey("identity")) {
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
    if (stages.containsKey("identity") || stages.containsKey("enrich")) {
      paths.addAll(ConfigPaths.input(config));
    }
    if (stages.containsKey("enrich")) {
      paths.addAll(ConfigPaths.text(config));
    }
    if (stages.containsKey("publish")) {
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
    JobRunner.run(spark, RunContext.start(name, date, effective), stages);
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
