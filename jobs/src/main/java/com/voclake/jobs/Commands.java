package com.voclake.jobs;

import com.voclake.daily.DailyJob;
import com.voclake.publish.PublishJob;
import com.voclake.text.EnrichJob;
import static com.voclake.jobs.StageCommand.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Every job of the CLI, and the help built from them. */
final class Commands {
  static final List<CommandLine.Option> COMMON = List.of(
      new CommandLine.Option("config", "FILE", "configuration file (default: conf/local.conf)"),
      new CommandLine.Option("master", "URL", "Spark master, taken by the launcher (default: local[*])"),
      new CommandLine.Option("input", "DIR", "root holding touchpoints/ and interactions/ (default: the config's)"),
      new CommandLine.Option("warehouse", "DIR", "warehouse root (default: the config's)"),
      new CommandLine.Option("help", null, "print this help"));

  static final List<Command> ALL = List.of(
      StageCommand.perRun("daily", "Run identity, enrich and publish for one date, in that order.",
          "The job Airflow schedules and the README runs. Idempotent: running it again for the same date\n"
              + "replaces that date's outputs.",
          DailyJob::stages),
      new IdentityCommand(),
      StageCommand.of("enrich", "Read the customers' Chinese texts of one date.",
          "Request category, sentiment, product-feature mentions, emotion trajectory and keywords of the\n"
              + "interactions landed on --date; writes voc/interactions_enriched (Delta, partition dt).",
          stage("enrich", EnrichJob::run)),
      StageCommand.of("publish", "Publish the BI reports of one date as Parquet.",
          "Writes publish/request_map, publish/alerts and publish/product_preference, partition\n"
              + "dt=--date, each replaced as a whole. Needs identity and enrich to have run.",
          stage("publish", PublishJob::run)),
      new StreamCommand(),
      new GenerateCommand(),
      new ForgetCommand(),
      new MaintainCommand(),
      new RunsCommand(),
      new TrainCommand(),
      new EvaluateCommand(),
      new BenchCommand());

  private Commands() {}

  static Command named(String name) {
    return ALL.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new UsageException(String.format("Unknown job '%s'. Jobs: %s", name,
            ALL.stream().map(Command::name).collect(Collectors.joining(", ")))));
  }

  /** The job's own options followed by the common ones. */
  static List<CommandLine.Option> optionsOf(Command command) {
    List<CommandLine.Option> options = new ArrayList<>(command.options());
    // A job may give a common name its own meaning (train's --input is a labelled file).
    for (CommandLine.Option common : COMMON) {
      if (options.stream().noneMatch(o -> o.name().equals(common.name()))) {
        options.add(common);
      }
    }
    return options;
  }

  static String help(Command command) {
    String words = command.subcommands().isEmpty() ? ""
        : command.subcommandRequired() ? " <" + String.join("|", command.subcommands()) + ">"
        : " [" + String.join("|", command.subcommands()) + "]";
    StringBuilder out = new StringBuilder();
    out.append("Usage: voclake ").append(command.name()).append(words).append(" [options]\n\n")
        .append(command.summary()).append('\n').append(command.description()).append("\n\nOptions:\n");
    for (CommandLine.Option option : optionsOf(command)) {
      out.append(String.format("  %-26s %s%n", option.usage(), option.help()));
    }
    return out.toString();
  }

  /**
   * The launcher's and {@code voclake --help}'s list of jobs, built from {@link #ALL} so that a new
   * job is listed the moment it is registered (the launcher once kept a copy of its own that
   * missed new jobs).
   */
  static String overview() {
    StringBuilder out = new StringBuilder("Usage: jobs/bin/voclake <job> [options]\n\nJobs:\n");
    for (Command command : ALL) {
      out.append(String.format("  %-10s %s%n", command.name(), command.summary()));
      if (!command.subcommands().isEmpty()) {
        out.append(String.format("  %-10s %s %s%n", "", command.name(), String.join("|", command.subcommands())));
      }
    }
    out.append("\nOptions every job takes:\n");
    for (CommandLine.Option option : COMMON) {
      out.append(String.format("  %-26s %s%n", option.usage(), option.help()));
    }
    return out.append("  --date YYYY-MM-DD          the date a dated job processes (default: the newest landed date)\n")
        .append("\n'voclake <job> --help' lists a job's options.\n")
        .append("\nExit codes: 0 done; 1 the job failed; 2 bad command line, configuration or input (one line says\n")
        .append("what to fix).\n")
        .append("\nExamples:\n")
        .append("  jobs/bin/voclake daily --date 2026-11-19\n")
        .append("  jobs/bin/voclake stream --trigger available-now\n")
        .append("  jobs/bin/voclake generate --customers 100000 --days 30 --out /tmp/voc-big\n")
        .append("  jobs/bin/voclake train --task category --input sample-data/labelled/requests_train.csv"
            + " --out models\n")
        .append("  jobs/bin/voclake evaluate --task category --model models"
            + " --input sample-data/labelled/requests_dev.csv\n")
        .toString();
  }
}
