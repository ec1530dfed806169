package com.voclake.text;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.voclake.config.TextConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Top keywords per interaction, for hot-topic lists, by one of two methods
 * ({@link TextConfig.KeywordsMethod}):
 *
 * <ul>
 *   <li>TF-IDF over one day's interactions: tf = count of the token in the interaction,
 *       idf = ln((1 + N) / (1 + df)) + 1 with N the day's interactions and df those that use the
 *       token. All native Spark.
 *   <li>TextRank within each interaction: PageRank (damping 0.85) over the graph of candidates
 *       that occur within {@value #WINDOW} candidates of each other, as in HanLP's
 *       {@code TextRankKeyword}, but on the job's own tokens (so the user dictionary and PII
 *       scrubbing hold). A UDF: an iteration per text is nothing Spark can express.
 * </ul>
 *
 * <p>Candidates ({@link #isCandidate}) are content tokens of at least two characters made of
 * letters only (Han or Latin: no digits, no PII placeholders, no punctuation) that are not stop
 * words. Ties go to the token that sorts first, so results are deterministic. Pure.
 */
public final class KeywordExtractor {
  public static final String ID = Categorizer.ID;
  public static final String TOKENS = Categorizer.TOKENS;
  public static final String KEYWORDS = "keywords";
  static final int WINDOW = 5;
  private static final double DAMPING = 0.85;
  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-6;
  private static final String LETTERS = "^[\\p{IsHan}\\p{IsLatin}]+$";
  private static final Pattern LETTERS_PATTERN = Pattern.compile(LETTERS);
  private static final String TOKEN = "_token";

  private KeywordExtractor() {}

  /** Keywords by the configured method; see {@link #topKeywords} for the columns. */
  public static Dataset<Row> extract(Dataset<Row> tokens, Set<String> stopwords, long interactions,
      int perInteraction, TextConfig.KeywordsMethod method) {
    return switch (method) {
      case TFIDF -> topKeywords(tokens, stopwords, interactions, perInteraction);
      case TEXTRANK -> textRankKeywords(tokens, stopwords, perInteraction);
    };
  }

  /** Whether a (lower-cased) token may be a keyword. */
  public static boolean isCandidate(String token, Set<String> stopwords) {
    return token != null && token.codePointCount(0, token.length()) >= 2
        && LETTERS_PATTERN.matcher(token).matches() && !stopwords.contains(token);
  }

  /**
   * TF-IDF keywords.
   *
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
        .where(functions.char_length(col(TOKEN)).geq(2).and(col(TOKEN).rlike(LETTERS)))
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

  /** TextRank keywords; same columns as {@link #topKeywords}. */
  public static Dataset<Row> textRankKeywords(Dataset<Row> tokens, Set<String> stopwords, int perInteraction) {
    Set<String> stops = Set.copyOf(stopwords);
    UserDefinedFunction rank = functions.udf((UDF1<Seq<String>, List<String>>) seq ->
            seq == null ? List.of() : textRank(CollectionConverters.asJava(seq), stops, perInteraction),
        DataTypes.createArrayType(DataTypes.StringType, false));
    return tokens
        .select(col(ID), rank.apply(col(TOKENS)).as(KEYWORDS))
        .where(functions.size(col(KEYWORDS)).gt(0));
  }

  /** The best {@code limit} candidates of one text by TextRank, best first. */
  public static List<String> textRank(List<String> tokens, Set<String> stopwords, int limit) {
    List<String> words = new ArrayList<>();
    for (String token : tokens) {
      if (isCandidate(token, stopwords)) {
        words.add(token);
      }
    }
    Map<String, Set<String>> neighbours = new LinkedHashMap<>();
    for (int i = 0; i < words.size(); i++) {
      neighbours.computeIfAbsent(words.get(i), w -> new LinkedHashSet<>());
      for (int j = i + 1; j < Math.min(words.size(), i + WINDOW); j++) {
        if (!words.get(i).equals(words.get(j))) {
          neighbours.get(words.get(i)).add(words.get(j));
          neighbours.computeIfAbsent(words.get(j), w -> new LinkedHashSet<>()).add(words.get(i));
        }
      }
    }
    Map<String, Double> score = new HashMap<>();
    neighbours.keySet().forEach(w -> score.put(w, 1.0));
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      Map<String, Double> next = new HashMap<>();
      double change = 0;
      for (Map.Entry<String, Set<String>> e : neighbours.entrySet()) {
        double sum = 0;
        for (String other : e.getValue()) {
          sum += score.get(other) / neighbours.get(other).size();
        }
        double value = (1 - DAMPING) + DAMPING * sum;
        change = Math.max(change, Math.abs(value - score.get(e.getKey())));
        next.put(e.getKey(), value);
      }
      score.putAll(next);
      if (change < TOLERANCE) {
        break;
      }
    }
    return score.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .map(Map.Entry::getKey)
        .toList();
  }
}
