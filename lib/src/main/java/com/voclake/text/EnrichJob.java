package com.voclake.text;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.voclake.config.TextConfig;
import com.voclake.io.DeltaTables;
import com.voclake.increment.BatchInput;
import com.voclake.increment.BatchScope;
import com.voclake.increment.IncrementId;
import com.voclake.increment.Increments;
import com.voclake.increment.Maintenance;
import com.voclake.increment.Staging;
import com.voclake.io.RejectReason;
import com.voclake.io.QuarantineSchema;
import com.voclake.io.Source;
import com.voclake.io.Warehouse;
import com.voclake.io.InteractionSchema;
import com.voclake.pipeline.Checkpoints;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.text.model.TrainedModels;
import com.voclake.voc.CustomerVocWrites;
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

  /**
   * Runs the stage for {@code ctx.date()} on its own input: the interactions landed that day,
   * validated; their rejected lines replace the date's rows of {@code quarantine/interactions}.
   */
  public static StageResult run(SparkSession spark, RunContext ctx) {
    BatchInput input = BatchInput.landed(spark, ctx.config(), BatchScope.landingDate(ctx.date()));
    return apply(spark, ctx, new IncrementId(ctx.job() + "/" + STAGE, System.currentTimeMillis()), input, true);
  }

  /**
   * Runs the stage for {@code ctx.date()} on interactions that identity validated and quarantined
   * in the same run (daily), so each line is parsed and each reject counted once per run.
   */
  public static StageResult run(SparkSession spark, RunContext ctx, BatchInput input) {
    return apply(spark, ctx, new IncrementId(ctx.job() + "/" + STAGE, System.currentTimeMillis()), input, false);
  }

  /**
   * Commits the enrich increment {@code id} of {@code input}'s good interactions (those of the run's
   * date when the input is a full rebuild's): the step of a daily run and of a stream's micro-batch.
   *
   * @param ownsQuarantine whether this increment files the input's rejected lines (else another
   *     stage did, and only the duplicates this one finds are added)
   */
  public static StageResult apply(SparkSession spark, RunContext ctx, IncrementId id, BatchInput input,
      boolean ownsQuarantine) {
    return apply(spark, ctx, id, input, ownsQuarantine, null);
  }

  /**
   * A further write of an enrich increment, staged with the increment's own writes so that it is
   * committed with them, exactly once (the stream's events of its windowed aggregates).
   */
  @FunctionalInterface
  public interface AlsoStage {
    /**
     * Stages the further write.
     *
     * @param enriched the enriched rows the increment commits (its new interactions), as staged
     */
    void stage(Staging staging, Dataset<Row> enriched);
  }

  /**
   * {@link #apply(SparkSession, RunContext, IncrementId, BatchInput, boolean)}, with {@code also}
   * (null for none) staged after the increment's own writes.
   */
  public static StageResult apply(SparkSession spark, RunContext ctx, IncrementId id, BatchInput input,
      boolean ownsQuarantine, AlsoStage also) {
    long start = System.nanoTime();
    if (input.scope().kind() == BatchScope.Kind.RECORDS && input.interactions().good().isEmpty()) {
      // A batch of records without interactions has nothing to enrich (a landing date's empty
      // batch still replaces what the date brought before).
      return new StageResult(STAGE, 0, 0, 0, (System.nanoTime() - start) / 1e9, Map.of("empty", 1L));
    }
    BatchScope scope = input.scope().kind() == BatchScope.Kind.EVERYTHING
        ? BatchScope.landingDate(ctx.date()) : input.scope();
    Dataset<Row> interactions = input.interactions().good();
    if (scope.kind() == BatchScope.Kind.LANDING_DATE) {
      interactions = interactions.where(col(InteractionSchema.DT).equalTo(scope.dt()));
    }
    TextConfig config = ctx.config().text();
    TextResources resources = TextResources.load(spark, config);
    TrainedModels models = TrainedModels.load(spark, config.models());
    Warehouse warehouse = ctx.warehouse();
    String path = warehouse.interactionsEnriched();
    Dataset<Row> candidates = interactions;
    Map<String, Long> figures = new HashMap<>();
    Increments.Committed committed = Increments.commit(spark, warehouse, id, ctx.runId(),
        ctx.config().run().incrementGrace(), staging -> {
      EnrichIncrement.State state = new EnrichIncrement.State(
          DeltaTables.read(spark, warehouse.customerJourney(), "identity"),
          DeltaTables.exists(spark, path) ? spark.read().format("delta").load(path) : null,
          DeltaTables.exists(spark, warehouse.keywordFrequencies())
              ? spark.read().format("delta").load(warehouse.keywordFrequencies()) : null);
      EnrichIncrement.Changes changes = EnrichIncrement.apply(candidates, scope, state, resources, config, models);
      String replaced = scope.replacedDates();
      if (replaced == null) {
        staging.upsert(path, changes.enriched(), new String[] {ID}, null, EnrichedInteractionSchema.DT)
            .upsert(warehouse.keywordFrequencies(), changes.frequencies(),
                new String[] {KeywordFrequencySchema.DT, KeywordFrequencySchema.TERM}, null, KeywordFrequencySchema.DT);
      } else {
        staging.replaceWhere(path, changes.enriched(), replaced, EnrichedInteractionSchema.DT)
            .replaceWhere(warehouse.keywordFrequencies(), changes.frequencies(), replaced, KeywordFrequencySchema.DT);
      }
      figures.put("customer_voc_rows", CustomerVocWrites.stage(staging, warehouse, staging.staged(path),
          scope.replaces(col(EnrichedInteractionSchema.DT))));
      Dataset<Row> duplicates = changes.duplicates();
      long duplicateCount = duplicates.count();
      String quarantine = warehouse.quarantine(Source.INTERACTIONS.folder());
      if (ownsQuarantine) {
        Dataset<Row> rejects = BatchInput.quarantine(duplicateCount == 0 ? input.interactions()
            : input.interactions().rejecting(duplicates, RejectReason.DUPLICATE_ID), ctx.runId());
        if (replaced == null) {
          staging.append(quarantine, rejects, QuarantineSchema.DT);
        } else {
          staging.replaceWhere(quarantine, rejects, replaced, QuarantineSchema.DT);
        }
      } else if (duplicateCount > 0) {
        // Identity filed the input's rejects: only the interactions enriched before are added.
        staging.append(quarantine, BatchInput.quarantine(input.interactions().onlyRejecting(duplicates,
            RejectReason.DUPLICATE_ID), ctx.runId()), QuarantineSchema.DT);
      }
      figures.putAll(changes.figures());
      figures.put("duplicates_of_enriched", duplicateCount);
      figures.putAll(stats(staging.staged(path), resources));
      if (also != null) {
        also.stage(staging, staging.staged(path));
      }
    });
    long duplicates = figures.getOrDefault("duplicates_of_enriched", 0L);
    long out = figures.getOrDefault("enriched", 0L);
    long quarantined = duplicates + (ownsQuarantine ? input.interactions().count().quarantined() : 0);
    figures.remove("enriched");
    figures.put("replayed", committed.replayed() ? 1L : 0L);
    figures.put("compacted_partitions", Maintenance.ifDue(spark, warehouse, committed, ctx.config()));
    double seconds = (System.nanoTime() - start) / 1e9;
    StageResult result = new StageResult(STAGE, out + quarantined, out, quarantined, seconds, figures);
    LOG.info("Enriched interactions of {} into {} in {} s: {}", scope.dt(), path, String.format("%.1f", seconds),
        result.summary());
    return result;
  }

  /** Figures of the enriched rows about to be committed, in one job. */
  private static Map<String, Long> stats(Dataset<Row> enriched, TextResources resources) {
    Row stats = enriched.agg(functions.count(lit(1)),
            functions.count(when(col(EnrichedInteractionSchema.ESCALATE), lit(1))),
            functions.count(when(col(EnrichedInteractionSchema.CATEGORY_L1).equalTo(resources.taxonomy().fallbackL1())
                .and(col(EnrichedInteractionSchema.CATEGORY_L2).equalTo(resources.taxonomy().fallbackL2())), lit(1))),
            coalesce(functions.sum(functions.size(col(EnrichedInteractionSchema.ASPECTS))), lit(0L)))
        .first();
    return Map.of("enriched", stats.getLong(0), "escalations", stats.getLong(1), "uncategorised", stats.getLong(2),
        "aspects", ((Number) stats.get(3)).longValue());
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
    if (models.any()) {
      kept.add(col(TextAnalysis.UNITS));
    }
    return analysed.select(kept.toArray(new Column[0]));
  }

  /**
   * Assembles the enriched rows from analysed interactions (see {@link #analyse}) and the
   * customer journey: TF-IDF keywords against the given document frequencies (broadcast), the
   * customer's {@code one_id} (one join), figures rounded to 4 places. With trained models in
   * {@code models}, the sentiment model gives {@code sentiment} and {@code sentiment_score} (the
   * lexicon still gives the per-turn emotion), the aspect model the aspects of its subjects
   * ({@link TrainedModels#mergeAspects}) and the category model {@code category_l1/l2} and
   * {@code category_confidence} ({@link TrainedModels#categories}); the columns are the same
   * either way.
   *
   * @param documentFrequency interactions that use each keyword candidate, for TF-IDF (unused by TextRank)
   * @param documents how many interactions {@code documentFrequency} counted over
   */
  public static Dataset<Row> enrich(Dataset<Row> analysed, Dataset<Row> journey, TextResources resources,
      TextConfig config, Map<String, Long> documentFrequency, long documents, TrainedModels models) {
    Dataset<Row> rows = analysed;
    Column keywords = col(EnrichedInteractionSchema.KEYWORDS);
    if (config.keywordsMethod() == TextConfig.KeywordsMethod.TFIDF) {
      keywords = KeywordExtractor.tfIdfKeywords(analysed.sparkSession(), col(TextAnalysis.TERMS), documentFrequency,
          documents, config.keywordsPerInteraction());
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
    Map<String, Column> computed = new HashMap<>();
    if (models.category().isPresent()) {
      // The model's category where there is text; the rules' fallback (no text) otherwise.
      rows = rows.join(models.categories(analysed, resources.taxonomy()), new String[] {ID}, "left");
      computed.put(EnrichedInteractionSchema.CATEGORY_L1,
          coalesce(col(TrainedModels.MODEL_L1), col(EnrichedInteractionSchema.CATEGORY_L1)));
      computed.put(EnrichedInteractionSchema.CATEGORY_L2,
          coalesce(col(TrainedModels.MODEL_L2), col(EnrichedInteractionSchema.CATEGORY_L2)));
    }
    Column confidence = models.category().isPresent()
        ? coalesce(col(TrainedModels.MODEL_CONFIDENCE), col(EnrichedInteractionSchema.CATEGORY_CONFIDENCE))
        : col(EnrichedInteractionSchema.CATEGORY_CONFIDENCE);
    // One customer per interaction even if the journey lists an interaction twice.
    Dataset<Row> customers = journey.where(col(ID).isNotNull())
        .groupBy(ID).agg(functions.min(EnrichedInteractionSchema.ONE_ID).as(EnrichedInteractionSchema.ONE_ID));
    Dataset<Row> joined = rows.join(customers, new String[] {ID}, "left");
    // Everything computed goes into the one final projection: each withColumn would make Spark
    // analyse the whole plan again, a fixed cost of tens of milliseconds per column and run.
    Column rounded = functions.round(score, 4);
    computed.put(EnrichedInteractionSchema.KEYWORDS, keywords);
    computed.put(EnrichedInteractionSchema.SENTIMENT_SCORE, rounded);
    computed.put(EnrichedInteractionSchema.SENTIMENT, AspectExtractor.polarity(rounded, config.neutralBand()));
    computed.put(EnrichedInteractionSchema.ASPECTS, coalesce(col(EnrichedInteractionSchema.ASPECTS),
        functions.array().cast(EnrichedInteractionSchema.SCHEMA.apply(EnrichedInteractionSchema.ASPECTS).dataType())));
    computed.put(EnrichedInteractionSchema.CATEGORY_CONFIDENCE, functions.round(confidence, 4));
    for (String figure : List.of(EnrichedInteractionSchema.EMOTION_START, EnrichedInteractionSchema.EMOTION_MIN,
        EnrichedInteractionSchema.EMOTION_END)) {
      computed.put(figure, functions.round(col(figure), 4));
    }
    List<Column> columns = new ArrayList<>();
    for (StructField field : EnrichedInteractionSchema.SCHEMA.fields()) {
      columns.add(computed.getOrDefault(field.name(), col(field.name())).cast(field.dataType()).as(field.name()));
    }
    return joined.select(columns.toArray(new Column[0]));
  }
}
