package com.voclake.text;

import java.io.Serializable;
import java.util.List;

/**
 * Assigns one interaction a request category from its tokens, in plain Java: enrichment calls it
 * inside its per-interaction pass ({@link TextAnalysis}), so an implementation must be
 * serializable, deterministic and thread-safe. The column names are those of the enriched table.
 */
public interface Categorizer extends Serializable {
  String ID = "interaction_id";
  String TOKENS = "tokens";
  String L1 = "category_l1";
  String L2 = "category_l2";
  String CONFIDENCE = "category_confidence";

  /**
   * A category and how sure the categorizer is of it.
   *
   * @param l1 first level, never null
   * @param l2 second level, never null
   * @param confidence in [0, 1], not rounded
   */
  record Category(String l1, String l2, double confidence) implements Serializable {}

  /**
   * @param tokens the interaction's content tokens, lower-cased, in order (see
   *     {@link ScoredText.Clause#tokens})
   */
  Category categorize(List<String> tokens);
}
