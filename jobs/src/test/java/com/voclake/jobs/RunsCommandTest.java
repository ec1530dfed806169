package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.VoclakeConfig;
import com.voclake.pipeline.JobRunner;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.Stage;
import com.voclake.pipeline.StageResult;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code voclake runs}: the last runs of the warehouse as a table. */
@ExtendWith(SparkExtension.class)
class RunsCommandTest {
  @Test
  void printsTheLastRunsNewestFirst(SparkSession spark, @TempDir Path tmp) {
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    Stage identity = (s, ctx) -> new StageResult("identity", 7940, 7837, 103, 1.0, Map.of());
    RunContext first = RunContext.start("identity", LocalDate.parse("2026-11-19"), config);
    JobRunner.run(spark, first, Map.of("identity", identity));
    RunContext second = RunContext.start("daily", LocalDate.parse("2026-11-20"), config);
    JobRunner.run(spark, second, Map.of("identity", identity));

    assertThat(runs(spark, config)).startsWith("started").contains("identity 7940/7837/103")
        .containsSubsequence("run " + second.runId(), "run " + first.runId());
    assertThat(runs(spark, config, "--last", "1")).contains(second.runId()).doesNotContain(first.runId());
    assertThat(runs(spark, config, "--job", "identity")).contains(first.runId()).doesNotContain(second.runId());
  }

  @Test
  void anEmptyWarehouseHasNoRunsYet(SparkSession spark, @TempDir Path tmp) {
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    assertThat(runs(spark, config)).startsWith("No runs recorded in " + tmp.resolve("wh") + "/_runs yet.");
  }

  private static String runs(SparkSession spark, VoclakeConfig config, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunsCommand command = new RunsCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    command.execute(spark, config, Invocation.parse(command, List.of(args)));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
