package com.voclake.text;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.voclake.config.TextConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.InputReader;
import com.voclake.io.InteractionSchema;
import com.voclake.pipeline.Checkpoints;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.text.model.TrainedModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
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

    Dataset<Row> analysed = Checkpoints.materialize(analyse(batch.records(), TextAnalysis.of(resources, config),
        models));
    Dataset<Row> enriched = enrich(analysed, journey, resources, config, batch.recordsOut(), models);
    DeltaTables.replaceWhere(enriched, path, EnrichedInteractionSchema.DT + " = '" + dt + "'",
        EnrichedInteractionSchema.DT);

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
   * The interactions' analysis ({@link TextAnalysis#analyse(Dataset)}) with only the columns
   * {@link #enrich} reads: the raw text, turns and identifiers are left behind, so materializing
   * the result stores no personal data, and the scrubbed units only when a trained model needs
   * them. Materialize it ({@link Checkpoints#materialize}): {@link #enrich} reads it twice, and
   * tokenizing is the expensive part.
   */
  public static Dataset<Row> analyse(Dataset<Row> interactions, TextAnalysis analysis, TrainedModels models) {
    Dataset<Row> analysed = analysis.analyse(interactions);
    List<String> available = Arrays.asList(analysed.columns());
    List<Column> kept = new ArrayList<>();
    for (String name : EnrichedInteractionSchema.SCHEMA.fieldNames()) {
      if (available.contains(name)) {
        kept.add(col(name));
      }
    }
    kept.add(col(TextAnalysis.SCORE));
    kept.add(col(TextAnalysis.TERMS));
    if (models.sentiment().isPresent() || models.aspect().isPresent()) {
      kept.add(col(TextAnalysis.UNITS));
    }
    return analysed.select(kept.toArray(new Column[0]));
  }

  /**
   * Assembles the enriched rows from analysed interactions (see {@link #analyse}) and the
   * customer journey: TF-IDF keywords against the day's document frequencies (counted by one
   * job over {@code analysed}, which should be materialized, and broadcast), the customer's
   * {@code one_id} (one join), figures rounded to 4 places. With trained models in
   * {@code models}, the sentiment model gives {@code sentiment} and {@code sentiment_score} (the
   * lexicon still gives the per-turn emotion) and the aspect model the aspects of its subjects
   * ({@link TrainedModels#mergeAspects}); the columns are the same either way.
   *
   * @param interactions N of the day for keyword TF-IDF (unused by TextRank)
   */
  public static Dataset<Row> enrich(Dataset<Row> analysed, Dataset<Row> journey, TextResources resources,
      TextConfig config, long interactions, TrainedModels models) {
    Dataset<Row> rows = analysed;
    Column keywords = col(EnrichedInteractionSchema.KEYWORDS);
    if (config.keywordsMethod() == TextConfig.KeywordsMethod.TFIDF) {
      keywords = KeywordExtractor.tfIdfKeywords(analysed, TextAnalysis.TERMS, interactions,
          config.keywordsPerInteraction());
    }
    if (models.aspect().isPresent()) {
      Dataset<Row> merged = models.mergeAspects(analysed, analysed.select(ID, EnrichedInteractionSchema.ASPECTS),
          resources.features());
      rows = rows.drop(EnrichedInteractionSchema.ASPECTS).join(merged, new String[] {ID}, "left");
    }
    Column score = col(TextAnalysis.SCORE);
    if (models.sentiment().isPresent()) {
      rows = rows.join(models.sentimentScores(analysed), new String[] {ID}, "left");
      score = coalesce(col(TrainedModels.MODEL_SCORE), score);
    }
    // One customer per interaction even if the journey lists an interaction twice.
    Dataset<Row> customers = journey.where(col(ID).isNotNull())
        .groupBy(ID).agg(functions.min(EnrichedInteractionSchema.ONE_ID).as(EnrichedInteractionSchema.ONE_ID));
    Dataset<Row> joined = rows.join(customers, new String[] {ID}, "left");
    // Everything computed goes into the one final projection: each withColumn would make Spark
    // analyse the whole plan again, a fixed cost of tens of milliseconds per column and run.
    Column rounded = functions.round(score, 4);
    Map<String, Column> computed = new HashMap<>();
    computed.put(EnrichedInteractionSchema.KEYWORDS, keywords);
    computed.put(EnrichedInteractionSchema.SENTIMENT_SCORE, rounded);
    computed.put(EnrichedInteractionSchema.SENTIMENT, AspectExtractor.polarity(rounded, config.neutralBand()));
    computed.put(EnrichedInteractionSchema.ASPECTS, coalesce(col(EnrichedInteractionSchema.ASPECTS),
        functions.array().cast(EnrichedInteractionSchema.SCHEMA.apply(EnrichedInteractionSchema.ASPECTS).dataType())));
    for (String figure : List.of(EnrichedInteractionSchema.CATEGORY_CONFIDENCE, EnrichedInteractionSchema.EMOTION_START,
        EnrichedInteractionSchema.EMOTION_MIN, EnrichedInteractionSchema.EMOTION_END)) {
      computed.put(figure, functions.round(col(figure), 4));
    }
    List<Column> columns = new ArrayList<>();
    for (StructField field : EnrichedInteractionSchema.SCHEMA.fields()) {
      columns.add(computed.getOrDefault(field.name(), col(field.name())).cast(field.dataType()).as(field.name()));
    }
    return joined.select(columns.toArray(new Column[0]));
  }
}
