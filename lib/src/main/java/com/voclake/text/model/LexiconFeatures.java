package com.voclake.text.model;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.voclake.VoclakeException;
import com.voclake.text.FeatureLexicon;
import com.voclake.text.LexiconSentimentScorer;
import com.voclake.text.ScoredText;
import com.voclake.text.SentimentLexicon;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * The project's lexicon reading of a text as model features: for each token column (HanLP tokens
 * with punctuation, which bounds the clauses), {@link LexiconSentimentScorer}'s score (negation
 * and degree scope, contrast weighting, feature context words: 油耗 + 高 reads negative) and how
 * many clauses read positive and negative (log(1 + n)). Three values per column, in column order.
 *
 * <p>The lexicon travels inside the stage (a JSON param), so a saved model scores the same way
 * whatever lexicon files the enrich run that loads it is configured with. Immutable once set.
 */
public class LexiconFeatures extends Transformer implements DefaultParamsWritable {
  static final int PER_COLUMN = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String uid;
  private final StringArrayParam inputCols;
  private final Param<String> outputCol;
  private final Param<String> lexicon;

  public LexiconFeatures() {
    this(Identifiable$.MODULE$.randomUID("lexiconFeatures"));
  }

  public LexiconFeatures(String uid) {
    this.uid = uid;
    this.inputCols = new StringArrayParam(this, "inputCols", "token columns, each scored on its own");
    this.outputCol = new Param<>(this, "outputCol", "vector of three values per input column");
    this.lexicon = new Param<>(this, "lexicon", "the sentiment and feature lexicons, as JSON");
  }

  /** The reader {@code Pipeline.load} finds by reflection. */
  public static MLReader<LexiconFeatures> read() {
    return new DefaultParamsReader<>();
  }

  // Spark finds a stage's params through public methods like these.
  public StringArrayParam inputCols() {
    return inputCols;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public Param<String> lexicon() {
    return lexicon;
  }

  public LexiconFeatures setInputCols(String... value) {
    set(inputCols, value);
    return this;
  }

  public LexiconFeatures setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public LexiconFeatures setLexicon(SentimentLexicon sentiment, FeatureLexicon features) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("polarity", sentiment.polarity());
    out.put("negation", sentiment.negation());
    out.put("degree", sentiment.degree());
    out.put("contrast", sentiment.contrast());
    out.put("features", features.features());
    try {
      set(lexicon, JSON.writeValueAsString(out));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** The scorer the JSON param describes. */
  LexiconSentimentScorer scorer() {
    try {
      Map<String, Object> in = JSON.readValue($(lexicon), new TypeReference<Map<String, Object>>() {});
      List<FeatureLexicon.Feature> features = JSON.convertValue(in.get("features"),
          new TypeReference<List<FeatureLexicon.Feature>>() {});
      SentimentLexicon sentiment = new SentimentLexicon(
          JSON.convertValue(in.get("polarity"), new TypeReference<Map<String, Double>>() {}),
          JSON.convertValue(in.get("negation"), new TypeReference<java.util.Set<String>>() {}),
          JSON.convertValue(in.get("degree"), new TypeReference<Map<String, Double>>() {}),
          JSON.convertValue(in.get("contrast"), new TypeReference<java.util.Set<String>>() {}));
      return new LexiconSentimentScorer(sentiment, new FeatureLexicon(features));
    } catch (JsonProcessingException e) {
      throw VoclakeException.of("LexiconFeatures %s: unreadable lexicon (%s)", uid, e.getMessage());
    }
  }

  /** The features of one text's tokens; pure. */
  static double[] features(LexiconSentimentScorer scorer, List<String> tokens) {
    ScoredText scored = scorer.score(List.of(tokens == null ? List.of() : tokens));
    int positive = 0;
    int negative = 0;
    for (ScoredText.Clause c : scored.clauses()) {
      positive += c.score() > 0 ? 1 : 0;
      negative += c.score() < 0 ? 1 : 0;
    }
    return new double[] {scored.score(), Math.log1p(positive), Math.log1p(negative)};
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    LexiconSentimentScorer scorer = scorer();
    int columns = $(inputCols).length;
    UDF1<Row, Vector> udf = row -> {
      double[] out = new double[PER_COLUMN * columns];
      for (int c = 0; c < columns; c++) {
        List<String> tokens = row.isNullAt(c) ? List.of() : row.<String>getList(c);
        System.arraycopy(features(scorer, tokens), 0, out, c * PER_COLUMN, PER_COLUMN);
      }
      return Vectors.dense(out);
    };
    Column[] in = Arrays.stream($(inputCols)).map(c -> col(c)).toArray(Column[]::new);
    return dataset.withColumn($(outputCol),
        functions.udf(udf, SQLDataTypes.VectorType()).apply(functions.struct(in)));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!isDefined(inputCols) || !isDefined(outputCol) || !isDefined(lexicon)) {
      throw VoclakeException.of("LexiconFeatures %s needs inputCols, outputCol and a lexicon", uid);
    }
    List<String> have = new ArrayList<>(Arrays.asList(schema.fieldNames()));
    for (String c : $(inputCols)) {
      if (!have.contains(c)) {
        throw VoclakeException.of("LexiconFeatures: input column %s is not in %s", c, schema.simpleString());
      }
    }
    return schema.add($(outputCol), SQLDataTypes.VectorType(), true);
  }

  @Override
  public LexiconFeatures copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }
}
