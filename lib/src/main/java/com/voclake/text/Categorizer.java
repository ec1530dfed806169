package com.voclake.text;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Assigns each interaction a request category. The seam where the keyword rules
 * ({@link KeywordRuleCategorizer}) and a trained MLlib model (a later {@code train} job) meet:
 * both take the same tokens and return the same columns, so the enrich job can use either, or
 * combine them.
 */
public interface Categorizer {
  String ID = "interaction_id";
  String TOKENS = "tokens";
  String L1 = "category_l1";
  String L2 = "category_l2";
  String CONFIDENCE = "category_confidence";

  /**
   * @param tokens one row per interaction: {@code interaction_id} and {@code tokens}
   *     (array<string>, lower-cased content tokens)
   * @return one row per input interaction: {@code interaction_id}, {@code category_l1},
   *     {@code category_l2} (never null) and {@code category_confidence} in [0, 1]
   */
  Dataset<Row> categorize(Dataset<Row> tokens);
}
