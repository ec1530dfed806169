package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** forget and identity explain: which options go together, checked before Spark starts. */
class PrivacyCommandLineTest extends CliTestBase {
  @Test
  void forgetNeedsExactlyOneIdentifier() {
    assertThat(run("forget")).isEqualTo(2);
    assertThat(stderr()).contains("forget needs exactly one of --phone P, --email E, --one-id X");
    assertThat(run("forget", "--phone", "13800138000", "--email", "a@b.cn")).isEqualTo(2);
    assertThat(stderr()).contains("forget takes exactly one of --phone, --email, --one-id; got --phone and --email");
    assertThat(run("forget", "--one-id", "C1", "--phone", "13800138000", "--dry-run")).isEqualTo(2);
    assertThat(run("forget", "--phone=", "--dry-run")).isEqualTo(2);
    assertThat(stderr()).contains("Option --phone needs a value");
  }

  @Test
  void forgetErrorsNeverEchoTheIdentifier() {
    assertThat(run("forget", "--phone", "13800138000", "--email", "wang@163.com")).isEqualTo(2);
    assertThat(stderr()).doesNotContain("13800138000", "wang@163.com");
  }

  @Test
  void identityRunsTheStageWithoutAWordAndExplainsWithOne() {
    Command identity = Commands.named("identity");
    Invocation stage = Invocation.parse(identity, List.of("--date", "2026-11-20"));
    assertThat(stage.subcommand()).isNull();
    assertThat(stage.date()).isPresent();
    Invocation explain = Invocation.parse(identity, List.of("explain", "--one-id", "C0123"));
    assertThat(explain.subcommand()).isEqualTo("explain");
    assertThat(explain.line().value("one-id")).contains("C0123");
  }

  @Test
  void explainNeedsExactlyOneIdentifierAndNoDate() {
    assertThat(run("identity", "explain")).isEqualTo(2);
    assertThat(stderr()).contains("identity explain needs exactly one of --phone P, --email E, --one-id X");
    assertThat(run("identity", "explain", "--one-id", "C1", "--email", "a@b.cn")).isEqualTo(2);
    assertThat(run("identity", "explain", "--one-id", "C1", "--date", "2026-11-20")).isEqualTo(2);
    assertThat(stderr()).contains("identity explain takes no --date");
  }

  @Test
  void identifierOptionsBelongToExplain() {
    assertThat(run("identity", "--one-id", "C1")).isEqualTo(2);
    assertThat(stderr()).contains("--one-id belongs to 'identity explain'");
  }

  @Test
  void anUnknownWordNamesTheWordsThereAre() {
    assertThat(run("identity", "explian", "--one-id", "C1")).isEqualTo(2);
    assertThat(stderr()).contains("Unknown word 'explian' for job identity: expected one of [explain]");
  }

  @Test
  void helpShowsTheOptionalWordAndTheNewJob() {
    assertThat(run("identity", "--help")).isZero();
    assertThat(stdout()).contains("Usage: voclake identity [explain] [options]",
        "--one-id X", "--date YYYY-MM-DD");
    assertThat(run("--help")).isZero();
    assertThat(stdout()).contains("forget", "PIPL");
  }

  @Test
  void aRequiredWordIsStillRequired() {
    Command needsWord = new Command() {
      public String name() {
        return "bench";
      }

      public String summary() {
        return "";
      }

      public String description() {
        return "";
      }

      public List<CommandLine.Option> options() {
        return List.of();
      }

      @Override
      public List<String> subcommands() {
        return List.of("identity", "text");
      }

      public void execute(org.apache.spark.sql.SparkSession spark, com.voclake.config.VoclakeConfig config,
          Invocation invocation) {}
    };
    assertThatThrownBy(() -> Invocation.parse(needsWord, List.of()))
        .isInstanceOf(UsageException.class).hasMessageContaining("Job bench needs one of [identity, text] first");
    assertThat(Invocation.parse(needsWord, List.of("text")).subcommand()).isEqualTo("text");
  }
}
