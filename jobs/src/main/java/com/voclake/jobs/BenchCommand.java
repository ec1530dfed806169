package com.voclake.jobs;

import com.voclake.config.VoclakeConfig;
import com.voclake.text.bench.TextBench;
import java.io.PrintStream;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench <word>}: speed measurements that print figures, a small table and, as the last
 * line, one JSON object. Each word is one benchmark in {@code lib}.
 */
final class BenchCommand implements Command {
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
    return "Measure speed: 'bench text' times HanLP alone against the whole enrich analysis.";
  }

  @Override
  public String description() {
    return "text: on the same review texts, raw HanLP tokenizing on one thread (no Spark) and the enrich\n"
        + "analysis on the session's master (run with --master local[2] for the 2-core yardstick); prints\n"
        + "chars/s of both and enrich / (2 x tokenizer), the last line as JSON. Example:\n"
        + "  jobs/bin/voclake bench text --master 'local[2]' --docs 20000 \\\n"
        + "      --input ../shared/datasets/sentiment/online_shopping_10_cats.train.csv";
  }

  @Override
  public List<String> subcommands() {
    return List.of("text");
  }

  @Override
  public List<CommandLine.Option> options() {
    return List.of(
        new CommandLine.Option("docs", "N", "number of texts, the file's cycled as needed (default: 20000)"),
        new CommandLine.Option("input", "FILE", "text: CSV with a header holding review texts (required)"),
        new CommandLine.Option("text-col", "C", "text: column of the texts (default: review)"));
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    switch (invocation.subcommand()) {
      case "text" -> text(spark, config, invocation);
      default -> throw new UsageException("bench has no benchmark '" + invocation.subcommand() + "'");
    }
  }

  private void text(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    String input = invocation.line().value("input").orElseThrow(() -> new UsageException(
        "bench text needs --input FILE: a CSV of review texts, e.g."
            + " --input ../shared/datasets/sentiment/online_shopping_10_cats.train.csv"));
    int docs = Math.toIntExact(invocation.positiveLong("docs", 20_000));
    String column = invocation.line().value("text-col").orElse("review");
    TextBench.Result result = TextBench.run(spark, config.text(),
        TextBench.readTexts(spark, input, column, docs));
    out.print(result.table());
    out.println(result.json());
  }
}
