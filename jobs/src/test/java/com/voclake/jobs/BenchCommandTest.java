package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench}'s command line, checked before any Spark starts. */
class BenchCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void isRegisteredAndItsHelpNamesTheTextBenchmarkAndItsOptions() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("bench");
    assertThat(run("bench", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: voclake bench <text>", "--docs N", "--input FILE", "--text-col C");
  }

  @Test
  void needsABenchmarkWordFirst() {
    assertThat(run("bench", "--docs", "10")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Job bench needs one of [text] first");
  }

  @Test
  void parsesTheTextBenchmarksOptions() {
    Invocation invocation = Invocation.parse(Commands.named("bench"),
        List.of("text", "--docs", "1_000", "--input", "reviews.csv"));
    assertThat(invocation.subcommand()).isEqualTo("text");
    assertThat(invocation.positiveLong("docs", 20_000)).isEqualTo(1_000);
    assertThat(invocation.line().value("input")).hasValue("reviews.csv");
    assertThatThrownBy(() -> Invocation.parse(Commands.named("bench"), List.of("text", "--docs", "0"))
        .positiveLong("docs", 20_000)).isInstanceOf(UsageException.class).hasMessageContaining("--docs 0");
  }
}
