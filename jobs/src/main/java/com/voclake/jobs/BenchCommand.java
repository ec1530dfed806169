package com.voclake.jobs;

import com.voclake.config.TextConfig;
import com.voclake.text.model.ModelDirectory;
import com.voclake.text.model.Task;
import com.voclake.text.model.TrainedModels;
import com.voclake.config.ConfigException;
import com.voclake.config.StreamConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.daily.IncrementBench;
import com.voclake.identity.bench.IdentityBench;
import com.voclake.publish.AlertRules;
import com.voclake.publish.bench.AlertQualityBench;
import com.voclake.stream.StreamBench;
import com.voclake.text.bench.TextBench;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench <word>}: speed measurements that print figures, a small table and, as the last
 * line of standard output, one JSON object for scripts. Each word is one benchmark in {@code lib}.
 */
final class BenchCommand implements Command {
  static final String TEXT = "text";
  static final String IDENTITY = "identity";
  static final String INCREMENT = "increment";
  static final String ALERTS = "alerts";
  static final String STREAM = "stream";

  private final PrintStream out;

  BenchCommand() {
    this(System.out);
  }

  BenchCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "bench";
  }

  @Override
  public String summary() {
    return "Measure speed ('bench text', 'bench identity', 'bench increment', 'bench stream') or alert quality"
        + " ('bench alerts');"
        + " the last line is JSON.";
  }

  @Override
  public String description() {
    return "text: on the same review texts, raw HanLP tokenizing on one thread (no Spark) and the enrich\n"
        + "  analysis on the session's master (run with --master local[2] for the 2-core yardstick); prints\n"
        + "  chars/s of both (medians of --rounds timed rounds, after one untimed) and\n"
        + "  enrich / (2 x tokenizer). Example:\n"
        + "    jobs/bin/voclake bench text --master 'local[2]' --docs 20000 \\\n"
        + "        --texts ../shared/datasets/sentiment/online_shopping_10_cats.train.csv\n"
        + "identity: generates --events touchpoints (reused by a later run with the same options), times\n"
        + "  our connected components against GraphX's on the same graph, and the whole identity stage.\n"
        + "increment: on the same generated input, a full identity rebuild, the newest day as one incremental\n"
        + "  identity increment, and small increments (--batch-touchpoints + --batch-interactions lines through\n"
        + "  validation, identity and enrich, committed; median of --rounds) and an empty one, with the Spark\n"
        + "  jobs and Delta commits of one increment.\n"
        + "stream: the stream job against a broker (--kafka-bootstrap) on a CDP of --events generated touchpoints:\n"
        + "  the newest day's lines produced at --rate records/s for --minutes, an angry call every 5 s; prints\n"
        + "  events/s after the first micro-batch, event -> alert latency (Kafka timestamps) of the calls, the\n"
        + "  median micro-batch's steps, heap and windows state at the start and the end. Example:\n"
        + "    jobs/bin/voclake bench stream --master 'local[2]' --events 200000 --minutes 3 \\\n"
        + "        --kafka-bootstrap localhost:9092\n"
        + "alerts: plants incidents (spikes, slow rises, sentiment collapses) into --weeks of generated history\n"
        + "  and scores the rules of publish.alerts against them: precision, recall and median delay, static\n"
        + "  and dynamic rules side by side. Example: jobs/bin/voclake bench alerts --master 'local[2]'";
  }

  @Override
  public List<String> subcommands() {
    return List.of(TEXT, IDENTITY, INCREMENT, ALERTS, STREAM);
  }

  @Override
  public List<CommandLine.Option> options() {
    return List.of(
        new CommandLine.Option("docs", "N", "text: number of texts, the file's cycled as needed (default: 20000)"),
        new CommandLine.Option("texts", "FILE", "text: CSV with a header holding review texts (required)"),
        new CommandLine.Option("text-col", "C", "text: column of the texts (default: review)"),
        new CommandLine.Option("models", "DIR", "text: also time enrich with the newest sentiment, aspect and"
            + " category models under DIR (train's --out), or with the config's text.models when not given"),
        new CommandLine.Option("rounds", "R", "text, increment: timed rounds after one untimed round; the"
            + " median counts (default: " + TextBench.ROUNDS + " for text, 3 for increment)"),
        new CommandLine.Option("events", "N", "identity, increment, stream: touchpoints to generate, about"
            + " (required)"),
        new CommandLine.Option("out", "DIR", "identity, increment, stream: folder for the generated input and the"
            + " bench warehouses (default: /tmp/voclake-bench)"),
        new CommandLine.Option("days", "D", "identity, increment, stream: landing days (default: "
            + IdentityBench.DAYS + ", so the newest holds about 1 %)"),
        new CommandLine.Option("seed", "S", "identity, increment, stream, alerts: generator seed (default: 42)"),
        new CommandLine.Option("batch-touchpoints", "N", "increment: touchpoints of one small increment"
            + " (default: 1000)"),
        new CommandLine.Option("batch-interactions", "N", "increment: interactions of one small increment"
            + " (default: 300)"),
        new CommandLine.Option("weeks", "W", "alerts: weeks of history, the last 3 with incidents, the 2 before"
            + " normal (default: 8)"),
        new CommandLine.Option("daily-volume", "N", "alerts: interactions on an ordinary day (default: 20000)"),
        new CommandLine.Option("kafka-bootstrap", "HOST:PORT", "stream: the broker to produce to and stream from"
            + " (required)"),
        new CommandLine.Option("rate", "N", "stream: records offered per second (default: 5000)"),
        new CommandLine.Option("minutes", "M", "stream: how long the load is offered (default: 5)"),
        new CommandLine.Option("trigger", "10s", "stream: the micro-batch interval (default: 10s)"));
  }

  @Override
  public void validate(Invocation invocation) {
    if (STREAM.equals(invocation.subcommand())) {
      streamOptions(invocation);
    }
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    switch (invocation.subcommand()) {
      case TEXT -> text(spark, config, invocation);
      case IDENTITY -> identity(spark, config, invocation);
      case INCREMENT -> increment(spark, config, invocation);
      case ALERTS -> alerts(spark, config, invocation);
      case STREAM -> stream(spark, config, invocation);
      default -> throw new UsageException("bench has no benchmark '" + invocation.subcommand() + "'");
    }
  }

  private void text(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    String texts = invocation.line().value("texts").orElseThrow(() -> new UsageException(
        "bench text needs --texts FILE: a CSV of review texts, e.g."
            + " --texts ../shared/datasets/sentiment/online_shopping_10_cats.train.csv"));
    int docs = Math.toIntExact(invocation.positiveLong("docs", 20_000));
    String column = invocation.line().value("text-col").orElse("review");
    int rounds = Math.toIntExact(invocation.positiveLong("rounds", TextBench.ROUNDS));
    TextConfig.Models models = invocation.line().value("models")
        .map(dir -> new TextConfig.Models(newestModel(spark, dir, Task.SENTIMENT),
            newestModel(spark, dir, Task.ASPECT), newestModel(spark, dir, Task.CATEGORY)))
        .orElse(config.text().models());
    TextBench.Result result = TextBench.run(spark, config.text(),
        TextBench.readTexts(spark, texts, column, docs), rounds, TrainedModels.load(spark, models));
    out.print(result.table());
    out.println(result.json());
  }

  /** The newest version of {@code task} under train's {@code --out} folder {@code dir}, if it has one. */
  private static java.util.Optional<String> newestModel(SparkSession spark, String dir, Task task) {
    try {
      return java.util.Optional.of(ModelDirectory.resolve(spark, dir.replaceAll("/+$", "") + "/" + task.id(), task));
    } catch (com.voclake.InputException e) {
      return java.util.Optional.empty();
    }
  }

  private void increment(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    if (invocation.line().value("events").isEmpty()) {
      throw new UsageException("bench increment needs --events N: how many touchpoints to generate");
    }
    IncrementBench.Report report = IncrementBench.run(spark, config, new IncrementBench.Options(
        invocation.positiveLong("events", 1),
        invocation.line().value("out").orElse("/tmp/voclake-bench"),
        invocation.positiveLong("seed", 42),
        Math.toIntExact(invocation.positiveLong("days", IdentityBench.DAYS)),
        Math.toIntExact(invocation.positiveLong("batch-touchpoints", 1000)),
        Math.toIntExact(invocation.positiveLong("batch-interactions", 300)),
        Math.toIntExact(invocation.positiveLong("rounds", 3))));
    out.print(report.table());
    out.println(report.json());
    out.flush();
  }

  private void stream(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    StreamBench.Options options = streamOptions(invocation);
    StreamBench.Report report = StreamBench.run(spark, config, options, out);
    out.print(report.table());
    out.println(report.json());
    out.flush();
  }

  /** {@code bench stream}'s options, checked before anything starts. */
  static StreamBench.Options streamOptions(Invocation invocation) {
    if (invocation.line().value("events").isEmpty()) {
      throw new UsageException("bench stream needs --events N: how many touchpoints the CDP is built from");
    }
    String bootstrap = invocation.line().value("kafka-bootstrap").orElseThrow(() -> new UsageException(
        "bench stream needs --kafka-bootstrap HOST:PORT: a broker it may create topics on (docs/benchmarks.md"
            + " shows how to start one locally)"));
    StreamConfig.Trigger trigger;
    try {
      trigger = StreamConfig.Trigger.parse(invocation.line().value("trigger").orElse("10s"));
    } catch (ConfigException e) {
      throw new UsageException("--trigger: " + e.getMessage());
    }
    if (trigger.availableNow()) {
      throw new UsageException("bench stream needs an interval --trigger such as 10s, not available-now");
    }
    return new StreamBench.Options(invocation.positiveLong("events", 1),
        invocation.line().value("out").orElse("/tmp/voclake-bench"), invocation.positiveLong("seed", 42),
        Math.toIntExact(invocation.positiveLong("days", IdentityBench.DAYS)), bootstrap,
        invocation.positiveLong("rate", 5000), Duration.ofMinutes(invocation.positiveLong("minutes", 5)),
        trigger.interval(), Duration.ofSeconds(5));
  }

  private void identity(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    if (invocation.line().value("events").isEmpty()) {
      throw new UsageException("bench identity needs --events N: how many touchpoints to generate");
    }
    IdentityBench.Options options = new IdentityBench.Options(
        invocation.positiveLong("events", 1),
        invocation.line().value("out").orElse("/tmp/voclake-bench"),
        invocation.positiveLong("seed", 42),
        Math.toIntExact(invocation.positiveLong("days", IdentityBench.DAYS)));
    IdentityBench.Report report = IdentityBench.run(spark, config, options);
    out.print(report.table());
    out.println(report.json());
    out.flush();
  }

  private void alerts(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    AlertQualityBench.Options options;
    try {
      options = new AlertQualityBench.Options(LocalDate.parse("2026-11-29"),
          Math.toIntExact(invocation.positiveLong("weeks", 8)), 2, 3, invocation.positiveLong("daily-volume", 20_000),
          invocation.positiveLong("seed", 42));
    } catch (IllegalArgumentException e) {
      throw new UsageException("bench alerts: " + e.getMessage());
    }
    AlertQualityBench.Report report = AlertQualityBench.run(spark, options,
        AlertRules.load(spark, config.publish().alerts()), ZoneId.of(config.run().timeZone()));
    out.print(report.table());
    out.println(report.json());
    out.flush();
  }
}
