package com.voclake.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Pairwise quality of identity merge against a ground truth ({@code truth/} lines of the sample
 * generator: {@code record_id, customer_key}). A pair of records is a "same customer" decision; a
 * true pair is one both the merge and the truth put together. Pairs are counted per group,
 * {@code n(n-1)/2}, never enumerated, so it runs on any size.
 *
 * <p>Records in the journey but not in the truth (or the other way round) are left out. Records
 * that carry no identifier at all (a post on a review site) can never be linked: {@link #compute}
 * counts them, as the misses they are, and {@link #computeIdentified} leaves them out. Report both:
 * on the sample data the anonymous posts alone cost the first figure about 7 points of recall.
 * Neither is the best an exact-match merge could do: a record with a valid identifier that no
 * other record of its customer carries (a browser that never left its number, a placeholder
 * typed where the phone should be) stays on its own in any deterministic merge.
 */
public final class IdentityQuality {
  private IdentityQuality() {}

  /**
   * @param records records compared (in both journey and truth)
   * @param anonymousRecords of those, records alone in the merge whose truth customer has other
   *     records (missed entirely, whatever the reason; reported as {@code missed_single_records})
   */
  public record Figures(long records, long anonymousRecords, long truePairs, long predictedPairs,
      long actualPairs) {
    public double precision() {
      return predictedPairs == 0 ? 1.0 : (double) truePairs / predictedPairs;
    }

    public double recall() {
      return actualPairs == 0 ? 1.0 : (double) truePairs / actualPairs;
    }

    /** One line for a report. */
    public String summary() {
      return String.format(Locale.ROOT, "records=%d precision=%.4f recall=%.4f true_pairs=%d predicted_pairs=%d"
          + " actual_pairs=%d missed_single_records=%d", records, precision(), recall(), truePairs, predictedPairs,
          actualPairs, anonymousRecords);
    }
  }

  /**
   * @param journey {@link CustomerJourneySchema} rows
   * @param truth {@code record_id, customer_key}
   */
  public static Figures compute(Dataset<Row> journey, Dataset<Row> truth) {
    return compute(journey, truth, null);
  }

  /**
   * The same, over the records that carry at least one valid identifier only: what deterministic
   * merge could link at all.
   *
   * @param identityRecords {@link IdentityRecordsSchema} rows of the same run
   */
  public static Figures computeIdentified(Dataset<Row> journey, Dataset<Row> truth, Dataset<Row> identityRecords) {
    return compute(journey, truth, identityRecords.where(functions.size(col(IdentityRecordsSchema.IDENTIFIERS)).gt(0))
        .select(col(IdentityRecordsSchema.RECORD_ID).as("record_id")));
  }

  private static Figures compute(Dataset<Row> journey, Dataset<Row> truth, Dataset<Row> only) {
    Dataset<Row> all = journey.select(coalesce(col(CustomerJourneySchema.EVENT_ID),
            col(CustomerJourneySchema.INTERACTION_ID)).as("record_id"), col(CustomerJourneySchema.ONE_ID))
        .join(truth.select("record_id", "customer_key").distinct(), "record_id");
    Dataset<Row> joined = (only == null ? all : all.join(only, "record_id")).cache();
    try {
      long records = joined.count();
      long truePairs = pairs(joined, CustomerJourneySchema.ONE_ID, "customer_key");
      long predicted = pairs(joined, CustomerJourneySchema.ONE_ID);
      long actual = pairs(joined, "customer_key");
      Dataset<Row> singles = joined.groupBy(CustomerJourneySchema.ONE_ID).count().where(col("count").equalTo(1))
          .select(CustomerJourneySchema.ONE_ID);
      long missed = joined.join(singles, CustomerJourneySchema.ONE_ID)
          .join(joined.groupBy("customer_key").count().where(col("count").gt(1)).select("customer_key"), "customer_key")
          .count();
      return new Figures(records, missed, truePairs, predicted, actual);
    } finally {
      joined.unpersist();
    }
  }

  private static long pairs(Dataset<Row> rows, String... groupBy) {
    Row r = rows.groupBy(groupBy[0], java.util.Arrays.copyOfRange(groupBy, 1, groupBy.length)).count()
        .agg(sum(col("count").multiply(col("count").minus(1)).divide(2)).cast("long"))
        .first();
    return r.isNullAt(0) ? 0 : r.getLong(0);
  }
}
