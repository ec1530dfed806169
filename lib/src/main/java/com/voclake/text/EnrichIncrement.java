package com.voclake.text;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.TextConfig;
import com.voclake.increment.BatchScope;
import com.voclake.pipeline.Checkpoints;
import com.voclake.text.model.TrainedModels;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Enrichment of one batch of interactions, as a pure step: the enriched rows, the batch's keyword
 * frequencies, and the interactions that were enriched before (duplicates). Nothing is written.
 *
 * <p>Keywords are TF-IDF against the document frequencies of the {@code text.keywords-idf-days}
 * days before the batch's date, read from {@code voc/keyword_frequencies}: not against the batch
 * itself, so a day enriched in one batch or in ten gets the same keywords. The batch's own
 * frequencies are added to that table for the days after it.
 */
public final class EnrichIncrement {
  private static final String ID = EnrichedInteractionSchema.INTERACTION_ID;

  private EnrichIncrement() {}

  /**
   * The tables an enrich batch reads.
   *
   * @param journey {@code cdp/customer_journey}: each interaction's customer
   * @param enriched {@code voc/interactions_enriched}, or null before the first run
   * @param frequencies {@code voc/keyword_frequencies}, or null before the first run
   */
  public record State(Dataset<Row> journey, Dataset<Row> enriched, Dataset<Row> frequencies) {}

  /**
   * What a batch changes.
   *
   * @param enriched {@link EnrichedInteractionSchema} rows of the batch's new interactions
   * @param frequencies {@link KeywordFrequencySchema} rows: for a batch that replaces its landing
   *     date, that date's; for one that adds records, the stored counts of its dates plus its own
   * @param duplicates {@code interaction_id}s of the batch that were enriched before, outside what
   *     the batch replaces
   * @param figures counts the step knows
   */
  public record Changes(Dataset<Row> enriched, Dataset<Row> frequencies, Dataset<Row> duplicates,
      Map<String, Long> figures) {}

  public static Changes apply(Dataset<Row> interactions, BatchScope scope, State state, TextResources resources,
      TextConfig config, TrainedModels models) {
    Dataset<Row> duplicates = state.enriched() == null ? interactions.select(ID).limit(0)
        : Checkpoints.materialize(interactions.select(ID).join(state.enriched()
            .where(functions.not(scope.replaces(col(EnrichedInteractionSchema.DT)))).select(ID), ID, "left_semi"));
    Dataset<Row> fresh = interactions.join(duplicates, new String[] {ID}, "left_anti");
    Dataset<Row> analysed = Checkpoints.materialize(EnrichJob.analyse(fresh, TextAnalysis.of(resources, config),
        models));
    Dataset<Row> batchFrequencies = Checkpoints.materialize(KeywordExtractor.frequencies(analysed, TextAnalysis.TERMS,
        EnrichedInteractionSchema.DT));

    Map<String, Long> documentFrequency = new HashMap<>();
    long documents = 0;
    if (state.frequencies() != null) {
      String from = scope.date().minusDays(config.keywordsIdfDays()).toString();
      for (Row r : state.frequencies()
          .where(col(KeywordFrequencySchema.DT).geq(from).and(col(KeywordFrequencySchema.DT).lt(scope.dt())))
          .groupBy(KeywordFrequencySchema.TERM).agg(functions.sum(KeywordFrequencySchema.DOCUMENTS))
          .collectAsList()) {
        if (r.isNullAt(0)) {
          documents = r.getLong(1);
        } else {
          documentFrequency.put(r.getString(0), r.getLong(1));
        }
      }
    }
    Dataset<Row> enriched = EnrichJob.enrich(analysed, state.journey(), resources, config, documentFrequency,
        documents, models);

    Dataset<Row> frequencies = batchFrequencies;
    if (scope.kind() == BatchScope.Kind.RECORDS && state.frequencies() != null) {
      // Added to what earlier batches of the same dates counted.
      String[] key = {KeywordFrequencySchema.DT, KeywordFrequencySchema.TERM};
      Dataset<Row> stored = state.frequencies().join(batchFrequencies.select(key[0]).distinct(), key[0], "left_semi");
      frequencies = stored.unionByName(batchFrequencies)
          .groupBy(col(key[0]), col(key[1]))
          .agg(functions.sum(KeywordFrequencySchema.DOCUMENTS).cast("long").as(KeywordFrequencySchema.DOCUMENTS));
    }
    Map<String, Long> figures = new HashMap<>();
    figures.put("idf_documents", documents);
    return new Changes(enriched, frequencies.select(KeywordFrequencySchema.DT, KeywordFrequencySchema.TERM,
        KeywordFrequencySchema.DOCUMENTS), duplicates, figures);
  }
}
