package com.voclake.text.model;

import static com.voclake.testing.Rows.row;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.voclake.config.ConfigLoader;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.DeltaTables;
import com.voclake.pipeline.RunContext;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import com.voclake.text.EnrichJob;
import com.voclake.text.EnrichedInteractionSchema;
import com.voclake.text.TextResources;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Train and evaluate on small slices of the real public data in {@code ../shared/datasets}
 * (skipped when it is absent), with floors well below the full-data targets that a broken model
 * would still miss; then the enrich stage with the trained models configured.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class TrainAndEvaluateTest {
  private static final Path WORK = tempDir();
  private static TrainJob.Result sentiment;
  private static TrainJob.Result aspect;
  private static TextResources resources;

  private final SparkSession spark;

  TrainAndEvaluateTest(SparkSession spark) {
    this.spark = spark;
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("voclake-train-test");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path datasets() {
    Path dir = TestConfigs.sharedDatasets();
    assumeThat(dir.resolve("sentiment").toFile()).as("the shared public datasets").isDirectory();
    return dir;
  }

  private static synchronized TextResources resources() {
    if (resources == null) {
      Path nowhere = WORK.resolve("unused");
      resources = TextResources.load(null, TestConfigs.local(nowhere, nowhere).text());
    }
    return resources;
  }

  /** About 3,500 texts from the three sentiment files (a hash sample, unrelated to the dev split). */
  private synchronized TrainJob.Result sentiment() {
    if (sentiment == null) {
      Path sets = datasets().resolve("sentiment");
      Dataset<Row> slice = null;
      for (String file : List.of("online_shopping_10_cats.train.csv", "ChnSentiCorp_htl_all.csv", "waimai_10k.csv")) {
        Dataset<Row> rows = LabelledData.read(spark, sets.resolve(file).toString()).select("label", "review")
            .where(pmod(xxhash64(lit(11), col("review")), lit(100)).lt(5));
        slice = slice == null ? rows : slice.unionByName(rows);
      }
      String input = WORK.resolve("sentiment-slice.parquet").toString();
      slice.coalesce(1).write().parquet(input);
      sentiment = TrainJob.run(spark, new TrainOptions(Task.SENTIMENT, List.of(input), WORK.resolve("models").toString(),
          null, null, 0.2, 42, resources(), 1 << 16, 20, true, true));
    }
    return sentiment;
  }

  /** About 650 car-review posts. */
  private synchronized TrainJob.Result aspect() {
    if (aspect == null) {
      Dataset<Row> slice = LabelledData.read(spark, datasets().resolve("car_reviews/train.csv").toString())
          .where(pmod(xxhash64(lit(11), col("content_id")), lit(100)).lt(8));
      String input = WORK.resolve("car-slice.parquet").toString();
      slice.coalesce(1).write().parquet(input);
      aspect = TrainJob.run(spark, new TrainOptions(Task.ASPECT, List.of(input), WORK.resolve("models").toString(),
          null, null, 0.25, 42, resources(), 1 << 16, 20, false, false));
    }
    return aspect;
  }

  @Test
  void sentimentModelLearnsAndEvaluateAgreesWithTraining() {
    TrainJob.Result result = sentiment();

    assertThat(new File(result.modelDir()).getName()).matches("v\\d{14}-[0-9a-f]{8}");
    assertThat(result.modelDir()).contains("/models/sentiment/v");
    assertThat(new File(result.modelDir(), "model/metadata")).isDirectory();
    Map<String, Object> training = ModelDirectory.training(spark, result.modelDir());
    assertThat(training).containsEntry("task", "sentiment").containsEntry("labels", List.of("negative", "positive"));
    String classifier = (String) ((Map<?, ?>) training.get("parameters")).get("classifier");
    assertThat(classifier).as("the ridge ensemble was scored against the regression, and the winner named")
        .contains("NB-weighted ridge");
    assertThat(result.metrics().containsKey("regression_alone")).as("the regression's own figures when the ensemble won")
        .isEqualTo(classifier.startsWith("mean of"));
    assertThat((String) training.get("data_fingerprint")).startsWith("sha256:")
        .contains(new File(result.modelDir()).getName().substring(16));
    assertThat(((Number) result.metrics().get("accuracy")).doubleValue()).as("dev accuracy of a 2,800-text model")
        .isGreaterThanOrEqualTo(0.80);
    assertThat(((Number) ((Map<?, ?>) result.metrics().get("baseline")).get("accuracy")).doubleValue())
        .as("the baseline is trained and scored too").isGreaterThan(0.7);

    Map<String, Object> evaluated = EvaluateJob.run(spark, new EvaluateOptions(Task.SENTIMENT, result.modelDir(),
        WORK.resolve("sentiment-slice.parquet").toString(), null, null, true));
    assertThat(evaluated.get("accuracy")).as("evaluate --split dev scores the rows training held out")
        .isEqualTo(result.metrics().get("accuracy"));
    assertThat(evaluated.get("rows")).isEqualTo(result.metrics().get("rows"));

    Dataset<Row> dev = spark.read().json(result.modelDir() + "/splits/dev");
    Dataset<Row> train = spark.read().json(result.modelDir() + "/splits/train");
    assertThat(dev.columns()).containsExactly("label", "text");
    assertThat(dev.count()).as("--write-splits writes the dev split scored").isEqualTo(
        ((Number) result.metrics().get("rows")).longValue());
    assertThat(train.count()).isEqualTo(((Number) ((Map<?, ?>) training.get("rows")).get("train")).longValue());
    assertThat(train.join(dev, "text").count()).as("no text on both sides").isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aspectModelFindsSubjectsAndTheirOwnPolarity() {
    TrainJob.Result result = aspect();

    Map<String, Object> m = result.metrics();
    assertThat(((Number) m.get("aspect_micro_f1")).doubleValue()).as("subject detection on ~160 dev posts")
        .isGreaterThanOrEqualTo(0.5);
    assertThat(((Number) m.get("aspect_sentiment_f1")).doubleValue()).as("subject and polarity both right")
        .isGreaterThanOrEqualTo(0.35);
    assertThat(((Map<String, Object>) m.get("classes")).keySet()).contains("动力", "油耗", "价格");
    assertThat(((Map<String, Object>) m.get("sentiment_by_subject")).keySet()).contains("动力", "油耗", "价格");
    Map<String, Map<String, Number>> confusion = (Map<String, Map<String, Number>>) m.get("polarity_confusion");
    assertThat(confusion.keySet()).containsExactly("negative", "neutral", "positive");
    long diagonal = confusion.entrySet().stream().mapToLong(e -> e.getValue().get(e.getKey()).longValue()).sum();
    long all = confusion.values().stream().flatMap(r -> r.values().stream()).mapToLong(Number::longValue).sum();
    assertThat((double) diagonal / all).as("the confusion's diagonal is the polarity accuracy")
        .isCloseTo(((Number) m.get("polarity_accuracy")).doubleValue(), within(0.001));
    Map<String, Object> training = ModelDirectory.training(spark, aspect().modelDir());
    Map<String, Object> aspectSection = (Map<String, Object>) training.get("aspect");
    assertThat(aspectSection.keySet()).contains("subjects", "triggers", "threshold", "thresholds");
    assertThat(((Map<String, Number>) aspectSection.get("thresholds")).values())
        .as("one tuned threshold per subject, on the tuning grid").hasSize(((List<?>) aspectSection.get("subjects")).size())
        .allSatisfy(t -> assertThat(t.doubleValue()).isBetween(DetectionThresholds.LOWEST, DetectionThresholds.HIGHEST));

    AspectModel model = AspectModel.load(spark, result.modelDir());
    Dataset<Row> posts = spark.createDataFrame(List.of(RowFactory.create("p", "油耗太高了，每公里一块钱")),
        new StructType().add("id", "string").add("text", "string"));
    assertThat(Rows.of(model.predict(posts, "id", "text"), "id", "exists(_aspects, a -> a.subject = '油耗')"))
        .containsExactly(row("p", true));
  }

  @Test
  void enrichWithConfiguredModelsKeepsTheSchema() {
    String dt = "2026-11-18";
    Path root = WORK.resolve("enrich");
    Rows.writeLines(root.resolve("in/interactions/dt=" + dt + "/part-0.jsonl"),
        "{\"interaction_id\":\"i1\",\"start_time\":\"2026-11-18T09:00:00+08:00\",\"channel\":\"app\",\"kind\":\"review\","
            + "\"text\":\"动力很足，但是油耗太高，太失望了\"}",
        "{\"interaction_id\":\"i2\",\"start_time\":\"2026-11-18T10:00:00+08:00\",\"channel\":\"app\",\"kind\":\"review\","
            + "\"text\":\"非常好，很满意，值得推荐\"}");
    VoclakeConfig config = ConfigLoader.load(TestConfigs.repoRoot().resolve("conf/local.conf").toString(), Map.of(
        "voclake.paths.input", root.resolve("in").toString(),
        "voclake.paths.warehouse", root.resolve("wh").toString(),
        "voclake.text.models.sentiment", sentiment().modelDir(),
        "voclake.text.models.aspect", aspect().modelDir()));
    assertThat(config.text().models().sentiment()).contains(sentiment().modelDir());
    RunContext ctx = RunContext.start("enrich", LocalDate.parse(dt), config);
    DeltaTables.overwrite(spark.createDataFrame(List.<Row>of(RowFactory.create("interaction", null, "i1", "O-1",
            Timestamp.valueOf("2026-11-18 09:00:00"), "app", "review", dt)), new StructType()
            .add("record_type", "string").add("event_id", "string").add("interaction_id", "string")
            .add("one_id", "string").add("event_time", "timestamp").add("channel", "string")
            .add("event_type", "string").add("dt", "string")),
        ctx.warehouse().customerJourney(), "dt");

    EnrichJob.run(spark, ctx);

    Dataset<Row> table = spark.read().format("delta").load(ctx.warehouse().interactionsEnriched());
    assertThat(table.schema().fields()).as("whole fields of the contract")
        .containsExactly(EnrichedInteractionSchema.SCHEMA.fields());
    assertThat(Rows.of(table, "interaction_id", "sentiment", "sentiment_score between -1 and 1"))
        .containsExactlyInAnyOrder(row("i1", "neg", true), row("i2", "pos", true));
    assertThat(Rows.of(table.where("interaction_id = 'i1'"), "exists(aspects, a -> a.feature = '油耗')"))
        .as("油耗 comes from the aspect model").containsExactly(row(true));
  }
}
