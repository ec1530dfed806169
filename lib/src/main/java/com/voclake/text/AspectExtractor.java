package com.voclake.text;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Product-feature mentions with their clause-level polarity, from one interaction's clauses.
 *
 * <p>One aspect per feature per interaction (de-duplicated per feature, so that counts of
 * "customers who mention 续航" and of aspects agree): its polarity is that of the mean score of
 * the clauses that mention the feature (neg / neu / pos by the neutral band), and its snippet is
 * the one of those clauses with the strongest sentiment (the earliest on a tie). A clause that
 * mentions two features counts for both, and once for a feature however many of its triggers it
 * holds. Aspects are ordered as the feature lexicon lists them. Plain Java, one hash lookup per
 * clause token; immutable and thread-safe.
 */
public final class AspectExtractor implements Serializable {
  public static final String ID = Categorizer.ID;
  public static final String ASPECTS = "aspects";
  public static final String FEATURE = "feature";
  public static final String POLARITY = "polarity";
  public static final String SNIPPET = "snippet";
  public static final StructType ASPECT = new StructType()
      .add(FEATURE, DataTypes.StringType, true)
      .add(POLARITY, DataTypes.StringType, true)
      .add(SNIPPET, DataTypes.StringType, true);

  /** One aspect: a feature, the polarity of its clauses (neg / neu / pos) and its strongest clause. */
  public record Aspect(String feature, String polarity, String snippet) implements Serializable {}

  private final List<FeatureLexicon.Feature> features;
  private final Map<String, List<FeatureLexicon.Feature>> featuresByTrigger;
  private final double neutralBand;

  public AspectExtractor(FeatureLexicon features, double neutralBand) {
    this.features = features.features();
    this.featuresByTrigger = features.byTrigger();
    this.neutralBand = neutralBand;
  }

  /** The aspects of one interaction's clauses (in clause order); empty when no feature is mentioned. */
  public List<Aspect> extract(List<ScoredText.Clause> clauses) {
    // Indexed by feature rank: the lexicon's order is the output order.
    double[] sum = null;
    int[] mentions = null;
    int[] lastClause = null;
    ScoredText.Clause[] strongest = null;
    for (int c = 0; c < clauses.size(); c++) {
      ScoredText.Clause clause = clauses.get(c);
      for (String token : clause.tokens()) {
        List<FeatureLexicon.Feature> mentioned = featuresByTrigger.get(token);
        if (mentioned == null) {
          continue;
        }
        if (sum == null) {
          sum = new double[features.size()];
          mentions = new int[features.size()];
          lastClause = new int[features.size()];
          java.util.Arrays.fill(lastClause, -1);
          strongest = new ScoredText.Clause[features.size()];
        }
        for (FeatureLexicon.Feature f : mentioned) {
          int r = f.rank();
          if (lastClause[r] == c) {
            continue;
          }
          lastClause[r] = c;
          sum[r] += clause.score();
          mentions[r]++;
          // Strictly stronger only: on a tie the earlier clause stays.
          if (strongest[r] == null || Math.abs(clause.score()) > Math.abs(strongest[r].score())) {
            strongest[r] = clause;
          }
        }
      }
    }
    if (sum == null) {
      return List.of();
    }
    List<Aspect> aspects = new ArrayList<>();
    for (int r = 0; r < sum.length; r++) {
      if (mentions[r] > 0) {
        aspects.add(new Aspect(features.get(r).name(), polarity(sum[r] / mentions[r], neutralBand),
            strongest[r].text()));
      }
    }
    return aspects;
  }

  /** neg / neu / pos of a score in [-1, 1]. */
  public static String polarity(double score, double neutralBand) {
    return score > neutralBand ? EnrichedInteractionSchema.POS
        : score < -neutralBand ? EnrichedInteractionSchema.NEG : EnrichedInteractionSchema.NEU;
  }

  /** {@link #polarity(double, double)} as a column expression, for scores that only exist as columns. */
  public static Column polarity(Column score, double neutralBand) {
    return when(score.gt(neutralBand), lit(EnrichedInteractionSchema.POS))
        .when(score.lt(-neutralBand), lit(EnrichedInteractionSchema.NEG)).otherwise(lit(EnrichedInteractionSchema.NEU));
  }
}
