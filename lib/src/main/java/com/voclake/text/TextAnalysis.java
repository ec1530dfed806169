package com.voclake.text;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import com.voclake.config.TextConfig;
import com.voclake.io.InteractionSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The per-interaction part of enrichment, in one pass per interaction: the units' normalisation
 * and PII scrubbing ({@link TextNormalizer#prepare}), tokenizing ({@link HanLPRuntime}, the user
 * dictionary added once per executor JVM), clause sentiment ({@link SentimentScorer}), the request
 * category ({@link Categorizer}), the aspects ({@link AspectExtractor}), the emotion trajectory
 * ({@link EmotionTrajectory}) and the keyword candidates ({@link KeywordExtractor}).
 *
 * <p>Why one Java pass and not Spark joins: each of these reads only its own interaction's
 * tokens, and tokenizing is the expensive part. Exploding tokens and clauses to join them with
 * keyword tables cost many times the tokenizing itself in shuffles; here each step is a hash
 * lookup per token. Only TF-IDF keywords need the whole day (document frequencies), which the
 * enrich job adds afterwards from {@link #TERMS}.
 *
 * <p>{@link #analyse(Dataset)} is pure and adds the columns below; {@link #analyse(List, boolean)}
 * is the same analysis for one interaction in plain Java. Immutable, thread-safe and
 * serializable: it travels to the executors inside the task closure.
 */
public final class TextAnalysis implements Serializable {
  /** array<string>: the analysed texts, normalised and scrubbed: customer turns, or the text. */
  public static final String UNITS = "_units";
  /** double: the interaction's sentiment score in [-1, 1], not rounded. */
  public static final String SCORE = "_score";
  /** {@link KeywordExtractor#TERMS_TYPE}: keyword candidates and counts, for TF-IDF (empty for TextRank). */
  public static final String TERMS = "_terms";
  private static final String ANALYSIS = "_analysis";

  /**
   * The columns {@link #analyse(Dataset)} adds: {@link #UNITS}, {@link #SCORE},
   * {@code emotion_start/min/end} (not rounded; null without units), {@code escalate},
   * {@code text_chars}, {@code category_l1/l2}, {@code category_confidence} (not rounded),
   * {@code aspects}, {@code keywords} (TextRank; null for TF-IDF) and {@link #TERMS}.
   */
  public static final StructType ANALYSIS_TYPE = new StructType()
      .add(UNITS, DataTypes.createArrayType(DataTypes.StringType, true), false)
      .add(SCORE, DataTypes.DoubleType, false)
      .add(EnrichedInteractionSchema.EMOTION_START, DataTypes.DoubleType, true)
      .add(EnrichedInteractionSchema.EMOTION_MIN, DataTypes.DoubleType, true)
      .add(EnrichedInteractionSchema.EMOTION_END, DataTypes.DoubleType, true)
      .add(EnrichedInteractionSchema.ESCALATE, DataTypes.BooleanType, false)
      .add(EnrichedInteractionSchema.TEXT_CHARS, DataTypes.IntegerType, false)
      .add(EnrichedInteractionSchema.CATEGORY_L1, DataTypes.StringType, false)
      .add(EnrichedInteractionSchema.CATEGORY_L2, DataTypes.StringType, false)
      .add(EnrichedInteractionSchema.CATEGORY_CONFIDENCE, DataTypes.DoubleType, false)
      .add(EnrichedInteractionSchema.ASPECTS, DataTypes.createArrayType(AspectExtractor.ASPECT, false), false)
      .add(EnrichedInteractionSchema.KEYWORDS, DataTypes.createArrayType(DataTypes.StringType, false), true)
      .add(TERMS, KeywordExtractor.TERMS_TYPE, false);

  /**
   * One interaction's analysis.
   *
   * @param units the analysed texts, normalised and scrubbed
   * @param escalate the emotion trajectory calls for a supervisor and the interaction is a
   *     conversation (a single review or complaint has no conversation to step into)
   * @param keywords TextRank keywords, best first; null with TF-IDF, which needs the whole day
   * @param terms keyword candidates and counts for TF-IDF; empty with TextRank
   */
  public record Result(List<String> units, ScoredText scored, EmotionTrajectory emotion, boolean escalate,
      Categorizer.Category category, List<AspectExtractor.Aspect> aspects, List<String> keywords,
      List<KeywordExtractor.Term> terms) {

    /** Every content token, lower-cased, in order: what categories and keywords read. */
    public List<String> tokens() {
      return contentTokens(scored);
    }
  }

  private final List<String> dictionary;
  private final String fingerprint;
  private final SentimentScorer scorer;
  private final Categorizer categorizer;
  private final AspectExtractor aspects;
  private final Set<String> stopwords;
  private final TextConfig.KeywordsMethod keywordsMethod;
  private final int keywordsPerInteraction;
  private final double escalateBelow;
  private final double escalateDrop;

  /** The lexicon scorer and the taxonomy's keyword rules. */
  public static TextAnalysis of(TextResources resources, TextConfig config) {
    return new TextAnalysis(resources, LexiconSentimentScorer.of(resources),
        new KeywordRuleCategorizer(resources.taxonomy()), config);
  }

  public TextAnalysis(TextResources resources, SentimentScorer scorer, Categorizer categorizer, TextConfig config) {
    this.dictionary = resources.dictionary();
    this.fingerprint = HanLPRuntime.fingerprint(dictionary);
    this.scorer = scorer;
    this.categorizer = categorizer;
    this.aspects = new AspectExtractor(resources.features(), config.neutralBand());
    this.stopwords = resources.stopwords();
    this.keywordsMethod = config.keywordsMethod();
    this.keywordsPerInteraction = config.keywordsPerInteraction();
    this.escalateBelow = config.escalateBelow();
    this.escalateDrop = config.escalateDrop();
  }

  /**
   * Analyses one interaction.
   *
   * @param units its customer's texts as written (turns in order, or the one text), before
   *     normalisation and scrubbing
   * @param conversation whether it has turns (only conversations escalate)
   */
  public Result analyse(List<String> units, boolean conversation) {
    HanLPRuntime.ensureDictionary(fingerprint, dictionary);
    List<String> prepared = new ArrayList<>(units.size());
    List<List<String>> tokens = new ArrayList<>(units.size());
    for (String unit : units) {
      String text = TextNormalizer.prepare(unit);
      prepared.add(text);
      tokens.add(HanLPRuntime.tokenize(text));
    }
    ScoredText scored = scorer.score(tokens);
    List<String> content = contentTokens(scored);
    EmotionTrajectory emotion = EmotionTrajectory.of(scored.unitScores(), escalateBelow, escalateDrop);
    boolean textRank = keywordsMethod == TextConfig.KeywordsMethod.TEXTRANK;
    return new Result(prepared, scored, emotion, conversation && emotion.escalate(), categorizer.categorize(content),
        aspects.extract(scored.clauses()),
        textRank ? KeywordExtractor.textRank(content, stopwords, keywordsPerInteraction) : null,
        textRank ? List.of() : KeywordExtractor.termCounts(content, stopwords));
  }

  private static List<String> contentTokens(ScoredText scored) {
    List<String> tokens = new ArrayList<>();
    for (ScoredText.Clause c : scored.clauses()) {
      tokens.addAll(c.tokens());
    }
    return tokens;
  }

  /**
   * Adds the columns of {@link #ANALYSIS_TYPE} to interactions (with {@code text} and
   * {@code turns}); pure. The units are the customer's turns in transcript order when the
   * interaction has any with text (agents and bots are not the customer's voice), else its
   * {@code text}, else none.
   */
  public Dataset<Row> analyse(Dataset<Row> interactions) {
    Column customerTurns = functions.filter(col(InteractionSchema.TURNS), t ->
        t.getField(InteractionSchema.TURN_SPEAKER).equalTo(lit(InteractionSchema.SPEAKER_CUSTOMER))
            .and(coalesce(functions.trim(t.getField(InteractionSchema.TURN_TEXT)), lit("")).notEqual(lit(""))));
    Column text = col(InteractionSchema.TEXT);
    Column units = when(coalesce(size(customerTurns), lit(0)).gt(0),
            functions.transform(customerTurns, t -> t.getField(InteractionSchema.TURN_TEXT)))
        .when(coalesce(functions.trim(text), lit("")).notEqual(lit("")), functions.array(text))
        .otherwise(functions.array().cast(DataTypes.createArrayType(DataTypes.StringType)));
    Column conversation = coalesce(size(col(InteractionSchema.TURNS)).gt(0), lit(false));
    Dataset<Row> withAnalysis = interactions.withColumn(ANALYSIS, udf().apply(units, conversation));
    List<Column> columns = new ArrayList<>();
    for (String name : interactions.columns()) {
      columns.add(col(name));
    }
    for (String field : ANALYSIS_TYPE.fieldNames()) {
      columns.add(col(ANALYSIS).getField(field).as(field));
    }
    return withAnalysis.select(columns.toArray(new Column[0]));
  }

  /**
   * The analysis as a UDF of (units, conversation). Marked non-deterministic only so that Spark
   * never copies the call into each field access of its struct result (which would tokenize
   * every text once per column taken from it).
   */
  private UserDefinedFunction udf() {
    return functions.udf((UDF2<Seq<String>, Boolean, Row>) (units, conversation) ->
            toRow(analyse(units == null ? List.of() : CollectionConverters.asJava(units), conversation)),
        ANALYSIS_TYPE).asNondeterministic().asNonNullable();
  }

  private static Row toRow(Result r) {
    List<Row> aspects = new ArrayList<>(r.aspects().size());
    for (AspectExtractor.Aspect a : r.aspects()) {
      aspects.add(RowFactory.create(a.feature(), a.polarity(), a.snippet()));
    }
    List<Row> terms = new ArrayList<>(r.terms().size());
    for (KeywordExtractor.Term t : r.terms()) {
      terms.add(RowFactory.create(t.term(), t.count()));
    }
    return RowFactory.create(r.units(), r.scored().score(), r.emotion().start(), r.emotion().min(),
        r.emotion().end(), r.escalate(), r.scored().chars(), r.category().l1(), r.category().l2(),
        r.category().confidence(), aspects, r.keywords(), terms);
  }
}
