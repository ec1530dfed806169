package com.voclake.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunContext;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Erasure leaves no key of the customer behind in what it writes: not in the predicates of its
 * DELETE commits (which Delta writes into each table's log), and not in what stopped runs left
 * in the warehouse (staged changes, checkpoints).
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class ForgetLeavesNoTraceTest {
  private static final String DAY = "2026-11-18";
  private final SparkSession spark;

  ForgetLeavesNoTraceTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void theDeletesNameNoKeyAndLeftoversOfStoppedRunsAreRemoved(@TempDir Path tmp) throws IOException {
    Path in = tmp.resolve("in");
    Rows.writeLines(in.resolve("touchpoints/dt=" + DAY + "/part-0.jsonl"),
        WebLeads.line("a1", DAY, "09", "\"phone\":\"13800138001\",\"crm_id\":\"CRM1\""),
        WebLeads.line("b1", DAY, "10", "\"phone\":\"13800138002\""));
    Rows.writeLines(in.resolve("interactions/dt=" + DAY + "/part-0.jsonl"),
        "{\"interaction_id\":\"i1\",\"start_time\":\"" + DAY + "T15:00:00+08:00\",\"channel\":\"hotline\","
            + "\"kind\":\"call\",\"phone\":\"13800138001\",\"text\":\"车机又死机了\"}");
    VoclakeConfig config = TestConfigs.local(in, tmp.resolve("wh"));
    Warehouse warehouse = new Warehouse(config.paths().warehouse());
    IdentityJob.run(spark, RunContext.start("identity", LocalDate.parse(DAY), config));
    String oneId = spark.read().format("delta").load(warehouse.customerJourney())
        .where("event_id = 'a1'").first().getAs("one_id");
    List<String> hashes = spark.read().format("delta").load(warehouse.identityLinks())
        .where("one_id = '" + oneId + "'").select("id_hash").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    // What a run that was killed leaves: its checkpoints, and changes it staged but never claimed.
    Path checkpoint = Path.of(warehouse.root(), "_checkpoints", "app-killed", "rdd-1", "part-00000");
    Path staged = Path.of(warehouse.staging(), "daily_identity-1-deadbeef", "0-identity_records", "part-0.parquet");
    for (Path leftover : List.of(checkpoint, staged)) {
      Files.createDirectories(leftover.getParent());
      Files.writeString(leftover, oneId);
    }
    List<Path> logsBefore = commitFiles(Path.of(warehouse.root()));

    Forget.run(spark, RunContext.start("forget", LocalDate.parse(DAY), config),
        GivenIdentifier.of(config, "one_id", oneId), false);

    List<Path> written = commitFiles(Path.of(warehouse.root()));
    written.removeAll(logsBefore);
    assertThat(written).as("the erasure's own commits").isNotEmpty();
    for (Path commit : written) {
      String commitInfo = Files.readAllLines(commit, StandardCharsets.UTF_8).stream()
          .filter(line -> line.startsWith("{\"commitInfo\"")).findFirst().orElse("");
      assertThat(commitInfo).as("commit %s names no key of the customer", commit).doesNotContain(oneId);
      for (String hash : hashes) {
        assertThat(commitInfo).as("commit %s", commit).doesNotContain(hash);
      }
      assertThat(commitInfo).as("commit %s", commit).doesNotContain("'i1'").doesNotContain("'a1'");
    }
    assertThat(checkpoint.getParent().getParent()).as("a killed run's checkpoints").doesNotExist();
    assertThat(staged.getParent().getParent()).as("a killed run's staged changes").doesNotExist();
  }

  /** Every Delta commit file under {@code root}. */
  private static List<Path> commitFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return new ArrayList<>(walk.filter(p -> p.getParent().getFileName().toString().equals("_delta_log")
          && p.getFileName().toString().matches("\\d{20}\\.json")).toList());
    }
  }
}
