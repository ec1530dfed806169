package com.voclake.jobs;

import com.voclake.config.ConfigPaths;
import com.voclake.config.VoclakeConfig;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * One job of the CLI: its name, help, options, and what it runs. A new job is a new
 * implementation registered in {@link Commands#ALL}.
 */
interface Command {
  String name();

  /** One line for the job list. */
  String summary();

  /** A few lines for the job's own help. */
  String description();

  /** The job's own options; {@link Commands} adds the common ones. */
  List<CommandLine.Option> options();

  /** Words the job accepts before its options ({@code bench text}); empty when none. */
  default List<String> subcommands() {
    return List.of();
  }

  /**
   * Whether one of {@link #subcommands()} must be given; when false, the job runs its default
   * action without a word ({@code identity} runs the stage, {@code identity explain} explains).
   */
  default boolean subcommandRequired() {
    return true;
  }

  /**
   * Checks the parsed options before Spark starts (which options go together); throws
   * {@link UsageException}. Nothing to check by default.
   */
  default void validate(Invocation invocation) {}

  /**
   * The files and folders of {@code config} this run reads; {@link Main} checks that they exist
   * before Spark starts, so a missing one fails with exit code 2 before anything is written.
   */
  default List<ConfigPaths.Named> requiredPaths(VoclakeConfig config, Invocation invocation) {
    return List.of();
  }

  void execute(SparkSession spark, VoclakeConfig config, Invocation invocation);
}
