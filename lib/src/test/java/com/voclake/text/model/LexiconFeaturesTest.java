package com.voclake.text.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import com.voclake.text.HanLPRuntime;
import com.voclake.text.HanLPTokenizer;
import com.voclake.text.TextResources;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class LexiconFeaturesTest {
  private static TextResources resources;
  private final SparkSession spark;

  LexiconFeaturesTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  static void load() {
    Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "voclake-text-unused");
    resources = TextResources.load(null, TestConfigs.local(nowhere.resolve("in"), nowhere.resolve("wh")).text());
    HanLPRuntime.ensureDictionary(HanLPRuntime.fingerprint(resources.dictionary()), resources.dictionary());
  }

  private double[] features(String text) {
    LexiconFeatures stage = new LexiconFeatures().setLexicon(resources.sentiment(), resources.features());
    return LexiconFeatures.features(stage.scorer(), HanLPRuntime.tokenize(text));
  }

  @Test
  void negationDegreeAndFeatureContextDecideTheScore() {
    assertThat(features("动力很好")[0]).isPositive();
    assertThat(features("动力不好")[0]).isNegative();
    // The feature lexicon's context words: 高 is bad next to 油耗.
    assertThat(features("油耗太高了")[0]).isNegative();
    assertThat(features("外观漂亮，但是车机经常死机")[2]).isGreaterThan(0);
    assertThat(features("今天去提车")).containsExactly(0, 0, 0);
  }

  @Test
  void aSavedStageScoresAsTheOneItWasSavedFrom(@TempDir Path tmp) throws Exception {
    List<PipelineStage> stages = List.of(
        new HanLPTokenizer().setInputCol("text").setOutputCol("_t").setDictionary(resources.dictionary()),
        new LexiconFeatures().setInputCols("_t", "_t").setOutputCol("_lex")
            .setLexicon(resources.sentiment(), resources.features()));
    Dataset<Row> texts = spark.createDataset(List.of("油耗太高了", "空间很大，座椅舒服"), Encoders.STRING()).toDF("text");
    PipelineModel model = new Pipeline().setStages(stages.toArray(new PipelineStage[0])).fit(texts);
    model.write().save(tmp.resolve("m").toString());
    List<Row> rows = PipelineModel.load(tmp.resolve("m").toString()).transform(texts).select("_lex").collectAsList();
    Vector high = (Vector) rows.get(0).get(0);
    Vector roomy = (Vector) rows.get(1).get(0);
    assertThat(high.size()).isEqualTo(2 * LexiconFeatures.PER_COLUMN);
    assertThat(high.apply(0)).isNegative().isEqualTo(high.apply(3));
    assertThat(roomy.apply(0)).isPositive();
  }

  @Test
  void learnedTriggersAreWordsNotStrayCharactersOrNumbers() {
    Set<String> stop = Set.of("但是");
    assertThat(List.of("油耗", "cvt", "百公里", "2.0t")).allMatch(w -> TrainJob.isTriggerCandidate(w, stop));
    assertThat(List.of("对", "或", "t", "0", "700", "但是")).noneMatch(w -> TrainJob.isTriggerCandidate(w, stop));
  }
}
