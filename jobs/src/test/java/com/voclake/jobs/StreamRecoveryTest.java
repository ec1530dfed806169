package com.voclake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.config.ConfigException;
import com.voclake.config.ConfigLoader;
import com.voclake.config.VoclakeConfig;
import com.voclake.increment.IncrementLogSchema;
import com.voclake.io.DeltaTables;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunContext;
import com.voclake.publish.AlertStateSchema;
import com.voclake.publish.LocalRobot;
import com.voclake.publish.PublishJob;
import com.voclake.stream.RequestWindows;
import com.voclake.stream.StopRequest;
import com.voclake.stream.StreamJob;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import com.voclake.testing.TestFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream on a landing directory (the sample's incident day, landed as two files per source,
 * one micro-batch each), two ways on the same data:
 *
 * <ol>
 *   <li>uninterrupted, in this JVM: alerts fire early, and the daily publish of the day that
 *       follows does not notify them again; a restart finds nothing new;
 *   <li>in a child JVM killed with SIGKILL in the middle of its second micro-batch, then started
 *       again until it has caught up, and stopped with SIGTERM (exit code 0);
 * </ol>
 * and the second warehouse ends with the rows of the first in every table (CDP, journey,
 * enriched, keyword frequencies, quarantine, windowed counts, alert state, the stream's events):
 * nothing lost, nothing counted twice.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class StreamRecoveryTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private static final int FILES = 2;
  /** How long a child may take to reach a point: minutes on a 2-core machine that other builds share. */
  private static final Duration PATIENCE = Duration.ofMinutes(10);
  private static final Pattern ALERT_MESSAGE = Pattern.compile(
      "\\[(\\w+)\\] (firing|escalated).*?alert ([0-9a-f]{12})", Pattern.DOTALL);
  private final SparkSession spark;
  private final Path root = TestConfigs.repoRoot();

  StreamRecoveryTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void aStreamKilledMidBatchAndRestartedEndsWithTheTablesOfAnUninterruptedOne(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws Exception {
    Path landing = landing(tmp.resolve("landing"));
    try (LocalRobot robot = new LocalRobot()) {
      Path conf = config(tmp.resolve("conf"), robot.url());
      Path calm = tmp.resolve("calm");
      VoclakeConfig config = ConfigLoader.load(conf.toString(), Map.of("voclake.paths.input", landing.toString(),
          "voclake.paths.warehouse", calm.toString()));

      StreamJob.Report report = StreamJob.run(spark, config, new StopRequest());
      assertThat(report.batches()).as("one micro-batch per landed file").isEqualTo(FILES);
      Map<String, WarehouseDigest.TableDigest> expected = digests(calm);
      earlyAlertsAreNotSentAgainByThePublish(config, robot);
      assertThat(StreamJob.run(spark, config, new StopRequest()).batches()).as("a restart finds nothing new")
          .isZero();
      assertThatThrownBy(() -> StreamJob.run(spark, config.withStream(config.stream().withKafkaBootstrap("b:9092")),
          new StopRequest())).isInstanceOf(ConfigException.class).hasMessageContaining("belongs to a stream whose source");

      Path killed = tmp.resolve("killed");
      Warehouse warehouse = new Warehouse(killed.toString());
      Process first = child(conf, landing, killed, "available-now", tmp.resolve("first.log"));
      awaitTrue("the second micro-batch is being computed", first, tmp.resolve("first.log"),
          () -> staging(killed, "-1-"));
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      assertThat(committed(warehouse, "stream-voc/identity", 0)).as("the first micro-batch committed").isTrue();
      assertThat(committed(warehouse, "stream-voc/enrich", 1)).as("killed before the second committed").isFalse();

      long requests = windowRequests(new Warehouse(calm.toString()).requestWindows());
      assertThat(requests).as("requests the uninterrupted run counted in windows").isPositive();
      Process again = child(conf, landing, killed, "2s", tmp.resolve("again.log"));
      awaitTrue("the restarted stream has caught up", again, tmp.resolve("again.log"),
          () -> committed(warehouse, "stream-voc/enrich", FILES - 1)
              && windowRequests(warehouse.requestWindows()) == requests);
      again.destroy(); // SIGTERM: the running micro-batch commits, then the job exits 0
      assertThat(again.waitFor(2, TimeUnit.MINUTES)).as("stopped after SIGTERM").isTrue();
      assertThat(again.exitValue()).as("exit code after SIGTERM; log: %s", tmp.resolve("again.log")).isZero();
      assertThat(Files.readString(tmp.resolve("again.log"))).contains("SIGTERM");

      assertThat(digests(killed)).as("killed and restarted, against uninterrupted").isEqualTo(expected);
    }
  }

  /** The publish of the day after the stream: the stream's firing notifications are not sent again. */
  private void earlyAlertsAreNotSentAgainByThePublish(VoclakeConfig config, LocalRobot robot) {
    Set<String> streamed = firedAlerts(robot.messages());
    assertThat(streamed).as("rules fired in the stream (the sample day's head-unit incident)").isNotEmpty();
    assertThat(spark.read().format("delta").load(config.paths().warehouse() + "/state/alerts")
        .where(col(AlertStateSchema.SOURCE).equalTo(AlertStateSchema.STREAM)).where(col(AlertStateSchema.RULE)
            .equalTo("head_unit_failure_surge")).count()).isEqualTo(1);
    int before = robot.messages().size();
    PublishJob.run(spark, RunContext.start("publish", DAY, config));
    Set<String> published = firedAlerts(robot.messages().subList(before, robot.messages().size()));
    assertThat(published).as("firing messages the publish sent").doesNotContainAnyElementsOf(streamed);
  }

  /** Severity and alert id (12 characters) of every firing or escalated message. */
  private static Set<String> firedAlerts(List<String> messages) {
    Set<String> out = new TreeSet<>();
    for (String message : messages) {
      Matcher m = ALERT_MESSAGE.matcher(message.replace("\\n", "\n"));
      while (m.find()) {
        out.add(m.group(1) + " " + m.group(3));
      }
    }
    return out;
  }

  /** The sample's newest day, each source cut into {@link #FILES} files landed one after the other. */
  private Path landing(Path landing) throws IOException {
    Instant landed = Instant.parse("2026-11-20T20:00:00Z");
    for (String source : List.of("touchpoints", "interactions")) {
      Path from = root.resolve("sample-data/" + source + "/dt=" + DAY);
      List<String> lines = new ArrayList<>();
      try (Stream<Path> files = Files.list(from)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
          lines.addAll(Files.readAllLines(f));
        }
      }
      Path to = Files.createDirectories(landing.resolve(source + "/dt=" + DAY));
      int per = (lines.size() + FILES - 1) / FILES;
      for (int i = 0; i < FILES; i++) {
        Path part = to.resolve("part-" + i + ".jsonl");
        Files.write(part, lines.subList(i * per, Math.min(lines.size(), (i + 1) * per)));
        // The file source takes files in the order they landed: make it this one.
        Files.setLastModifiedTime(part, FileTime.from(landed.plusSeconds(i)));
      }
    }
    return landing;
  }

  /** A copy of conf/ with a stream config: a file per batch, windows that count every test row. */
  private Path config(Path dir, String robotUrl) throws IOException {
    TestFiles.copyTree(root.resolve("conf"), dir);
    Path conf = dir.resolve("stream-test.conf");
    Files.writeString(conf, "voclake {\n  pii.allow-local-default-key = true\n"
        + "  stream { trigger = available-now, max-files-per-trigger = 1, window.watermark = 2d }\n"
        + "  publish { page = false, robots { wecom-url = \"" + robotUrl + "\", retries = 0,"
        + " max-messages-per-minute = 1000 } }\n}\n");
    return conf;
  }

  /** {@code voclake stream} in a JVM of its own, as spark-submit would run it in client mode. */
  private Process child(Path conf, Path landing, Path warehouse, String trigger, Path log) throws IOException {
    Path jar = root.resolve("jobs/target/voclake-jobs-app.jar");
    assertThat(jar).as("the application jar: build it first (./mvnw -DskipTests package)").exists();
    String flags = Files.readString(root.resolve("pom.xml"))
        .replaceAll("(?s).*<voclake.jvm.flags>(.*?)</voclake.jvm.flags>.*", "$1");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(flags.trim().split("\\s+")));
    command.addAll(List.of("-Xmx2g", "-Dspark.master=local[2]", "-Dspark.ui.enabled=false",
        "-Dspark.sql.shuffle.partitions=2", "-Dspark.default.parallelism=2", "-Dspark.sql.adaptive.enabled=false",
        "-Dspark.databricks.delta.snapshotPartitions=2", "-Dspark.driver.host=127.0.0.1",
        "-Dspark.driver.bindAddress=127.0.0.1",
        "-Dlog4j2.configurationFile=" + root.resolve("conf/log4j2.properties"),
        "-cp", jar + File.pathSeparator + root.resolve("jobs/target/spark-jars") + File.separator + "*",
        "com.voclake.jobs.Main", "stream", "--config", conf.toString(), "--input", landing.toString(),
        "--warehouse", warehouse.toString(), "--trigger", trigger));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return builder.start();
  }

  private static boolean staging(Path warehouse, String batch) {
    Path staging = warehouse.resolve("_staging");
    if (!Files.isDirectory(staging)) {
      return false;
    }
    try (Stream<Path> dirs = Files.list(staging)) {
      return dirs.anyMatch(d -> d.getFileName().toString().startsWith("stream-voc_") && d.getFileName().toString()
          .contains(batch));
    } catch (IOException e) {
      return false; // the writer removed it meanwhile
    }
  }

  private boolean committed(Warehouse warehouse, String app, long version) {
    return DeltaTables.exists(spark, warehouse.increments()) && spark.read().format("delta")
        .load(warehouse.increments()).where(col(IncrementLogSchema.APP).equalTo(app)
            .and(col(IncrementLogSchema.VERSION).equalTo(version))
            .and(col(IncrementLogSchema.EVENT).equalTo(IncrementLogSchema.COMMITTED))).count() == 1;
  }

  private long windowRequests(String table) {
    if (!DeltaTables.exists(spark, table)) {
      return -1;
    }
    Row sum = spark.read().format("delta").load(table).agg(org.apache.spark.sql.functions.sum(RequestWindows.REQUESTS))
        .first();
    return sum.isNullAt(0) ? 0 : sum.getLong(0);
  }

  /** Every table the stream writes; {@code _increments} holds staging folders and times of its own. */
  private Map<String, WarehouseDigest.TableDigest> digests(Path warehouse) throws IOException {
    Map<String, WarehouseDigest.TableDigest> out = new TreeMap<>(WarehouseDigest.of(spark, warehouse));
    out.remove("_increments");
    assertThat(out).containsKeys("cdp/customer_profile", "cdp/customer_journey", "voc/interactions_enriched",
        "stream/request_windows", "state/alerts", "quarantine/touchpoints", "_streams/voc/events");
    return out;
  }

  private static void awaitTrue(String what, Process process, Path log, BooleanSupplier condition) throws Exception {
    Instant until = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      assertThat(process.isAlive()).as("the child stopped before %s; its log: %s", what, log).isTrue();
      assertThat(Instant.now()).as("waiting until %s", what).isBefore(until);
      // Conditions that query Delta run Spark jobs here, taking CPU from the child: not too often.
      Thread.sleep(1000);
    }
  }
}
