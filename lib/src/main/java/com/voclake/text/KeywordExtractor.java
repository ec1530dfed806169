package com.voclake.text;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Top keywords per interaction by TF-IDF over one day's interactions: tf = count of the token in
 * the interaction, idf = ln((1 + N) / (1 + df)) + 1 with N the day's interactions and df those
 * that use the token. Candidates are content tokens of at least two characters made of letters
 * only (no digits, no placeholders, no punctuation) that are not stop words. Ties go to the token
 * that sorts first, so the result is deterministic. All native Spark; pure.
 */
public final class KeywordExtractor {
  public static final String ID = Categorizer.ID;
  public static final String TOKENS = Categorizer.TOKENS;
  public static final String KEYWORDS = "keywords";
  private static final String TOKEN = "_token";

  private KeywordExtractor() {}

  /**
   * @param tokens {@code interaction_id}, {@code tokens} (lower-cased content tokens)
   * @param interactions N, the number of interactions of the day
   * @return {@code interaction_id}, {@code keywords} (best first, at most {@code perInteraction});
   *     interactions without a candidate are absent
   */
  public static Dataset<Row> topKeywords(Dataset<Row> tokens, Set<String> stopwords, long interactions,
      int perInteraction) {
    List<String> stops = new ArrayList<>(stopwords);
    Dataset<Row> stopTable = tokens.sparkSession().createDataset(stops, Encoders.STRING()).toDF(TOKEN);
    Dataset<Row> counts = tokens
        .select(col(ID), functions.explode(col(TOKENS)).as(TOKEN))
        .where(functions.char_length(col(TOKEN)).geq(2)
            .and(col(TOKEN).rlike("^[\\p{IsHan}\\p{IsLatin}]+$")))
        .join(broadcast(stopTable), new String[] {TOKEN}, "left_anti")
        .groupBy(ID, TOKEN).count();
    Dataset<Row> scored = counts
        .withColumn("_df", functions.count(lit(1)).over(Window.partitionBy(TOKEN)))
        .withColumn("_tfidf", col("count").multiply(
            functions.log(lit((double) interactions + 1).divide(col("_df").plus(1))).plus(1)))
        .withColumn("_rank", functions.row_number().over(
            Window.partitionBy(ID).orderBy(col("_tfidf").desc(), col(TOKEN).asc())))
        .where(col("_rank").leq(perInteraction));
    return scored.groupBy(ID)
        .agg(functions.array_sort(functions.collect_list(functions.struct(col("_rank"), col(TOKEN)))).as("_ranked"))
        .select(col(ID), functions.transform(col("_ranked"), r -> r.getField(TOKEN)).as(KEYWORDS));
  }
}
