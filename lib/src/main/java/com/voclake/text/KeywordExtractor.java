package com.voclake.text;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.TextConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Top keywords per interaction, for hot-topic lists, by one of two methods
 * ({@link TextConfig.KeywordsMethod}):
 *
 * <ul>
 *   <li>TF-IDF over one day's interactions: tf = count of the token in the interaction,
 *       idf = ln((1 + N) / (1 + df)) + 1 with N the day's interactions and df those that use the
 *       token. Each interaction's candidates are counted in its own pass ({@link #termCounts});
 *       one aggregation over the day gives df ({@link #documentFrequencies}), which is broadcast
 *       to pick each interaction's best ({@link #tfIdfKeywords}).
 *   <li>TextRank within each interaction ({@link #textRank}): PageRank (damping 0.85) over the
 *       graph of candidates that occur within {@value #WINDOW} candidates of each other, as in
 *       HanLP's {@code TextRankKeyword}, but on the job's own tokens (so the user dictionary and
 *       PII scrubbing hold).
 * </ul>
 *
 * <p>Candidates ({@link #isCandidate}) are content tokens of at least two characters made of
 * letters only (Han or Latin: no digits, no PII placeholders, no punctuation) that are not stop
 * words. Ties go to the token that sorts first (TF-IDF: by code point, as Spark sorts strings),
 * so results are deterministic.
 */
public final class KeywordExtractor {
  public static final String ID = Categorizer.ID;
  public static final String KEYWORDS = "keywords";
  /** Field names of a term count, the element type of {@link #TERMS_TYPE}. */
  public static final String TERM = "term";
  public static final String COUNT = "count";
  /** array<struct<term, count>>: an interaction's candidates and how often each occurs. */
  public static final ArrayType TERMS_TYPE = DataTypes.createArrayType(new StructType()
      .add(TERM, DataTypes.StringType, false)
      .add(COUNT, DataTypes.IntegerType, false), false);
  static final int WINDOW = 5;
  private static final double DAMPING = 0.85;
  private static final int MAX_ITERATIONS = 100;
  private static final double TOLERANCE = 1e-6;
  private static final Pattern LETTERS = Pattern.compile("[\\p{IsHan}\\p{IsLatin}]+");

  private KeywordExtractor() {}

  /** Whether a (lower-cased) token may be a keyword. */
  public static boolean isCandidate(String token, Set<String> stopwords) {
    return token != null && token.codePointCount(0, token.length()) >= 2 && lettersOnly(token)
        && !stopwords.contains(token);
  }

  /** Han or Latin letters only ({@code [\p{IsHan}\p{IsLatin}]+}), with a fast path for common characters. */
  private static boolean lettersOnly(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      // U+4E00 to U+9FA5: the ideographs in Unicode since 1.1, Han in every JDK's tables.
      boolean common = c >= '\u4E00' && c <= '\u9FA5' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
      if (!common) {
        return LETTERS.matcher(token).matches();
      }
    }
    return !token.isEmpty();
  }

  /** One candidate of an interaction and its count there (tf). */
  public record Term(String term, int count) implements Serializable {}

  /** The candidates among {@code tokens} with their counts, in order of first occurrence. */
  public static List<Term> termCounts(List<String> tokens, Set<String> stopwords) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (String token : tokens) {
      int[] count = counts.get(token);
      if (count != null) {
        count[0]++;
      } else if (isCandidate(token, stopwords)) {
        counts.put(token, new int[] {1});
      }
    }
    List<Term> terms = new ArrayList<>(counts.size());
    counts.forEach((term, count) -> terms.add(new Term(term, count[0])));
    return terms;
  }

  /**
   * The best {@code limit} of one interaction's terms by TF-IDF, best first.
   *
   * @param documentFrequency interactions of the day that use each term; a term missing from it
   *     counts as used by this interaction only
   * @param interactions N, the number of interactions of the day
   */
  public static List<String> topTfIdf(List<Term> terms, Map<String, Long> documentFrequency, long interactions,
      int limit) {
    List<Map.Entry<String, Double>> scored = new ArrayList<>(terms.size());
    for (Term t : terms) {
      long df = documentFrequency.getOrDefault(t.term(), 1L);
      // StrictMath, as Spark's own log: the same bits on every JVM and platform.
      double idf = StrictMath.log(((double) interactions + 1) / (df + 1)) + 1;
      scored.add(Map.entry(t.term(), t.count() * idf));
    }
    scored.sort(Map.Entry.<String, Double>comparingByValue().reversed()
        .thenComparing(Map.Entry::getKey, KeywordExtractor::compareCodePoints));
    List<String> top = new ArrayList<>(Math.min(limit, scored.size()));
    for (int i = 0; i < scored.size() && i < limit; i++) {
      top.add(scored.get(i).getKey());
    }
    return top;
  }

  /**
   * Document frequencies of the terms in {@code termsColumn} (of {@link #TERMS_TYPE}) over all
   * rows, collected to the driver (a day's vocabulary is at most some hundred thousand words, a
   * few MB). One pass without a shuffle: each task counts its partition's terms in a hash map and
   * the driver adds the maps up, where a groupBy would add a shuffle and two more stages to what
   * is a small sum. The tasks read Spark's internal rows, so a term is decoded to a Java string
   * once per partition, not once per row. Runs a Spark job: {@code rows} should be materialized.
   */
  public static Map<String, Long> documentFrequencies(Dataset<Row> rows, String termsColumn) {
    List<HashMap<String, Long>> partials = rows.select(col(termsColumn).getField(TERM)).queryExecution().toRdd()
        .toJavaRDD()
        .mapPartitions((FlatMapFunction<Iterator<InternalRow>, HashMap<String, Long>>) partition -> {
          // The strings point into buffers the scan reuses: a new key is copied before it is kept.
          HashMap<UTF8String, long[]> counts = new HashMap<>();
          while (partition.hasNext()) {
            InternalRow r = partition.next();
            if (r.isNullAt(0)) {
              continue;
            }
            ArrayData terms = r.getArray(0);
            for (int i = 0; i < terms.numElements(); i++) {
              UTF8String term = terms.getUTF8String(i);
              long[] count = counts.get(term);
              if (count == null) {
                counts.put(term.clone(), new long[] {1});
              } else {
                count[0]++;
              }
            }
          }
          HashMap<String, Long> df = new HashMap<>(counts.size() * 2);
          counts.forEach((term, count) -> df.put(term.toString(), count[0]));
          return List.of(df).iterator();
        }).collect();
    Map<String, Long> df = new HashMap<>();
    for (Map<String, Long> partial : partials) {
      partial.forEach((term, count) -> df.merge(term, count, Long::sum));
    }
    return df;
  }

  /**
   * TF-IDF keywords of each row's {@code termsColumn} (array<string>, best first, empty without a
   * candidate) against the document frequencies of all of {@code rows} ({@link
   * #documentFrequencies}, computed here, broadcast to the executors): a column to select on
   * {@code rows} or on a plan built from it.
   *
   * @param interactions N, the number of interactions of the day
   */
  public static Column tfIdfKeywords(Dataset<Row> rows, String termsColumn, long interactions, int perInteraction) {
    return tfIdfKeywords(rows.sparkSession(), col(termsColumn), documentFrequencies(rows, termsColumn), interactions,
        perInteraction);
  }

  /**
   * TF-IDF keywords of each row's {@code terms} (of {@link #TERMS_TYPE}) against given document
   * frequencies (broadcast to the executors): {@code documentFrequency} of {@code interactions}
   * documents. With none (N = 0), every term has the same IDF and the keywords are the most
   * frequent terms.
   */
  public static Column tfIdfKeywords(SparkSession spark, Column terms, Map<String, Long> documentFrequency,
      long interactions, int perInteraction) {
    Broadcast<Map<String, Long>> shared = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .broadcast(documentFrequency);
    UserDefinedFunction top = functions.udf((UDF1<Seq<Row>, List<String>>) seq -> {
      if (seq == null) {
        return List.of();
      }
      List<Term> found = new ArrayList<>(seq.size());
      for (Row r : CollectionConverters.asJava(seq)) {
        found.add(new Term(r.getString(0), r.getInt(1)));
      }
      return topTfIdf(found, shared.value(), interactions, perInteraction);
    }, DataTypes.createArrayType(DataTypes.StringType, false));
    return top.apply(terms);
  }

  /**
   * {@link KeywordFrequencySchema} rows of {@code rows}: per {@code dt}, the documents that use
   * each term of {@code termsColumn}, and (term null) the documents.
   */
  public static Dataset<Row> frequencies(Dataset<Row> rows, String termsColumn, String dtColumn) {
    Dataset<Row> terms = rows.select(col(dtColumn).as(KeywordFrequencySchema.DT),
            functions.explode(col(termsColumn).getField(TERM)).as(KeywordFrequencySchema.TERM))
        .groupBy(KeywordFrequencySchema.DT, KeywordFrequencySchema.TERM)
        .agg(functions.count(functions.lit(1)).as(KeywordFrequencySchema.DOCUMENTS));
    Dataset<Row> documents = rows.groupBy(col(dtColumn).as(KeywordFrequencySchema.DT))
        .agg(functions.count(functions.lit(1)).as(KeywordFrequencySchema.DOCUMENTS))
        .select(col(KeywordFrequencySchema.DT), functions.lit(null).cast("string").as(KeywordFrequencySchema.TERM),
            col(KeywordFrequencySchema.DOCUMENTS));
    return terms.unionByName(documents);
  }

  /** Spark's order of strings (UTF-8 bytes, i.e. code points), which differs from String's for surrogates. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
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
