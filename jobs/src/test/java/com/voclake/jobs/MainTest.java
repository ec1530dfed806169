package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: help, and bad input that fails fast, before Spark starts. */
class MainTest extends CliTestBase {
  @Test
  void overviewListsEveryJob() {
    assertThat(run("--help")).isZero();
    assertThat(stdout()).contains("train      Train a sentiment, aspect or category model",
        "evaluate   Score a trained model");
    for (Command command : Commands.ALL) {
      assertThat(stdout()).as("the overview lists %s", command.name())
          .contains("  " + String.format("%-10s ", command.name()) + command.summary());
      command.subcommands().forEach(word -> assertThat(stdout()).as("and its word %s", word).contains(word));
    }
  }

  /** The launcher prints the CLI's own overview: a list of its own would miss the next new job. */
  @Test
  void launcherHelpIsTheCliOverview() throws Exception {
    String launcher = Files.readString(TestConfigs.repoRoot().resolve("jobs/bin/voclake"));
    assertThat(launcher).contains("\"$MAIN_CLASS\" \"$@\"");
    for (Command command : Commands.ALL) {
      assertThat(launcher).as("the launcher keeps no copy of %s's summary", command.name())
          .doesNotContain(command.summary());
    }
  }

  @Test
  void jobHelpListsItsOptionsWithoutStartingSpark() {
    assertThat(run("daily", "--help")).isZero();
    assertThat(stdout())
        .contains("Usage: voclake daily", "--date YYYY-MM-DD", "--config FILE", "--warehouse DIR", "--fail-fast");
    assertThat(run("generate", "--help")).isZero();
    assertThat(stdout()).contains("--customers N", "--seed S", "--out DIR");
  }

  @Test
  void unknownJobIsAUsageError() {
    assertThat(run("dialy")).isEqualTo(2);
    assertThat(stderr()).contains("Unknown job 'dialy'", "daily, identity, enrich, publish, stream, generate");
  }

  @Test
  void unknownOptionNamesTheOptionsThereAre() {
    assertThat(run("daily", "--dat", "2026-11-20")).isEqualTo(2);
    assertThat(stderr()).contains("Unknown option --dat for job daily", "--date");
  }

  @Test
  void badDateSaysWhatFormatToUse() {
    assertThat(run("enrich", "--date", "2026-13-01")).isEqualTo(2);
    assertThat(stderr()).contains("Cannot use --date 2026-13-01", "YYYY-MM-DD");
  }

  @Test
  void optionWithoutValueIsAUsageError() {
    assertThat(run("publish", "--warehouse")).isEqualTo(2);
    assertThat(stderr()).contains("Option --warehouse needs a value");
  }

  @Test
  void generatorCountsMustBePositive() {
    Invocation invocation = Invocation.parse(Commands.named("generate"), List.of("--out", "x", "--customers", "-5"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> invocation.positiveLong("customers", 1))
        .isInstanceOf(UsageException.class).hasMessageContaining("must be a positive whole number");
  }

  @Test
  void missingConfigFileFailsBeforeSparkStarts() {
    assertThat(run("daily", "--config", "/nonexistent/voclake.conf")).isEqualTo(2);
    assertThat(stderr()).contains("Config file /nonexistent/voclake.conf does not exist");
  }

  @Test
  void unknownConfigKeyIsRejectedWithTheKnownKeys(@TempDir Path tmp) throws Exception {
    Path conf = tmp.resolve("bad.conf");
    Files.writeString(conf, "voclake { paths { input = \"in\", warehouse = \"wh\", warehose = \"x\" } }");
    assertThat(run("daily", "--config", conf.toString())).isEqualTo(2);
    assertThat(stderr()).contains("Unknown config key [voclake.paths.warehose]", "voclake.paths.warehouse");
  }

  @Test
  void badConfigValueSaysHowToFixIt(@TempDir Path tmp) throws Exception {
    Path conf = tmp.resolve("bad.conf");
    Files.writeString(conf, "voclake { paths { input = \"in\", warehouse = \"wh\" }\n"
        + " pii.allow-local-default-key = true\n run.time-zone = \"Mars/Olympus\" }");
    assertThat(run("daily", "--config", conf.toString())).isEqualTo(2);
    assertThat(stderr()).contains("Cannot set run.time-zone to Mars/Olympus");
  }

  @Test
  void malformedMasterIsOneLineAndExitCode2() {
    assertThat(runWithMaster("local[abc]", "daily")).isEqualTo(2);
    assertThat(stderr().lines().toList()).as("one line that says which forms work")
        .containsExactly("voclake: Cannot use --master local[abc]: give one of " + MasterUrl.FORMS_HELP);
    assertThat(runWithMaster("bogus://", "daily", "--help")).as("even before help").isEqualTo(2);
  }

  @Test
  void missingInputFolderFailsBeforeSparkStartsAndWritesNothing(@TempDir Path tmp) {
    long start = System.nanoTime();
    assertThat(run("daily", "--config", TestConfigs.repoRoot().resolve("conf/local.conf").toString(),
        "--input", tmp.resolve("landing").toString(), "--warehouse", tmp.resolve("wh").toString())).isEqualTo(2);
    assertThat(stderr().lines().toList()).singleElement().asString()
        .startsWith("voclake daily: Folder " + tmp.resolve("landing") + " does not exist: pass --input");
    assertThat(tmp.resolve("wh")).doesNotExist();
    assertThat((System.nanoTime() - start) / 1e9).as("seconds: no Spark session was started").isLessThan(10);
  }

  @Test
  void missingTaxonomyAndLexiconsFailBeforeAnyStageWrites(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("landing/interactions"));
    Path conf = tmp.resolve("voclake.conf");
    // Relative file names resolve against the config's folder, where none of them is.
    Files.writeString(conf, "voclake { paths { input = \"landing\", warehouse = \"wh\" }\n"
        + " pii.allow-local-default-key = true }");
    assertThat(run("daily", "--config", conf.toString())).isEqualTo(2);
    assertThat(stderr().lines().toList()).singleElement().asString()
        .isEqualTo("voclake daily: File " + tmp.resolve("taxonomy.conf") + " does not exist: set"
            + " voclake.text.taxonomy in " + conf + " to an existing file (and 9 more like it)");
    assertThat(tmp.resolve("wh")).as("identity wrote nothing before enrich's files were found").doesNotExist();
  }

  @Test
  void runsNamesOnlyJobsThereAre() {
    assertThat(run("runs", "--job", "dialy")).isEqualTo(2);
    assertThat(stderr()).contains("Unknown job 'dialy'");
  }

  @Test
  void masterBelongsToSparkSubmit() {
    assertThat(run("daily", "--master", "local[2]")).isEqualTo(2);
    assertThat(stderr()).contains("--master goes to spark-submit");
  }
}
