package com.voclake.text.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.voclake.VoclakeException;
import com.voclake.config.TextConfig;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of {@code bench text} on a tiny in-code CSV: the figures exist and make sense. */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class TextBenchTest {
  private final SparkSession spark;

  TextBenchTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void readsTheTextColumnAndCyclesItToTheRequestedCount(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("reviews.csv");
    Rows.writeLines(csv, "label,review", "1,\"车机很流畅，续航也扎实\"", "0,", "0,\"客服态度差, 等了一个月\"");
    assertThat(TextBench.readTexts(spark, csv.toString(), "review", 5)).as("blank texts left out, quoted commas kept")
        .containsExactly("车机很流畅，续航也扎实", "客服态度差, 等了一个月", "车机很流畅，续航也扎实",
            "客服态度差, 等了一个月", "车机很流畅，续航也扎实");
    assertThatThrownBy(() -> TextBench.readTexts(spark, csv.toString(), "text", 5))
        .isInstanceOf(VoclakeException.class).hasMessageContaining("has no column 'text'");
  }

  @Test
  void runGivesPositiveFiguresAndAJsonLine() throws Exception {
    TextConfig config = TestConfigs.local(Path.of("/nonexistent/in"), Path.of("/nonexistent/wh")).text();
    List<String> four = List.of("座椅加热不热，客服也不回复", "OTA升级以后车机卡顿", "续航很扎实，充电也快",
        "我的电话13812345678，尽快回电");
    List<String> texts = java.util.stream.IntStream.range(0, 40).mapToObj(i -> four.get(i % 4)).toList();
    TextBench.Result result = TextBench.run(spark, config, texts, 2);
    JsonNode json = new ObjectMapper().readTree(result.json());
    assertThat(json.get("docs").asLong()).isEqualTo(40);
    assertThat(json.get("chars").asLong()).isEqualTo(texts.stream().mapToInt(String::length).sum());
    for (String field : List.of("tokenizer_chars_per_s", "enrich_chars_per_s", "enrich_vs_2x_tokenizer",
        "threaded_tokenizer_vs_2x_tokenizer", "threaded_analysis_vs_2x_tokenizer")) {
      assertThat(json.get(field).asDouble()).as(field).isPositive();
    }
    assertThat(json.get("enrich_vs_2x_tokenizer").asDouble()).as("the ratio is enrich / (2 x tokenizer)")
        .isCloseTo(json.get("enrich_chars_per_s").asDouble() / (2 * json.get("tokenizer_chars_per_s").asDouble()),
            org.assertj.core.data.Offset.offset(0.01));
    assertThat(json.get("rounds").asInt()).isEqualTo(2);
    for (String field : List.of("enrich_rounds_s", "tokenizer_rounds_s", "threaded_tokenizer_rounds_s",
        "threaded_analysis_rounds_s")) {
      assertThat(json.get(field)).as("one figure per timed round: " + field).hasSize(2);
    }
    assertThat(result.enrichSeconds()).as("the median of two rounds is their mean")
        .isCloseTo((result.enrichRounds().get(0) + result.enrichRounds().get(1)) / 2,
            org.assertj.core.data.Offset.offset(1e-9));
    assertThat(result.table()).contains("HanLP tokenizer, 1 thread", "HanLP tokenizer, " + result.cores() + " threads",
        "analysis, " + result.cores() + " threads, no Spark", "enrich on Spark");
  }

  @Test
  void theFiguresAreTheMediansOfTheRounds() {
    TextBench.Result result = new TextBench.Result(10, 1_000, 2, List.of(3.0, 1.0, 2.0), List.of(9.0, 4.0, 5.0),
        List.of(1.5, 1.0, 1.25), List.of(2.0, 4.0, 3.0), List.of(6.0, 6.5, 5.5));
    assertThat(result.tokenizerSeconds()).isEqualTo(2.0);
    assertThat(result.enrichSeconds()).isEqualTo(5.0);
    assertThat(result.modelsVersusRules()).as("enrich 5 s without the models, 6 s with them").isEqualTo(5.0 / 6.0);
    assertThat(result.json()).contains("\"models_vs_rules\":0.833333");
    assertThat(result.enrichVersusTwoTokenizers()).isCloseTo((1_000 / 5.0) / (2 * 1_000 / 2.0),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(result.threadedTokenizerVersusTwoTokenizers()).isCloseTo((1_000 / 1.25) / (2 * 1_000 / 2.0),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThat(result.threadedAnalysisVersusTwoTokenizers()).isCloseTo((1_000 / 3.0) / (2 * 1_000 / 2.0),
        org.assertj.core.data.Offset.offset(1e-12));
    assertThatThrownBy(() -> TextBench.run(spark, TestConfigs.local(Path.of("/in"), Path.of("/wh")).text(),
        List.of("好"), 0)).hasMessageContaining("at least one timed round");
  }
}
