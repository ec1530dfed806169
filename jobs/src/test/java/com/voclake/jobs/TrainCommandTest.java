package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The train and evaluate command lines: help, and bad values that say what to fix. */
@Tag("integration")
class TrainCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static String localConfig() {
    java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
    while (dir != null && !dir.resolve("conf/local.conf").toFile().isFile()) {
      dir = dir.getParent();
    }
    return dir == null ? "conf/local.conf" : dir.resolve("conf/local.conf").toString();
  }

  @Test
  void helpListsTheOptions() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("train", "evaluate");
    assertThat(run("train", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: voclake train", "--task T",
        "--input FILE[,FILE...]", "--out DIR", "--dev-fraction F", "--seed S", "--text-col C", "--label-col L");
    assertThat(run("evaluate", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: voclake evaluate", "--model DIR",
        "--split dev|all");
  }

  /** Validation happens before any Spark work, so no session is needed (null). */
  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> executing(String... args) {
    Command command = Commands.named(args[0]);
    Invocation invocation = Invocation.parse(command, List.of(args).subList(1, args.length));
    com.voclake.config.VoclakeConfig config = com.voclake.config.ConfigLoader.load(localConfig(), java.util.Map.of());
    return org.assertj.core.api.Assertions.assertThatThrownBy(() -> command.execute(null, config, invocation))
        .isInstanceOf(UsageException.class);
  }

  @Test
  void badValuesAreUsageErrorsThatSayWhatToFix() {
    executing("train", "--task", "sentimnt", "--input", "a.csv", "--out", "/tmp/x")
        .hasMessageContaining("Cannot use --task sentimnt").hasMessageContaining("sentiment, aspect, category");
    executing("train", "--task", "sentiment", "--input", "a.csv", "--out", "/tmp/x", "--dev-fraction", "0.9")
        .hasMessageContaining("Cannot set the dev fraction to 0.9").hasMessageContaining("(0, 0.5]");
    executing("train", "--task", "sentiment", "--input", "a.csv", "--out", "/tmp/x", "--dev-fraction", "ten")
        .hasMessageContaining("Cannot use --dev-fraction ten");
    executing("train", "--task", "aspect", "--out", "/tmp/x").hasMessageContaining("Option --input is required");
    executing("train", "--task", "aspect", "--input", "a.csv,b.csv", "--out", "/tmp/x")
        .hasMessageContaining("the aspect task takes one input file");
    executing("train", "--task", "sentiment", "--input", "a.csv", "--out", "/tmp/x", "--features", "1000")
        .hasMessageContaining("must be a power of two");
    executing("evaluate", "--task", "sentiment", "--model", "/tmp/m", "--input", "a.csv", "--split", "test")
        .hasMessageContaining("Cannot use --split test").hasMessageContaining("dev (the model's held-out rows) or all");
  }
}
