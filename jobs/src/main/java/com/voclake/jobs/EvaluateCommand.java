package com.voclake.jobs;

import com.voclake.config.VoclakeConfig;
import com.voclake.text.model.EvaluateJob;
import com.voclake.text.model.EvaluateOptions;
import com.voclake.text.model.ModelDirectory;
import com.voclake.text.model.Task;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@code evaluate}: scores a trained model version on a labelled file. */
final class EvaluateCommand implements Command {
  @Override
  public String name() {
    return "evaluate";
  }

  @Override
  public String summary() {
    return "Score a trained model on a labelled file; metrics as JSON.";
  }

  @Override
  public String description() {
    return "Cleans the input as train does and scores every row, or with --split dev only the rows the model held\n"
        + "out (same hash, fraction and seed). The last stdout line is one JSON object: accuracy, macro_f1,\n"
        + "per-class precision/recall/F1, and for aspects aspect_micro_f1 and aspect_sentiment_f1.\n"
        + "--model takes a version folder, or the --out folder given to train (or its <task>/ folder), where it\n"
        + "scores the newest version of --task.\n"
        + "Example: voclake evaluate --task category --model /tmp/models --input requests_dev.csv";
  }

  @Override
  public List<CommandLine.Option> options() {
    return List.of(
        new CommandLine.Option("task", "T", "sentiment | aspect | category (required; must match the model)"),
        new CommandLine.Option("model", "DIR",
            "a model version folder written by train, or train's --out folder: its newest --task version (required)"),
        new CommandLine.Option("input", "FILE", "labelled .csv (with a header), .jsonl or .parquet (required)"),
        new CommandLine.Option("text-col", "C", "text column (default: review; aspect: content; category: text)"),
        new CommandLine.Option("label-col", "L", "label column (default: label; aspect: subject)"),
        new CommandLine.Option("split", "dev|all", "score only the model's dev split, or every row (default: all)"));
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    CommandLine line = invocation.line();
    Task task = TrainCommand.task(line);
    String model = TrainCommand.required(line, "model", "the --out folder given to train, or one of its versions");
    String given = TrainCommand.required(line, "input", "the labelled file to score");
    if (given.contains(",")) {
      throw new UsageException("Cannot use --input " + given + ": evaluate scores one file; run it once per file");
    }
    String split = line.value("split").orElse("all");
    if (!split.equals("dev") && !split.equals("all")) {
      throw new UsageException("Cannot use --split " + split + ": use dev (the model's held-out rows) or all");
    }
    String input = TrainCommand.existing(spark, "input", List.of(given)).get(0);
    String version = ModelDirectory.resolve(spark, model, task);
    EvaluateOptions options;
    try {
      options = new EvaluateOptions(task, version, input, line.value("text-col").orElse(null),
          line.value("label-col").orElse(null), split.equals("dev"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("evaluate: " + e.getMessage());
    }
    System.out.println(ModelDirectory.toJson(EvaluateJob.run(spark, options)));
  }
}
