package com.voclake.identity;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What one batch changes in the identity tables ({@link IdentityIncrement#apply}); nothing of it is
 * written yet. For a full rebuild ({@code full}) the four tables' frames are the whole tables and
 * the deletes are null. Otherwise they are the rows to write and the keys of the stored rows to
 * delete first; for links, the rows' own keys are deleted too (most of them are stored).
 *
 * @param duplicates {@code record_key, record_type, record_id} of the batch's records that were
 *     stored before, outside what the batch replaces: they go to quarantine, not into the tables
 * @param records {@link IdentityRecordsSchema} rows
 * @param recordsGone {@code record_key}s of stored rows to delete: the batch's rows replace some,
 *     others are gone (a landing date rerun without them)
 * @param journey {@link CustomerJourneySchema} rows
 * @param journeyGone journey keys of stored rows to delete ({@code record_type, event_id, interaction_id})
 * @param links {@link IdentityLinksSchema} rows
 * @param linksGone {@code id_type, id_hash} to delete
 * @param profiles {@link CustomerProfileSchema} rows
 * @param profilesGone {@code one_id}s of stored profiles to delete: every touched customer's (its
 *     new row replaces it, or it was merged into another)
 * @param merges merges found ({@link IdentityResolution.Outcome#merges}, without the run's columns)
 * @param quarantine guard-rail findings ({@link IdentityResolution.Outcome#quarantine}, without the run's columns)
 * @param enriched enriched interactions whose customer changed, with the new one_id (rows to
 *     upsert); null when nothing was enriched yet
 * @param figures counts the step already knows (customers touched, records recomputed, identifier states)
 */
public record IdentityChanges(boolean full, Dataset<Row> duplicates, Dataset<Row> records, Dataset<Row> recordsGone,
    Dataset<Row> journey, Dataset<Row> journeyGone, Dataset<Row> links, Dataset<Row> linksGone,
    Dataset<Row> profiles, Dataset<Row> profilesGone, Dataset<Row> merges, Dataset<Row> quarantine,
    Dataset<Row> enriched, Map<String, Long> figures) {
  public IdentityChanges {
    figures = Map.copyOf(figures);
  }
}
