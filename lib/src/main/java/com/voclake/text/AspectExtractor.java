package com.voclake.text;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Product-feature mentions with their clause-level polarity.
 *
 * <p>One aspect per feature per interaction (de-duplicated per feature, so that counts of
 * "customers who mention 续航" and of aspects agree): its polarity is that of the mean score of
 * the clauses that mention the feature (neg / neu / pos by the neutral band), and its snippet is
 * the one of those clauses with the strongest sentiment (the earliest on a tie). A clause that
 * mentions two features counts for both. Aspects are ordered as the feature lexicon lists them.
 * Matching is an equi-join of the clauses' tokens with the broadcast trigger table; pure.
 */
public final class AspectExtractor {
  public static final String ID = Categorizer.ID;
  public static final String ASPECTS = "aspects";
  public static final String FEATURE = "feature";
  public static final String POLARITY = "polarity";
  public static final String SNIPPET = "snippet";
  public static final StructType ASPECT = new StructType()
      .add(FEATURE, DataTypes.StringType, true)
      .add(POLARITY, DataTypes.StringType, true)
      .add(SNIPPET, DataTypes.StringType, true);

  private static final String TRIGGER = "_trigger";
  private static final String RANK = "_feature_rank";
  private static final StructType TRIGGER_TABLE = new StructType()
      .add(TRIGGER, DataTypes.StringType, false)
      .add(FEATURE, DataTypes.StringType, false)
      .add(RANK, DataTypes.IntegerType, false);

  private AspectExtractor() {}

  /**
   * @param analysed interactions with {@code interaction_id} and {@link TextAnalysis#ANALYSIS}
   * @return {@code interaction_id}, {@code aspects} (array of {@link #ASPECT}); interactions
   *     without a mention are absent
   */
  public static Dataset<Row> extract(Dataset<Row> analysed, FeatureLexicon features, double neutralBand) {
    List<Row> rows = new ArrayList<>();
    for (FeatureLexicon.Feature f : features.features()) {
      for (String t : f.triggers()) {
        rows.add(RowFactory.create(t, f.name(), f.rank()));
      }
    }
    Dataset<Row> triggers = analysed.sparkSession().createDataFrame(rows, TRIGGER_TABLE);
    Dataset<Row> clauses = analysed
        .select(col(ID), functions.explode(col(TextAnalysis.ANALYSIS).getField(TextAnalysis.CLAUSES)).as("c"))
        .select(col(ID), col("c." + TextAnalysis.CLAUSE_INDEX).as("_clause"),
            col("c." + TextAnalysis.CLAUSE_TEXT).as("_text"), col("c." + TextAnalysis.CLAUSE_SCORE).as("_score"),
            functions.explode(functions.array_distinct(col("c." + TextAnalysis.CLAUSE_TOKENS))).as(TRIGGER));
    Dataset<Row> mentions = clauses
        .join(broadcast(triggers), TRIGGER)
        .dropDuplicates(ID, "_clause", FEATURE);
    Column strongest = functions.struct(functions.abs(col("_score")), col("_clause").multiply(-1));
    Dataset<Row> perFeature = mentions.groupBy(col(ID), col(FEATURE), col(RANK))
        .agg(functions.avg("_score").as("_mean"), functions.max_by(col("_text"), strongest).as(SNIPPET));
    return perFeature
        .select(col(ID), functions.struct(col(RANK), col(FEATURE),
            polarity(col("_mean"), neutralBand).as(POLARITY), col(SNIPPET)).as("_aspect"))
        .groupBy(ID)
        .agg(functions.array_sort(functions.collect_list("_aspect")).as("_sorted"))
        .select(col(ID), functions.transform(col("_sorted"), a -> functions.struct(
            a.getField(FEATURE).as(FEATURE), a.getField(POLARITY).as(POLARITY),
            a.getField(SNIPPET).as(SNIPPET))).as(ASPECTS));
  }

  /** neg / neu / pos of a score in [-1, 1]. */
  public static Column polarity(Column score, double neutralBand) {
    return when(score.gt(neutralBand), lit("pos")).when(score.lt(-neutralBand), lit("neg")).otherwise(lit("neu"));
  }
}
