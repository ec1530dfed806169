package com.voclake.text.model;

import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.ConfigException;
import com.voclake.config.ConfigLoader;
import com.voclake.config.TextConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.DeltaTables;
import com.voclake.pipeline.RunContext;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import com.voclake.text.EnrichJob;
import com.voclake.text.EnrichedInteractionSchema;
import com.voclake.text.Taxonomy;
import com.voclake.text.TextAnalysis;
import com.voclake.text.TextResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code text.models.category}: a small category model trained on the project's own labelled
 * requests (few features and iterations, no baseline: seconds) gives enrich its request
 * categories in place of the keyword rules, in the same columns.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CategoryModelEnrichTest {
  private static final String DT = "2026-11-18";
  private static final Path TRAIN = TestConfigs.repoRoot().resolve("sample-data/labelled/requests_train.csv");
  private static final StructType JOURNEY = new StructType()
      .add("record_type", "string").add("event_id", "string").add("interaction_id", "string")
      .add("one_id", "string").add("event_time", "timestamp").add("channel", "string")
      .add("event_type", "string").add("dt", "string");

  private final SparkSession spark;
  private Path tmp;
  private TextResources resources;
  private VoclakeConfig rulesConfig;
  private String modelDir;
  private TextClassifierModel model;

  CategoryModelEnrichTest(SparkSession spark) {
    this.spark = spark;
  }

  @BeforeAll
  void trainASmallCategoryModel() throws Exception {
    tmp = Files.createTempDirectory("voclake-category-model");
    rulesConfig = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    resources = TextResources.load(null, rulesConfig.text());
    modelDir = TrainJob.run(spark, new TrainOptions(Task.CATEGORY, List.of(TRAIN.toString()),
        tmp.resolve("models").toString(), null, null, 0.1, 42, resources, 1 << 12, 15, false, false)).modelDir();
    model = TextClassifierModel.load(spark, modelDir);
  }

  /**
   * A training text that the keyword rules file under the fallback but the model labels right:
   * the case where the model is worth configuring.
   */
  private Row textTheRulesMissButTheModelGets() {
    TextAnalysis rules = TextAnalysis.of(resources, rulesConfig.text());
    Taxonomy taxonomy = resources.taxonomy();
    Dataset<Row> labelled = LabelledData.read(spark, TRAIN.toString()).select("text", "label");
    List<Row> missed = labelled.collectAsList().stream()
        .filter(r -> !r.getString(1).endsWith("/" + taxonomy.fallbackL2()))
        .filter(r -> rules.analyse(List.of(r.getString(0)), false).category().l2().equals(taxonomy.fallbackL2()))
        .toList();
    assertThat(missed).as("training texts the keyword rules miss").isNotEmpty();
    Dataset<Row> predicted = model.predict(spark.createDataFrame(missed, labelled.schema()), "text")
        .where("_predicted = label").orderBy("text");
    assertThat(predicted.isEmpty()).as("the model labels some of the texts the rules miss").isFalse();
    return predicted.first();
  }

  @Test
  void enrichTakesTheRequestCategoryFromTheModel() {
    Row example = textTheRulesMissButTheModelGets();
    String[] label = example.getString(1).split("/");
    Path root = tmp.resolve("enrich");
    Rows.writeLines(root.resolve("in/interactions/dt=" + DT + "/part-0.jsonl"),
        "{\"interaction_id\":\"i1\",\"start_time\":\"2026-11-18T09:00:00+08:00\",\"channel\":\"app\",\"kind\":\"chat\","
            + "\"text\":\"" + example.getString(0).replace("\"", "\\\"") + "\"}",
        "{\"interaction_id\":\"i2\",\"start_time\":\"2026-11-18T10:00:00+08:00\",\"channel\":\"hotline\","
            + "\"kind\":\"call\",\"turns\":[{\"speaker\":\"agent\",\"offset_s\":0,\"text\":\"您好\"}]}");
    VoclakeConfig config = ConfigLoader.load(TestConfigs.repoRoot().resolve("conf/local.conf").toString(), Map.of(
        "voclake.paths.input", root.resolve("in").toString(),
        "voclake.paths.warehouse", root.resolve("wh").toString(),
        "voclake.text.models.category", modelDir));
    assertThat(config.text().models().category()).contains(modelDir);
    RunContext ctx = RunContext.start("enrich", LocalDate.parse(DT), config);
    DeltaTables.overwrite(spark.createDataFrame(List.<Row>of(RowFactory.create("interaction", null, "i1", "O-1",
        Timestamp.valueOf("2026-11-18 09:00:00"), "app", "chat", DT)), JOURNEY), ctx.warehouse().customerJourney(),
        "dt");

    EnrichJob.run(spark, ctx);

    Dataset<Row> table = spark.read().format("delta").load(ctx.warehouse().interactionsEnriched());
    assertThat(table.schema().fields()).as("whole fields of the contract")
        .containsExactly(EnrichedInteractionSchema.SCHEMA.fields());
    assertThat(Rows.of(table.orderBy("interaction_id"), "interaction_id", "category_l1", "category_l2",
        "category_confidence > 0"))
        .as("i1 from the model (the rules missed it), its probability the confidence; i2 has no customer text: the"
            + " rules' fallback with confidence 0")
        .containsExactly(row("i1", label[0], label[1], true), row("i2", "其他", "其他", false));
  }

  @Test
  void aLabelTheTaxonomyDoesNotKnowIsFiledUnderTheFallback() {
    Taxonomy taxonomy = resources.taxonomy();
    Taxonomy onlyHeadUnits = new Taxonomy(taxonomy.categories().stream()
        .filter(c -> c.l2().equals("车机死机")).toList(), taxonomy.fallbackL1(), taxonomy.fallbackL2());
    TrainedModels models = new TrainedModels(Optional.empty(), Optional.empty(), Optional.of(model));
    Dataset<Row> analysed = spark.createDataFrame(List.of(
            RowFactory.create("i1", List.of("车机又死机了，屏幕黑屏，重启也没用")),
            RowFactory.create("i2", List.of("试驾需要预约吗，周末可以去店里试驾吗"))),
        new StructType().add("interaction_id", "string")
            .add(TextAnalysis.UNITS, DataTypes.createArrayType(DataTypes.StringType)));

    List<List<Object>> categories = Rows.of(models.categories(analysed, onlyHeadUnits).orderBy("interaction_id"),
        "interaction_id", TrainedModels.MODEL_L1, TrainedModels.MODEL_L2, TrainedModels.MODEL_CONFIDENCE + " > 0");

    assertThat(categories).as("a known label keeps its parent and probability; an unknown one is the fallback")
        .containsExactly(row("i1", "智能座舱", "车机死机", true), row("i2", "其他", "其他", false));
  }

  @Test
  void aModelOfAnotherTaskIsBadConfiguration() throws Exception {
    TextConfig.Models wrong = new TextConfig.Models(Optional.of(modelDir), Optional.empty());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrainedModels.load(spark, wrong))
        .isInstanceOf(ConfigException.class)
        .hasMessage("text.models.sentiment = %s holds a category model, not a sentiment model: set it to a folder"
            + " written by 'voclake train --task sentiment'", modelDir);
  }
}
