package com.voclake.text;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import org.apache.spark.sql.types.StructType;

/**
 * {@code voc/keyword_frequencies}: per landing date, how many enriched interactions use each
 * keyword candidate, and (the row whose {@code term} is null) how many interactions there were.
 * TF-IDF takes its document frequencies from the days before a batch, so a day's keywords do not
 * depend on how the day was cut into batches. Words only, no customer data.
 */
public final class KeywordFrequencySchema {
  public static final String DT = "dt";
  public static final String TERM = "term";
  public static final String DOCUMENTS = "documents";

  public static final StructType SCHEMA = new StructType()
      .add(DT, StringType, false)
      .add(TERM, StringType, true)
      .add(DOCUMENTS, LongType, false);

  private KeywordFrequencySchema() {}
}
