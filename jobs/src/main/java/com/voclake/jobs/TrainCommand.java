package com.voclake.jobs;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.HadoopFiles;
import com.voclake.text.TextResources;
import com.voclake.text.model.ModelDirectory;
import com.voclake.text.model.Task;
import com.voclake.text.model.TrainJob;
import com.voclake.text.model.TrainOptions;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@code train}: a sentiment, aspect or category model from a labelled file, with its dev metrics. */
final class TrainCommand implements Command {
  @Override
  public String name() {
    return "train";
  }

  @Override
  public String summary() {
    return "Train a sentiment, aspect or category model on labelled texts.";
  }

  @Override
  public String description() {
    return "Cleans the input (blank and duplicate texts; texts whose copies disagree are dropped), holds out a\n"
        + "dev split by a hash of the text (aspects: of content_id), trains on the rest, and writes\n"
        + "<out>/<task>/v<time>-<fingerprint>/ with model/, metrics.json and training.json. The dev metrics of the\n"
        + "model and of a character 1-3-gram TF-IDF + logistic regression baseline are the last stdout line\n"
        + "(--no-baseline skips the baseline: one model fewer to fit, and no baseline figures or ratios).\n"
        + "The model path printed and recorded is absolute. A missing or unreadable input, or a missing\n"
        + "column, is one line on stderr and exit code 2.\n"
        + "Example: voclake train --task sentiment --input a.csv,b.csv --out /tmp/models";
  }

  @Override
  public List<CommandLine.Option> options() {
    return List.of(
        new CommandLine.Option("task", "T", "sentiment | aspect | category (required)"),
        new CommandLine.Option("input", "FILE[,FILE...]",
            "labelled .csv (with a header), .jsonl or .parquet (required); aspect: one car-reviews file"),
        new CommandLine.Option("out", "DIR", "root of the model directories (required)"),
        new CommandLine.Option("text-col", "C", "text column (default: review; aspect: content; category: text)"),
        new CommandLine.Option("label-col", "L", "label column (default: label; aspect: subject)"),
        new CommandLine.Option("dev-fraction", "F", "share held out as the dev split, in (0, 0.5] (default: 0.1)"),
        new CommandLine.Option("seed", "S", "salt of the dev split's hash (default: 42)"),
        new CommandLine.Option("features", "N", "hashed feature space, a power of two (default: 2^19; aspect: 2^18; category: 2^16)"),
        new CommandLine.Option("max-iter", "N", "iterations of each logistic regression (default: 60)"),
        new CommandLine.Option("no-baseline", null,
            "do not train and score the baseline (faster; the metrics then have no baseline and no ratios)"),
        new CommandLine.Option("write-splits", null,
            "also write the train and dev splits as JSON lines into the model's splits/ (for tools/peer_baseline.py)"));
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    CommandLine line = invocation.line();
    Task task = task(line);
    // Absolute, as training.json records them and the printed model path shows them.
    List<String> inputs = existing(spark, "input", Arrays.stream(required(line, "input",
        "the labelled file(s), comma-separated").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    String out = ModelDirectory.absolute(spark, required(line, "out", "the folder to write model versions into"));
    double devFraction = TrainOptions.DEFAULT_DEV_FRACTION;
    if (line.value("dev-fraction").isPresent()) {
      String value = line.value("dev-fraction").get();
      try {
        devFraction = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new UsageException("Cannot use --dev-fraction " + value + ": give a number in (0, 0.5], e.g. 0.1");
      }
    }
    long seed = TrainOptions.DEFAULT_SEED;
    if (line.value("seed").isPresent()) {
      try {
        seed = Long.parseLong(line.value("seed").get());
      } catch (NumberFormatException e) {
        throw new UsageException("Cannot use --seed " + line.value("seed").get()
            + ": the value must be a whole number");
      }
    }
    TrainOptions options;
    try {
      options = new TrainOptions(task, inputs, out, line.value("text-col").orElse(null),
          line.value("label-col").orElse(null), devFraction, seed, TextResources.load(spark, config.text()),
          Math.toIntExact(invocation.positiveLong("features", 0)),
          Math.toIntExact(invocation.positiveLong("max-iter", 0)), !line.flag("no-baseline"),
          line.flag("write-splits"));
    } catch (IllegalArgumentException e) {
      throw new UsageException("train: " + e.getMessage());
    }
    TrainJob.Result result = TrainJob.run(spark, options);
    System.out.println(ModelDirectory.toJson(result.metrics()));
  }

  /**
   * {@code paths} (given with {@code --option}) as absolute paths; a usage error for the first that
   * does not exist.
   */
  static List<String> existing(SparkSession spark, String option, List<String> paths) {
    for (String path : paths) {
      if (!HadoopFiles.exists(spark, path)) {
        throw new UsageException(String.format("Cannot use --%s %s: it does not exist (a relative path is read"
            + " from %s)", option, path, System.getProperty("user.dir")));
      }
    }
    return paths.stream().map(path -> ModelDirectory.absolute(spark, path)).toList();
  }

  static Task task(CommandLine line) {
    String name = required(line, "task", "sentiment, aspect or category");
    try {
      return Task.of(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException("Cannot use --task " + name + ": " + e.getMessage());
    }
  }

  static String required(CommandLine line, String option, String what) {
    String value = line.value(option).orElseThrow(() -> new UsageException(
        String.format("Option --%s is required: %s", option, what)));
    if (value.isBlank()) {
      throw new UsageException(String.format("Option --%s must not be blank: %s", option, what));
    }
    return value;
  }
}
