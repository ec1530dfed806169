package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The train and evaluate command lines: help, and bad values that say what to fix. */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class TrainCommandTest {
  private static final Path LABELLED = TestConfigs.repoRoot().resolve("sample-data/labelled");
  private static final String TRAIN = LABELLED.resolve("requests_train.csv").toString();
  private static final String DEV = LABELLED.resolve("requests_dev.csv").toString();
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
    assertThat(run("train", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).as("--no-baseline is documented")
        .contains("--no-baseline", "skips the baseline");
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
    executing("train", "--task", "sentimnt", "--input", TRAIN, "--out", "/tmp/x")
        .hasMessageContaining("Cannot use --task sentimnt").hasMessageContaining("sentiment, aspect, category");
    executing("train", "--task", "sentiment", "--input", TRAIN, "--out", "/tmp/x", "--dev-fraction", "0.9")
        .hasMessageContaining("Cannot set the dev fraction to 0.9").hasMessageContaining("(0, 0.5]");
    executing("train", "--task", "sentiment", "--input", TRAIN, "--out", "/tmp/x", "--dev-fraction", "ten")
        .hasMessageContaining("Cannot use --dev-fraction ten");
    executing("train", "--task", "aspect", "--out", "/tmp/x").hasMessageContaining("Option --input is required");
    executing("train", "--task", "aspect", "--input", TRAIN + "," + DEV, "--out", "/tmp/x")
        .hasMessageContaining("the aspect task takes one input file");
    executing("train", "--task", "sentiment", "--input", TRAIN, "--out", "/tmp/x", "--features", "1000")
        .hasMessageContaining("must be a power of two");
    executing("evaluate", "--task", "sentiment", "--model", "/tmp/m", "--input", TRAIN, "--split", "test")
        .hasMessageContaining("Cannot use --split test").hasMessageContaining("dev (the model's held-out rows) or all");
  }

  private String lastStdoutLine() {
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    return lines.get(lines.size() - 1);
  }

  private static java.util.Map<String, Object> json(String line) throws java.io.IOException {
    return new ObjectMapper().readValue(line, new com.fasterxml.jackson.core.type.TypeReference<>() {});
  }

  private List<String> stderrLines() {
    return err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("WARNING: Using incubator")).toList();
  }

  /**
   * {@code voclake args...} on the tests' shared session (Main's own run would stop it), with
   * what the job prints on stdout kept in {@link #out}.
   */
  private int runOnSession(String... args) {
    Command command = Commands.named(args[0]);
    List<String> options = new java.util.ArrayList<>(List.of(args).subList(1, args.length));
    options.addAll(List.of("--config", localConfig()));
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      Invocation invocation = Invocation.parse(command, options);
      return Main.execute(command, SparkExtension.session(),
          com.voclake.config.ConfigLoader.load(localConfig(), java.util.Map.of()), invocation,
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
    }
  }

  /**
   * A small category model trained with a relative --out: the path printed, and recorded in
   * training.json, is absolute; evaluate finds the newest version under the same --out.
   */
  @Test
  void trainPrintsAnAbsoluteModelPathAndEvaluateTakesTheNewestVersionOfTheOutFolder() throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    Path outRoot = Files.createTempDirectory(cwd.resolve("target"), "train-cli-");
    String relativeOut = cwd.relativize(outRoot).toString();
    assertThat(runOnSession("train", "--task", "category", "--input", TRAIN, "--out", relativeOut,
        "--features", "4096", "--max-iter", "5", "--no-baseline")).as(err.toString(StandardCharsets.UTF_8)).isZero();
    java.util.Map<String, Object> metrics = json(lastStdoutLine());
    String model = (String) metrics.get("model");
    assertThat(model).as("the model path printed is absolute").startsWith(outRoot + "/category/v");
    assertThat(metrics).as("--no-baseline trains no baseline").doesNotContainKey("baseline");
    assertThat(Files.readString(Path.of(model, "metrics.json"))).doesNotContain(relativeOut + "/");
    Path older = outRoot.resolve("category/v20000101000000-00000000");
    Files.createDirectories(older);
    Files.copy(Path.of(model, "training.json"), older.resolve("training.json"));

    assertThat(runOnSession("evaluate", "--task", "category", "--model", relativeOut,
        "--input", DEV)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    java.util.Map<String, Object> evaluated = json(lastStdoutLine());
    assertThat(evaluated.get("model")).as("the newest version under --out").isEqualTo(model);
    assertThat(((Number) evaluated.get("accuracy")).doubleValue()).isGreaterThan(0.3);
  }

  /** A bad input or model folder is one line on stderr and exit code 2, not a stack trace. */
  @Test
  void badInputsAreOneLineAndExitCode2(@TempDir Path tmp) throws Exception {
    assertThat(runOnSession("train", "--task", "category", "--input", "no-such.csv", "--out",
        tmp.toString())).isEqualTo(2);
    assertThat(stderrLines()).singleElement().asString()
        .startsWith("voclake train: Cannot use --input no-such.csv: it does not exist");
    err.reset();
    assertThat(runOnSession("train", "--task", "category", "--input", TRAIN, "--text-col", "txt",
        "--out", tmp.toString())).isEqualTo(2);
    assertThat(stderrLines()).singleElement().asString()
        .contains("has no column 'txt'", "choose with --text-col");
    err.reset();
    Path text = tmp.resolve("labels.txt");
    Files.writeString(text, "not a table");
    assertThat(runOnSession("train", "--task", "category", "--input", text.toString(), "--out",
        tmp.toString())).isEqualTo(2);
    assertThat(stderrLines()).singleElement().asString().contains("Cannot read " + text, "use a .csv");
    err.reset();
    assertThat(runOnSession("evaluate", "--task", "category", "--model", tmp.toString(),
        "--input", DEV)).isEqualTo(2);
    assertThat(stderrLines()).singleElement().asString()
        .isEqualTo("voclake evaluate: " + tmp + " holds no category model version: train one with 'voclake train"
            + " --task category --out " + tmp + "', or give a v<time>-<fingerprint> folder");
  }
}
