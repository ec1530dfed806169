package com.voclake.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The best recall any exact-match merge could reach on a run's records: records of the same truth
 * customer are put together wherever they share a valid identifier (blocked ones included), and
 * nothing else is. What this misses no deterministic rule can link without guessing (a record
 * with no identifier, a placeholder phone, a browser that never left its number). Collected on the
 * driver: for the sample and generated sets of the quality report, not for production sizes.
 */
final class ExactMatchCeiling {
  private ExactMatchCeiling() {}

  /** Pairs a perfect exact-match merge would find, of all true pairs. */
  record Ceiling(long records, long linkablePairs, long actualPairs) {
    double recall() {
      return actualPairs == 0 ? 1.0 : (double) linkablePairs / actualPairs;
    }

    String summary() {
      return String.format(Locale.ROOT, "records=%d recall_ceiling=%.4f linkable_pairs=%d actual_pairs=%d",
          records, recall(), linkablePairs, actualPairs);
    }
  }

  /**
   * @param identityRecords {@link IdentityRecordsSchema} rows of the run
   * @param truth {@code record_id, customer_key}
   * @param identifiedOnly count only records with at least one valid identifier (as
   *     {@link IdentityQuality#computeIdentified} does)
   */
  static Ceiling compute(Dataset<Row> identityRecords, Dataset<Row> truth, boolean identifiedOnly) {
    Dataset<Row> records = identityRecords.select(IdentityRecordsSchema.RECORD_ID, IdentityRecordsSchema.IDENTIFIERS);
    if (identifiedOnly) {
      records = records.where(functions.size(functions.col(IdentityRecordsSchema.IDENTIFIERS)).gt(0));
    }
    Map<String, List<List<String>>> byCustomer = new HashMap<>();
    for (Row r : records.join(truth.select("record_id", "customer_key").distinct(), "record_id")
        .select(functions.col("customer_key"), functions.col(IdentityRecordsSchema.IDENTIFIERS + "."
            + IdentityRecordsSchema.ID_HASH)).collectAsList()) {
      byCustomer.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getList(1));
    }
    long count = 0;
    long linkable = 0;
    long actual = 0;
    for (List<List<String>> recs : byCustomer.values()) {
      int n = recs.size();
      count += n;
      actual += (long) n * (n - 1) / 2;
      int[] parent = new int[n];
      Map<String, Integer> firstWith = new HashMap<>();
      for (int i = 0; i < n; i++) {
        parent[i] = i;
        for (String hash : recs.get(i)) {
          Integer other = firstWith.putIfAbsent(hash, i);
          if (other != null) {
            parent[find(parent, i)] = find(parent, other);
          }
        }
      }
      Map<Integer, Long> sizes = new HashMap<>();
      for (int i = 0; i < n; i++) {
        sizes.merge(find(parent, i), 1L, Long::sum);
      }
      for (long size : sizes.values()) {
        linkable += size * (size - 1) / 2;
      }
    }
    return new Ceiling(count, linkable, actual);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }
}
