package com.voclake.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parquet writer settings for VOCLake's tables. Parquet starts every column chunk with a dictionary
 * and drops it only once the dictionary outgrows its page (about 15,000 identifier hashes): for a
 * column whose values are (nearly) all distinct, such as a key or a hash, that is hashing and
 * copying every value for nothing in the small files that per-date partitions hold. At 2 M events
 * these columns cost about a tenth of a full identity run's writing time; without a dictionary they
 * are written plain and compressed like any page, while columns with few values (channel, type,
 * city) keep theirs.
 */
public final class ParquetEncodings {
  /**
   * Parquet column paths ({@code a.list.element.b} inside arrays) whose values are unique or close
   * to it in every table that has them: keys, hashes, masked contacts.
   */
  public static final List<String> WITHOUT_DICTIONARY = List.of(
      "record_key", "record_id", TouchpointSchema.EVENT_ID, InteractionSchema.INTERACTION_ID, "one_id",
      "id_hash", "id_masked", "identifiers.list.element.id_hash", "identifiers.list.element.id_masked",
      "phone_masked", "email_masked", "merged_one_id", "surviving_one_id", "via_id_hash");

  private ParquetEncodings() {}

  /** Hadoop configuration entries (parquet-mr's per-column form) that turn those dictionaries off. */
  public static Map<String, String> hadoopSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String column : WITHOUT_DICTIONARY) {
      settings.put("parquet.enable.dictionary#" + column, "false");
    }
    return settings;
  }
}
