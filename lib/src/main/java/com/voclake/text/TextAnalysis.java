package com.voclake.text;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import com.voclake.io.InteractionSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The per-interaction part of enrichment: which text is analysed, its normalisation and PII
 * scrubbing (native column functions), tokenizing ({@link HanLPTokenizer}) and sentiment
 * ({@link SentimentScorer} in a UDF). Adds {@link #UNITS} and {@link #ANALYSIS} (of type
 * {@link #ANALYSIS_TYPE}) to the interactions; pure.
 */
public final class TextAnalysis {
  /** array<string>: the analysed texts, normalised and scrubbed: customer turns, or the text. */
  public static final String UNITS = "_units";
  /** array<array<string>>: tokens of each unit. */
  public static final String UNIT_TOKENS = "_unit_tokens";
  /** struct of {@link #ANALYSIS_TYPE}. */
  public static final String ANALYSIS = "_analysis";

  public static final String SCORE = "score";
  public static final String UNIT_SCORES = "unit_scores";
  public static final String CLAUSES = "clauses";
  public static final String CHARS = "chars";
  public static final String CLAUSE_UNIT = "unit";
  public static final String CLAUSE_INDEX = "index";
  public static final String CLAUSE_TEXT = "text";
  public static final String CLAUSE_TOKENS = "tokens";
  public static final String CLAUSE_SCORE = "score";

  public static final StructType CLAUSE_TYPE = new StructType()
      .add(CLAUSE_UNIT, DataTypes.IntegerType, false)
      .add(CLAUSE_INDEX, DataTypes.IntegerType, false)
      .add(CLAUSE_TEXT, DataTypes.StringType, false)
      .add(CLAUSE_TOKENS, DataTypes.createArrayType(DataTypes.StringType, false), false)
      .add(CLAUSE_SCORE, DataTypes.DoubleType, false);
  public static final StructType ANALYSIS_TYPE = new StructType()
      .add(SCORE, DataTypes.DoubleType, false)
      .add(UNIT_SCORES, DataTypes.createArrayType(DataTypes.DoubleType, false), false)
      .add(CLAUSES, DataTypes.createArrayType(CLAUSE_TYPE, false), false)
      .add(CHARS, DataTypes.IntegerType, false);

  private TextAnalysis() {}

  /**
   * Adds {@link #UNITS}: the customer's turns in transcript order when the interaction has any
   * with text (agents and bots are not the customer's voice), else its {@code text}, else none.
   * Each unit is half-width and PII-scrubbed before anything else looks at it.
   */
  public static Dataset<Row> withUnits(Dataset<Row> interactions) {
    Column customerTurns = functions.filter(col(InteractionSchema.TURNS), t ->
        t.getField(InteractionSchema.TURN_SPEAKER).equalTo(lit(InteractionSchema.SPEAKER_CUSTOMER))
            .and(coalesce(functions.trim(t.getField(InteractionSchema.TURN_TEXT)), lit("")).notEqual(lit(""))));
    Column turnTexts = functions.transform(customerTurns, t -> t.getField(InteractionSchema.TURN_TEXT));
    Column text = col(InteractionSchema.TEXT);
    Column units = when(coalesce(size(customerTurns), lit(0)).gt(0), turnTexts)
        .when(coalesce(functions.trim(text), lit("")).notEqual(lit("")), functions.array(text))
        .otherwise(functions.array().cast(DataTypes.createArrayType(DataTypes.StringType)));
    return interactions.withColumn(UNITS, functions.transform(units, TextNormalizer::prepare));
  }

  /** Units, tokens and the sentiment analysis of every interaction. */
  public static Dataset<Row> analyse(Dataset<Row> interactions, TextResources resources, SentimentScorer scorer) {
    Dataset<Row> tokenized = new HanLPTokenizer()
        .setInputCol(UNITS)
        .setOutputCol(UNIT_TOKENS)
        .setDictionary(resources.dictionary())
        .transform(withUnits(interactions));
    // Tokens are dropped here so the optimizer inlines the tokenizer into the scorer's argument
    // once instead of evaluating it a second time for a tokens column.
    return tokenized.withColumn(ANALYSIS, scoreUdf(scorer).apply(col(UNIT_TOKENS))).drop(UNIT_TOKENS);
  }

  /**
   * The scorer as a UDF over {@code array<array<string>>}; the scorer travels in the closure.
   * Marked non-deterministic only so that Spark never copies the call into each field access of
   * its struct result (which would score every text once per field used).
   */
  public static UserDefinedFunction scoreUdf(SentimentScorer scorer) {
    return functions.udf((UDF1<Seq<Seq<String>>, Row>) units -> {
      List<List<String>> tokens = new ArrayList<>();
      if (units != null) {
        for (Seq<String> unit : CollectionConverters.asJava(units)) {
          tokens.add(unit == null ? List.of() : CollectionConverters.asJava(unit));
        }
      }
      return toRow(scorer.score(tokens));
    }, ANALYSIS_TYPE).asNondeterministic().asNonNullable();
  }

  static Row toRow(ScoredText scored) {
    List<Row> clauses = new ArrayList<>();
    for (ScoredText.Clause c : scored.clauses()) {
      clauses.add(RowFactory.create(c.unit(), c.index(), c.text(), c.tokens(), c.score()));
    }
    return RowFactory.create(scored.score(), scored.unitScores(), clauses, scored.chars());
  }

  /** Every content token of an interaction, lower-cased, in order: input of rules and keywords. */
  public static Column tokens() {
    return functions.flatten(functions.transform(col(ANALYSIS).getField(CLAUSES),
        c -> c.getField(CLAUSE_TOKENS)));
  }
}
