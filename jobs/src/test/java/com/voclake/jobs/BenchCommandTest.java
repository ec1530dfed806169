package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.voclake.config.VoclakeConfig;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void benchNeedsToBeToldWhatToMeasure() {
    assertThat(run("bench", "--events", "10")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Job bench needs one of [identity] first");
    assertThat(run("bench", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: voclake bench <identity>", "--events N");
  }

  @Test
  void identityBenchPrintsATableAndEndsWithOneJsonLine(@TempDir Path tmp) throws Exception {
    VoclakeConfig config = TestConfigs.local(tmp.resolve("unused-in"), tmp.resolve("unused-wh"));
    Invocation invocation = Invocation.parse(Commands.named("bench"),
        List.of("identity", "--events", "2000", "--days", "2", "--out", tmp.resolve("bench").toString()));
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Commands.named("bench").execute(SparkExtension.session(), config, invocation);
    } finally {
      System.setOut(stdout);
    }
    stdout.print(printed.toString(StandardCharsets.UTF_8));
    List<String> lines = printed.toString(StandardCharsets.UTF_8).strip().lines().toList();
    assertThat(lines.get(0)).as("the table comes first").startsWith("Identity bench:");
    JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(json.fieldNames()).toIterable().contains("events", "ours_s", "graphx_s", "speedup", "full_s",
        "incremental_s", "path", "vertices", "edges", "components");
    assertThat(json.get("same_partition").asBoolean()).as("ours and GraphX agree: %s", json).isTrue();
    assertThat(json.get("events").asLong()).as("touchpoints read").isBetween(1_500L, 2_500L);
    assertThat(json.get("path").asText()).as("a 2,000-event graph fits one task").isEqualTo("single_task");
    assertThat(json.get("components").asLong()).isPositive().isLessThan(json.get("vertices").asLong());
    assertThat(json.get("ours_s").asDouble()).isPositive();
    assertThat(json.get("incremental_s").isNull()).as("no incremental mode on this branch").isTrue();
  }
}
