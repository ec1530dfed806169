package com.voclake.text;

import static com.voclake.testing.Rows.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class AspectsAndEmotionTest {
  private final SparkSession spark;

  AspectsAndEmotionTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void oneTextCanPraiseOneFeatureAndBlameAnother() {
    TextResources r = TextFixtures.resources();
    Dataset<Row> analysed = TextAnalysis.analyse(TextFixtures.texts(spark,
        "a1", "动力很足，但是油耗太高",
        "a2", "续航很扎实，充电也方便。续航比宣传的还长！",
        "a3", "我想问下保养的事"), r, LexiconSentimentScorer.of(r));

    Dataset<Row> aspects = AspectExtractor.extract(analysed, r.features(), 0.2);

    assertThat(Rows.of(aspects.selectExpr("interaction_id", "inline(aspects)"),
        "interaction_id", "feature", "polarity", "snippet"))
        .as("one aspect per feature; polarity of its clauses; strongest clause as snippet")
        .containsExactlyInAnyOrder(
            row("a1", "动力", "pos", "动力很足"),
            row("a1", "油耗", "neg", "但是油耗太高"),
            row("a2", "续航", "pos", "续航很扎实"),
            row("a2", "充电", "pos", "充电也方便"));
    assertThat(Rows.of(aspects.where("interaction_id = 'a1'"), "transform(aspects, a -> a.feature)"))
        .as("ordered as the feature lexicon lists them")
        .containsExactly(row(scala.jdk.javaapi.CollectionConverters.asScala(List.of("动力", "油耗")).toSeq()));
  }

  @Test
  void aWorseningCallEscalatesAndACalmOneDoesNot() {
    TextResources r = TextFixtures.resources();
    Dataset<Row> calls = spark.createDataFrame(List.of(
        TextFixtures.call("worse",
            "agent", "您好，请问有什么可以帮您",
            "customer", "你好，车机用着挺流畅的，就是想问下导航怎么设置",
            "agent", "您可以在设置里打开",
            "customer", "设置了没反应，车机又死机了",
            "customer", "你们这个车机太垃圾了，一直死机，售后还踢皮球，我要投诉"),
        TextFixtures.call("calm",
            "customer", "你好，我想预约一下首保",
            "agent", "好的，周六可以吗",
            "customer", "可以，谢谢，服务很周到"),
        TextFixtures.call("agentOnly", "agent", "您好，您的车已经修好了")), TextFixtures.SCHEMA);
    Dataset<Row> analysed = TextAnalysis.analyse(calls, r, LexiconSentimentScorer.of(r));
    Dataset<Row> scores = analysed.select(col("interaction_id"),
        col(TextAnalysis.ANALYSIS).getField(TextAnalysis.UNIT_SCORES).as("s"));

    Dataset<Row> emotion = scores.select(col("interaction_id"),
        EmotionTrajectory.start(col("s")).as("start"), EmotionTrajectory.min(col("s")).as("min"),
        EmotionTrajectory.end(col("s")).as("end"), EmotionTrajectory.peakBeforeMin(col("s")).as("peak"),
        EmotionTrajectory.escalate(col("s"), -0.6, 1.0).as("escalate"), functions_size("s"));

    List<Row> worse = emotion.where("interaction_id = 'worse'").collectAsList();
    assertThat(worse.get(0).getInt(6)).as("three customer turns, agent turns ignored").isEqualTo(3);
    assertThat(worse.get(0).getDouble(1)).as("starts positive").isGreaterThan(0.2);
    assertThat(worse.get(0).getDouble(2)).as("ends at its lowest, below -0.6").isLessThan(-0.6)
        .isEqualTo(worse.get(0).getDouble(3));
    assertThat(Rows.of(emotion, "interaction_id", "escalate", "start = peak"))
        .containsExactlyInAnyOrder(row("worse", true, true), row("calm", false, true), row("agentOnly", false, null));

    // A fall from a high to a merely negative point escalates on the drop rule alone.
    Dataset<Row> drop = spark.sql("select array(0.8d, -0.3d, -0.5d, 0.1d) as s");
    assertThat(Rows.of(drop.select(EmotionTrajectory.escalate(col("s"), -0.6, 1.0),
            EmotionTrajectory.escalate(col("s"), -0.6, 1.5), EmotionTrajectory.min(col("s")),
            EmotionTrajectory.end(col("s")))))
        .containsExactly(row(true, false, -0.5, 0.1));
  }

  private static org.apache.spark.sql.Column functions_size(String column) {
    return org.apache.spark.sql.functions.size(col(column)).as("n");
  }
}
