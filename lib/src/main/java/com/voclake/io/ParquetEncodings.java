package com.voclake.io;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parquet writer settings for VOCLake's tables. Parquet dictionary-encodes the first page of every
 * column chunk and only then finds out whether the dictionary pays off. For a column whose values
 * are (nearly) all distinct, such as a key or a hash, it does not: the page is written again plain.
 * In the small files of per-date partitions that first page is most of the file, so nearly every
 * value was hashed into a dictionary for nothing; at 2 M events these columns cost about a tenth
 * of a full identity run's table writes. Columns with few values (channel, type, city) keep their
 * dictionaries.
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
