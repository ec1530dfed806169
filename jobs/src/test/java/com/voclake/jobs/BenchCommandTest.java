package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench}'s command line, and a small identity bench end to end. */
@Tag("integration")
class BenchCommandTest extends CliTestBase {
  @Test
  void isRegisteredAndItsHelpNamesTheBenchmarksAndTheirOptions() {
    assertThat(run("--help")).isZero();
    assertThat(stdout()).contains("bench");
    assertThat(run("bench", "--help")).isZero();
    assertThat(stdout()).contains("Usage: voclake bench <text|identity|increment|alerts|stream>",
        "--docs N", "--texts FILE", "--text-col C", "--events N");
  }

  @Test
  void needsABenchmarkWordFirst() {
    assertThat(run("bench", "--docs", "10")).isEqualTo(2);
    assertThat(stderr()).contains("Job bench needs one of [text, identity, increment, alerts, stream] first");
  }

  @Test
  void streamBenchNeedsABrokerAndAnIntervalTrigger() {
    assertThat(run("bench", "stream", "--events", "1000")).isEqualTo(2);
    assertThat(stderr()).contains("bench stream needs --kafka-bootstrap HOST:PORT");
    assertThat(run("bench", "stream", "--events", "1000", "--kafka-bootstrap", "b:9092", "--trigger",
        "available-now")).isEqualTo(2);
    assertThat(stderr()).contains("not available-now");
    assertThat(BenchCommand.streamOptions(Invocation.parse(Commands.named("bench"), List.of("stream", "--events",
        "200000", "--kafka-bootstrap", "b:9092", "--minutes", "3", "--trigger", "10s")))).satisfies(o -> {
          assertThat(o.duration()).hasMinutes(3);
          assertThat(o.trigger()).hasSeconds(10);
          assertThat(o.rate()).as("the issue's target is the default load").isEqualTo(5000);
        });
  }

  @Test
  void parsesTheTextBenchmarksOptions() {
    Invocation invocation = Invocation.parse(Commands.named("bench"),
        List.of("text", "--docs", "1_000", "--texts", "reviews.csv"));
    assertThat(invocation.subcommand()).isEqualTo("text");
    assertThat(invocation.positiveLong("docs", 20_000)).isEqualTo(1_000);
    assertThat(invocation.line().value("texts")).hasValue("reviews.csv");
    assertThatThrownBy(() -> Invocation.parse(Commands.named("bench"), List.of("text", "--docs", "0"))
        .positiveLong("docs", 20_000)).isInstanceOf(UsageException.class).hasMessageContaining("--docs 0");
  }

  @Test
  void identityBenchPrintsATableAndEndsWithOneJsonLine(@TempDir Path tmp) throws Exception {
    VoclakeConfig config = TestConfigs.local(tmp.resolve("unused-in"), tmp.resolve("unused-wh"));
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Command bench = new BenchCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));
    bench.execute(SparkExtension.session(), config, Invocation.parse(bench,
        List.of("identity", "--events", "2000", "--days", "2", "--out", tmp.resolve("bench").toString())));

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
    assertThat(json.get("floor_parse_s").asDouble()).isPositive();
    assertThat(json.get("floor_write_s").asDouble()).isPositive();
    assertThat(json.get("floor_s").asDouble()).as("the floor adds up its parts: %s", json)
        .isCloseTo(json.get("floor_parse_s").asDouble() + json.get("ours_s").asDouble()
            + json.get("floor_write_s").asDouble(), within(0.02));
    assertThat(json.get("floor_s").asDouble()).as("the full stage parses and writes at least that: %s", json)
        .isLessThan(json.get("full_s").asDouble());
    assertThat(lines).anyMatch(l -> l.startsWith("(e) floor"));
    assertThat(SparkExtension.session().read().format("delta").load(tmp.resolve("bench/floor/customer_journey")
        .toString()).count()).as("the floor wrote the full run's journey again").isEqualTo(json.get("records").asLong());
  }
}
