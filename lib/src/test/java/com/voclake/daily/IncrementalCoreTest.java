package com.voclake.daily;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.VoclakeConfig;
import com.voclake.identity.IdentityJob;
import com.voclake.increment.BatchInput;
import com.voclake.increment.BatchScope;
import com.voclake.increment.IncrementId;
import com.voclake.io.DeltaTables;
import com.voclake.io.InputValidation;
import com.voclake.io.LandingReader;
import com.voclake.io.Source;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunContext;
import com.voclake.sample.GenerateJob;
import com.voclake.sample.GeneratorOptions;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import com.voclake.testing.TestFiles;
import com.voclake.text.EnrichJob;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The increment core end to end, through files and Delta: a day committed as ten small batches
 * (as a stream would) gives the same tables as one daily increment, and a batch committed again
 * changes nothing.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class IncrementalCoreTest {
  private static final LocalDate END = LocalDate.parse("2026-11-03");
  private static final List<String> TABLES = List.of("cdp/identity_records", "cdp/customer_journey",
      "cdp/identity_links", "cdp/customer_profile", "cdp/customer_voc", "voc/interactions_enriched",
      "voc/keyword_frequencies");
  private final SparkSession spark;

  IncrementalCoreTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void aDayInTenBatchesGivesTheSameTablesAsOneDailyIncrementAndAReplayChangesNothing(@TempDir Path tmp)
      throws IOException {
    Path in = tmp.resolve("in");
    GenerateJob.run(spark, new GeneratorOptions(100, 2, END, 11), in.toString());
    // The day before, built once; each side goes on from a copy of it.
    VoclakeConfig base = TestConfigs.local(in, tmp.resolve("base"));
    dailyRun(base, END.minusDays(1));
    VoclakeConfig daily = TestConfigs.local(in, tmp.resolve("daily"));
    VoclakeConfig batches = TestConfigs.local(in, tmp.resolve("batches"));
    TestFiles.copyTree(tmp.resolve("base"), tmp.resolve("daily"));
    TestFiles.copyTree(tmp.resolve("base"), tmp.resolve("batches"));
    dailyRun(daily, END);

    RunContext ctx = RunContext.start("stream", END, batches);
    Dataset<Row> touchpoints = numbered(LandingReader.lines(spark, in.toString(), Source.TOUCHPOINTS,
        END.toString(), END.toString()), "event_time");
    Dataset<Row> interactions = numbered(LandingReader.lines(spark, in.toString(), Source.INTERACTIONS,
        END.toString(), END.toString()), "start_time");
    Map<String, String> afterThird = null;
    for (int b = 1; b <= 10; b++) {
      commitBatch(ctx, batches, b, touchpoints.where(col("_batch").equalTo(b)).drop("_batch"),
          interactions.where(col("_batch").equalTo(b)).drop("_batch"));
      if (b == 3) {
        afterThird = digests(batches);
        Map<String, Long> versions = versions(batches);
        commitBatch(ctx, batches, b, touchpoints.where(col("_batch").equalTo(b)).drop("_batch"),
            interactions.where(col("_batch").equalTo(b)).drop("_batch"));
        assertThat(digests(batches)).as("batch 3 committed again: every table as after one commit")
            .isEqualTo(afterThird);
        assertThat(versions(batches)).as("and no table got a new version").isEqualTo(versions);
      }
    }

    for (String table : TABLES) {
      assertThat(rows(batches, table)).as("%s: ten batches against one daily increment", table)
          .isEqualTo(rows(daily, table));
    }
    assertThat(rows(batches, "quarantine/touchpoints")).isEqualTo(rows(daily, "quarantine/touchpoints"));
    assertThat(rows(batches, "quarantine/interactions")).isEqualTo(rows(daily, "quarantine/interactions"));
  }

  private void dailyRun(VoclakeConfig config, LocalDate day) {
    RunContext ctx = RunContext.start("daily", day, config);
    IdentityJob.Outcome identity = IdentityJob.runIncrement(spark, ctx);
    EnrichJob.run(spark, ctx, identity.input());
  }

  private void commitBatch(RunContext ctx, VoclakeConfig config, int b, Dataset<Row> touchpoints,
      Dataset<Row> interactions) {
    BatchInput input = BatchInput.of(BatchScope.records(END),
        InputValidation.validate(touchpoints, Source.TOUCHPOINTS, config.run()),
        InputValidation.validate(interactions, Source.INTERACTIONS, config.run()), false);
    IdentityJob.Outcome identity = IdentityJob.apply(spark, ctx, new IncrementId("stream-test/identity", b), input);
    EnrichJob.apply(spark, ctx, new IncrementId("stream-test/enrich", b), identity.input(), false);
  }

  /** The lines in ten batches by their event time, as a stream would bring them. */
  private static Dataset<Row> numbered(Dataset<Row> lines, String timeField) {
    Column time = functions.coalesce(functions.get_json_object(col(InputValidation.RAW), "$." + timeField),
        functions.lit(""));
    return lines.withColumn("_batch", functions.ntile(10).over(Window.orderBy(time, col(InputValidation.RAW))))
        .localCheckpoint();
  }

  /** A table's rows as sorted strings, without the columns that say when or by which run. */
  private List<String> rows(VoclakeConfig config, String table) {
    Dataset<Row> rows = spark.read().format("delta").load(config.paths().warehouse() + "/" + table)
        .drop("run_id", "quarantined_at");
    for (StructField f : rows.schema().fields()) {
      if (f.dataType() instanceof MapType) {
        rows = rows.withColumn(f.name(), functions.array_sort(functions.map_entries(col(f.name()))));
      }
    }
    return rows.select(functions.to_json(functions.struct(col("*")))).as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList().stream().sorted().toList();
  }

  private Map<String, String> digests(VoclakeConfig config) {
    Map<String, String> out = new TreeMap<>();
    for (String table : List.of("cdp/identity_records", "cdp/customer_journey", "cdp/identity_links",
        "cdp/customer_profile", "cdp/customer_voc", "cdp/merge_log", "voc/interactions_enriched",
        "voc/keyword_frequencies",
        "quarantine/touchpoints", "quarantine/interactions", "quarantine/identity")) {
      Dataset<Row> t = spark.read().format("delta").load(config.paths().warehouse() + "/" + table);
      List<String> all = t.select(functions.to_json(functions.struct(col("*"))))
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().stream().sorted().toList();
      out.put(table, sha(String.join("\n", all)));
    }
    return out;
  }

  private Map<String, Long> versions(VoclakeConfig config) {
    Map<String, Long> out = new TreeMap<>();
    Warehouse w = new Warehouse(config.paths().warehouse());
    for (String table : TABLES) {
      out.put(table, DeltaTables.version(spark, w.root() + "/" + table));
    }
    return out;
  }

  private static String sha(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
