package com.voclake.text;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Cold-start categorizer: the taxonomy's keyword rules.
 *
 * <p>Score of a category = sum of the weights of its keywords among the tokens (repeats count).
 * The best score wins; ties go to the category listed first in the taxonomy. Confidence =
 * (best / sum of all categories' scores) x (1 - e^-best): the share says how clearly it beats the
 * others, the second factor how much evidence there is (one plain keyword gives 0.63, a weight-3
 * keyword 0.95). Without a hit: the taxonomy's fallback, confidence 0.
 *
 * <p>Why a join and not a UDF: tokens are exploded and equi-joined with the keyword table, which
 * is broadcast (a few hundred rows), so matching is a hash lookup per token that Spark plans and
 * runs natively, and the scores are a plain aggregation. Matching whole tokens (every keyword is
 * in the tokenizer's dictionary) rather than substrings keeps 充电桩安装 from also counting for 充电.
 */
public final class KeywordRuleCategorizer implements Categorizer {
  private static final String KEYWORD = "_keyword";
  private static final String RANK = "_rank";
  private static final String WEIGHT = "_weight";
  private static final String SCORE = "_score";
  private static final StructType KEYWORD_TABLE = new StructType()
      .add(KEYWORD, DataTypes.StringType, false)
      .add(L1, DataTypes.StringType, false)
      .add(L2, DataTypes.StringType, false)
      .add(RANK, DataTypes.IntegerType, false)
      .add(WEIGHT, DataTypes.DoubleType, false);

  private final Taxonomy taxonomy;

  public KeywordRuleCategorizer(Taxonomy taxonomy) {
    this.taxonomy = taxonomy;
  }

  /** The keyword table: one row per (keyword, category). */
  Dataset<Row> keywordTable(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (Taxonomy.Category c : taxonomy.categories()) {
      for (Map.Entry<String, Double> k : c.keywords().entrySet()) {
        rows.add(RowFactory.create(k.getKey(), c.l1(), c.l2(), c.rank(), k.getValue()));
      }
    }
    return spark.createDataFrame(rows, KEYWORD_TABLE);
  }

  @Override
  public Dataset<Row> categorize(Dataset<Row> tokens) {
    Dataset<Row> hits = tokens
        .select(col(ID), functions.explode(col(TOKENS)).as(KEYWORD))
        .join(broadcast(keywordTable(tokens.sparkSession())), KEYWORD)
        .groupBy(col(ID), col(L1), col(L2), col(RANK))
        .agg(functions.sum(WEIGHT).as(SCORE));
    WindowSpec perInteraction = Window.partitionBy(ID);
    Dataset<Row> best = hits
        .withColumn("_total", functions.sum(SCORE).over(perInteraction))
        .withColumn("_order", functions.row_number().over(
            perInteraction.orderBy(col(SCORE).desc(), col(RANK).asc())))
        .where(col("_order").equalTo(1))
        .select(col(ID), col(L1), col(L2),
            functions.round(col(SCORE).divide(col("_total"))
                .multiply(lit(1).minus(functions.exp(col(SCORE).multiply(-1)))), 4).as(CONFIDENCE));
    return tokens.select(ID).join(best, new String[] {ID}, "left")
        .select(col(ID),
            coalesce(col(L1), lit(taxonomy.fallbackL1())).as(L1),
            coalesce(col(L2), lit(taxonomy.fallbackL2())).as(L2),
            coalesce(col(CONFIDENCE), lit(0.0)).as(CONFIDENCE));
  }
}
