package com.voclake.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold-start categorizer: the taxonomy's keyword rules.
 *
 * <p>Score of a category = sum of the weights of its keywords among the tokens (repeats count).
 * The best score wins; ties go to the category listed first in the taxonomy. Confidence =
 * (best / sum of all categories' scores) x (1 - e^-best): the share says how clearly it beats the
 * others, the second factor how much evidence there is (one plain keyword gives 0.63, a weight-3
 * keyword 0.95). Without a hit: the taxonomy's fallback, confidence 0.
 *
 * <p>Tokens are matched whole (every keyword is in the tokenizer's dictionary) rather than as
 * substrings, which keeps 充电桩安装 from also counting for 充电: one hash lookup per token.
 * Immutable and thread-safe.
 */
public final class KeywordRuleCategorizer implements Categorizer {
  /** A keyword's weight for one category, by the category's position in the taxonomy. */
  private record Hit(int category, double weight) implements java.io.Serializable {}

  private final List<Taxonomy.Category> categories;
  private final Category fallback;
  private final Map<String, List<Hit>> hitsByKeyword = new HashMap<>();

  public KeywordRuleCategorizer(Taxonomy taxonomy) {
    this.categories = taxonomy.categories();
    this.fallback = new Category(taxonomy.fallbackL1(), taxonomy.fallbackL2(), 0.0);
    for (int i = 0; i < categories.size(); i++) {
      for (Map.Entry<String, Double> k : categories.get(i).keywords().entrySet()) {
        hitsByKeyword.computeIfAbsent(k.getKey(), w -> new ArrayList<>()).add(new Hit(i, k.getValue()));
      }
    }
  }

  @Override
  public Category categorize(List<String> tokens) {
    double[] scores = null;
    for (String token : tokens) {
      List<Hit> hits = hitsByKeyword.get(token);
      if (hits != null) {
        scores = scores == null ? new double[categories.size()] : scores;
        for (Hit hit : hits) {
          scores[hit.category()] += hit.weight();
        }
      }
    }
    if (scores == null) {
      return fallback;
    }
    int best = 0;
    double total = 0;
    for (int i = 0; i < scores.length; i++) {
      total += scores[i];
      // Categories are in taxonomy order, so a strict comparison leaves a tie to the earlier one.
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    double score = scores[best];
    Taxonomy.Category c = categories.get(best);
    // StrictMath: the same bits on every JVM and platform, as Spark's own exp gives them.
    return new Category(c.l1(), c.l2(), score / total * (1 - StrictMath.exp(-score)));
  }
}
