package com.voclake.text;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.voclake.config.TextConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.InputReader;
import com.voclake.io.InteractionSchema;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.text.model.TrainedModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code enrich} batch stage: reads the interactions that landed on the run's date, joins
 * each to its customer ({@code one_id} from {@code cdp/customer_journey}, written by the identity
 * job), analyses the customer's text (PII scrubbed first; tokens, request category, sentiment,
 * emotion trajectory, product-feature aspects, keywords) and replaces that date's partition of
 * {@code voc/interactions_enriched} ({@link EnrichedInteractionSchema}). Rerunning a date gives
 * the same rows, never duplicates.
 */
public final class EnrichJob {
  public static final String STAGE = "enrich";
  private static final Logger LOG = LoggerFactory.getLogger(EnrichJob.class);
  private static final String ID = InteractionSchema.INTERACTION_ID;

  private EnrichJob() {}

  public static StageResult run(SparkSession spark, RunContext ctx) {
    long start = System.nanoTime();
    String dt = ctx.dt();
    TextConfig config = ctx.config().text();
    TextResources resources = TextResources.load(spark, config);
    TrainedModels models = TrainedModels.load(spark, config.models());
    InputReader.Batch batch = InputReader.read(spark, ctx, InputReader.Source.INTERACTIONS, dt, dt);
    Dataset<Row> journey = DeltaTables.read(spark, ctx.warehouse().customerJourney(), "identity");
    String path = ctx.warehouse().interactionsEnriched();

    // Persisted: categories, keywords, aspects and the output row all read the analysis, and
    // tokenizing is the expensive part.
    Dataset<Row> analysed = TextAnalysis.analyse(batch.records(), resources, LexiconSentimentScorer.of(resources))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> enriched = enrich(analysed, journey, resources,
          new KeywordRuleCategorizer(resources.taxonomy()), config, batch.recordsOut(), models);
      DeltaTables.replaceWhere(enriched, path, EnrichedInteractionSchema.DT + " = '" + dt + "'",
          EnrichedInteractionSchema.DT);
    } finally {
      analysed.unpersist();
    }

    Row stats = spark.read().format("delta").load(path)
        .where(col(EnrichedInteractionSchema.DT).equalTo(dt))
        .agg(functions.count(lit(1)),
            functions.count(when(col(EnrichedInteractionSchema.ESCALATE), lit(1))),
            functions.count(when(col(EnrichedInteractionSchema.CATEGORY_L1).equalTo(resources.taxonomy().fallbackL1())
                .and(col(EnrichedInteractionSchema.CATEGORY_L2).equalTo(resources.taxonomy().fallbackL2())), lit(1))),
            coalesce(functions.sum(functions.size(col(EnrichedInteractionSchema.ASPECTS))), lit(0L)))
        .first();
    double seconds = (System.nanoTime() - start) / 1e9;
    StageResult result = new StageResult(STAGE, batch.recordsIn(), stats.getLong(0), batch.quarantined(), seconds,
        Map.of("escalations", stats.getLong(1), "uncategorised", stats.getLong(2),
            "aspects", ((Number) stats.get(3)).longValue()));
    LOG.info("Enriched interactions of {} into {} in {} s: {}", dt, path, String.format("%.1f", seconds),
        result.summary());
    return result;
  }

  /**
   * Assembles the enriched rows from analysed interactions (see {@link TextAnalysis#analyse}) and
   * the customer journey; pure.
   *
   * @param interactions N of the day for keyword TF-IDF (unused by TextRank)
   */
  public static Dataset<Row> enrich(Dataset<Row> analysed, Dataset<Row> journey, TextResources resources,
      Categorizer categorizer, TextConfig config, long interactions) {
    return enrich(analysed, journey, resources, categorizer, config, interactions, TrainedModels.NONE);
  }

  /**
   * As {@link #enrich(Dataset, Dataset, TextResources, Categorizer, TextConfig, long)}, with trained
   * models in place of the lexicon where {@code models} has them: the sentiment model gives
   * {@code sentiment} and {@code sentiment_score} (the lexicon still gives the per-turn emotion),
   * the aspect model the aspects of its subjects ({@link TrainedModels#mergeAspects}). The
   * columns are the same either way.
   */
  public static Dataset<Row> enrich(Dataset<Row> analysed, Dataset<Row> journey, TextResources resources,
      Categorizer categorizer, TextConfig config, long interactions, TrainedModels models) {
    Dataset<Row> tokens = analysed.select(col(ID), TextAnalysis.tokens().as(Categorizer.TOKENS));
    Dataset<Row> categories = categorizer.categorize(tokens);
    Dataset<Row> keywords = KeywordExtractor.extract(tokens, resources.stopwords(), interactions,
        config.keywordsPerInteraction(), config.keywordsMethod());
    Dataset<Row> aspects = AspectExtractor.extract(analysed, resources.features(), config.neutralBand());
    if (models.aspect().isPresent()) {
      aspects = models.mergeAspects(analysed, aspects, resources.features());
    }
    // One customer per interaction even if the journey lists an interaction twice.
    Dataset<Row> customers = journey.where(col(ID).isNotNull())
        .groupBy(ID).agg(functions.min(EnrichedInteractionSchema.ONE_ID).as(EnrichedInteractionSchema.ONE_ID));

    Column analysis = col(TextAnalysis.ANALYSIS);
    Column unitScores = analysis.getField(TextAnalysis.UNIT_SCORES);
    Column score = analysis.getField(TextAnalysis.SCORE);
    Dataset<Row> withModelScores = analysed;
    if (models.sentiment().isPresent()) {
      withModelScores = analysed.join(models.sentimentScores(analysed), new String[] {ID}, "left");
      score = coalesce(col(TrainedModels.MODEL_SCORE), score);
    }
    Dataset<Row> joined = withModelScores
        .join(customers, new String[] {ID}, "left")
        .join(categories, new String[] {ID}, "left")
        .join(keywords, new String[] {ID}, "left")
        .join(aspects, new String[] {ID}, "left")
        .withColumn(EnrichedInteractionSchema.SENTIMENT_SCORE, functions.round(score, 4))
        .withColumn(EnrichedInteractionSchema.SENTIMENT,
            AspectExtractor.polarity(col(EnrichedInteractionSchema.SENTIMENT_SCORE), config.neutralBand()))
        .withColumn(EnrichedInteractionSchema.EMOTION_START, functions.round(EmotionTrajectory.start(unitScores), 4))
        .withColumn(EnrichedInteractionSchema.EMOTION_MIN, functions.round(EmotionTrajectory.min(unitScores), 4))
        .withColumn(EnrichedInteractionSchema.EMOTION_END, functions.round(EmotionTrajectory.end(unitScores), 4))
        // Escalation asks a supervisor to step into a conversation; a single review or complaint
        // text has no conversation to step into, however negative it is (its sentiment says that).
        .withColumn(EnrichedInteractionSchema.ESCALATE,
            EmotionTrajectory.escalate(unitScores, config.escalateBelow(), config.escalateDrop())
                .and(coalesce(functions.size(col(InteractionSchema.TURNS)).gt(0), lit(false))))
        .withColumn(EnrichedInteractionSchema.ASPECTS, coalesce(col(EnrichedInteractionSchema.ASPECTS),
            functions.array().cast(EnrichedInteractionSchema.SCHEMA.apply(EnrichedInteractionSchema.ASPECTS).dataType())))
        .withColumn(EnrichedInteractionSchema.KEYWORDS, coalesce(col(EnrichedInteractionSchema.KEYWORDS),
            functions.array().cast(DataTypes.createArrayType(DataTypes.StringType))))
        .withColumn(EnrichedInteractionSchema.TEXT_CHARS, analysis.getField(TextAnalysis.CHARS));
    List<Column> columns = new ArrayList<>();
    for (StructField field : EnrichedInteractionSchema.SCHEMA.fields()) {
      columns.add(col(field.name()).cast(field.dataType()).as(field.name()));
    }
    return joined.select(columns.toArray(new Column[0]));
  }
}
