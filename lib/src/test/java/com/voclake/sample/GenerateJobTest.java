package com.voclake.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.VoclakeConfig;
import com.voclake.increment.BatchInput;
import com.voclake.increment.BatchScope;
import com.voclake.io.RejectReason;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(SparkExtension.class)
class GenerateJobTest {
  private static final LocalDate END = LocalDate.parse("2026-11-20");
  private static final Set<String> DEFECTS = Set.of(RejectReason.MALFORMED_JSON, RejectReason.MISSING_ID,
      RejectReason.INVALID_TIME, RejectReason.DUPLICATE_ID);
  private static final GeneratorOptions OPTIONS = new GeneratorOptions(30, 7, END, seedWithEveryDefect());

  private final SparkSession spark;

  GenerateJobTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void writesDatedJsonLinesThatValidationQuarantinesAsExpected(@TempDir Path tmp) throws IOException {
    Map<String, Map<String, Long>> expected = new TreeMap<>();
    List<String> expectedLines = new ArrayList<>();
    SampleGenerator generator = new SampleGenerator(OPTIONS);
    for (long i = 0; i < OPTIONS.customers(); i++) {
      for (GeneratedRecord rec : generator.forCustomer(i)) {
        expectedLines.add(rec.source() + " " + rec.jsonLine());
        if (rec.isBad()) {
          expected.computeIfAbsent(rec.source(), k -> new TreeMap<>()).merge(rec.defect(), 1L, Long::sum);
        }
      }
    }

    Path out = tmp.resolve("landing");
    Files.createDirectories(out.resolve("keep-me"));
    GenerateJob.Counts counts = GenerateJob.run(spark, OPTIONS, out.toString());

    assertThat(out.resolve("keep-me")).as("folders other than the sources are left alone").isDirectory();
    assertThat(folders(out.resolve("touchpoints"))).contains("dt=" + END).allMatch(n -> n.matches("dt=2026-11-(1[4-9]|20)"));
    assertThat(folders(out.resolve("interactions"))).contains("dt=" + END);
    List<String> written = linesOnDisk(out);
    assertThat(written).as("the job writes exactly the generator's lines").containsExactlyInAnyOrderElementsOf(expectedLines);
    try (Stream<Path> files = Files.walk(out)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
          .as("only .jsonl files, no checksums or _SUCCESS markers").allMatch(n -> n.endsWith(".jsonl"));
    }
    assertThat(counts.touchpoints() + counts.interactions() + counts.truth()).isEqualTo(expectedLines.size());
    assertThat(counts.badLines()).isEqualTo(expected.values().stream()
        .flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum());

    VoclakeConfig config = TestConfigs.local(out, tmp.resolve("wh"));
    BatchInput landed = BatchInput.landed(spark, config, BatchScope.everything(END));
    assertThat(landed.touchpoints().count().rejectsByReason()).as("touchpoint rejects")
        .isEqualTo(expected.getOrDefault(GeneratedRecord.TOUCHPOINTS, Map.of()));
    assertThat(landed.interactions().count().rejectsByReason()).as("interaction rejects")
        .isEqualTo(expected.getOrDefault(GeneratedRecord.INTERACTIONS, Map.of()));
    Dataset<Row> interactions = landed.interactions().good();
    assertThat(interactions.where("rating is not null").count())
        .as("ratings written as numbers or strings both read").isEqualTo(
            interactions.where("kind in ('review', 'survey')").count());

    Set<String> truthIds = new HashSet<>(spark.read().json(out.resolve("truth").toString())
        .select("record_id").as(Encoders.STRING()).collectAsList());
    List<String> goodIds = new ArrayList<>(landed.touchpoints().good().select("event_id").as(Encoders.STRING())
        .collectAsList());
    goodIds.addAll(interactions.select("interaction_id").as(Encoders.STRING()).collectAsList());
    assertThat(truthIds).containsAll(goodIds);

    // A rerun replaces the source folders: same lines, nothing doubled.
    GenerateJob.run(spark, OPTIONS, out.toString());
    assertThat(linesOnDisk(out)).containsExactlyInAnyOrderElementsOf(expectedLines);
  }

  /** 30 customers give only a handful of defects: take the first seed whose handful has every kind. */
  private static long seedWithEveryDefect() {
    for (long seed = 1; seed < 1000; seed++) {
      SampleGenerator g = new SampleGenerator(new GeneratorOptions(30, 7, END, seed));
      Set<String> kinds = new HashSet<>();
      for (long i = 0; i < 30; i++) {
        g.forCustomer(i).stream().filter(GeneratedRecord::isBad).forEach(rec -> kinds.add(rec.defect()));
      }
      if (kinds.equals(DEFECTS)) {
        return seed;
      }
    }
    throw new IllegalStateException("No seed below 1000 gives every defect kind in 30 customers");
  }

  private static List<String> folders(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).collect(Collectors.toList());
    }
  }

  private static List<String> linesOnDisk(Path out) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String source : List.of("touchpoints", "interactions", "truth")) {
      try (Stream<Path> files = Files.walk(out.resolve(source))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
          for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            lines.add(source + " " + line);
          }
        }
      }
    }
    return lines;
  }
}
