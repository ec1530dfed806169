package com.voclake.voc;

import com.voclake.increment.Staging;
import com.voclake.io.DeltaTables;
import com.voclake.io.Warehouse;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The writer of {@code cdp/customer_voc}: stages, into the increment that writes enriched rows,
 * the summaries of the customers those rows touch ({@link CustomerVoc#apply}), upserted by
 * {@code one_id}, and the deletes of touched customers left without enriched rows. Committed with
 * the enriched rows, exactly once, by whoever commits the increment.
 */
public final class CustomerVocWrites {
  private CustomerVocWrites() {}

  /**
   * Stages the summary changes of an increment that writes {@code written} into
   * {@code voc/interactions_enriched}, as it is stored now.
   *
   * @param written the enriched rows the increment writes, as staged (upserted by interaction id)
   * @param replaced which further stored enriched rows the increment replaces ({@code lit(false)}: none)
   * @return how many summaries it staged
   */
  public static long stage(Staging staging, Warehouse warehouse, Dataset<Row> written, Column replaced) {
    SparkSession spark = written.sparkSession();
    String enriched = warehouse.interactionsEnriched();
    Dataset<Row> stored = DeltaTables.exists(spark, enriched) ? spark.read().format("delta").load(enriched) : null;
    CustomerVoc.Changes changes = CustomerVoc.apply(stored, written, replaced);
    staging.upsert(warehouse.customerVoc(), changes.rows(), new String[] {CustomerVocSchema.ONE_ID}, changes.gone());
    return staging.rows(warehouse.customerVoc());
  }
}
