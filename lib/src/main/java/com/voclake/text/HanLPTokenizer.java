package com.voclake.text;

import static org.apache.spark.sql.functions.col;

import com.voclake.VoclakeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A Spark ML {@link Transformer} that tokenizes Chinese text with HanLP and the project's user
 * dictionary. Input column: {@code string} (output {@code array<string>}) or {@code array<string>}
 * (output {@code array<array<string>>}, one token list per element, e.g. per conversation turn).
 * Tokens keep their case, punctuation and spaces (see {@link HanLPRuntime#tokenize}); null input
 * gives null.
 *
 * <p>The dictionary lines are a parameter, so they travel inside the task closure and each
 * executor JVM adds them once ({@link HanLPRuntime#ensureDictionary}); for the few thousand
 * lines of a lexicon that is cheaper than a broadcast. Usable in a {@code Pipeline} like any
 * other stage, e.g. before a trained categorizer, and saved and loaded with it
 * ({@link DefaultParamsWritable}; {@link #read()}): the dictionary and stop words are params,
 * so a loaded pipeline tokenizes exactly as the one that was trained.
 *
 * <p>Optional steps, off by default (enrichment folds widths with a native column function and
 * keeps punctuation as clause boundaries): {@link #halfWidth()} folds full-width forms first,
 * {@link #contentOnly()} keeps only content tokens, lower-cased, and {@link #stopWords()} drops
 * those tokens (compared lower-cased).
 */
public class HanLPTokenizer extends Transformer implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final StringArrayParam dictionary;
  private final StringArrayParam stopWords;
  private final BooleanParam halfWidth;
  private final BooleanParam contentOnly;

  public HanLPTokenizer() {
    this(Identifiable$.MODULE$.randomUID("hanlpTokenizer"));
  }

  public HanLPTokenizer(String uid) {
    this.uid = uid;
    this.inputCol = new Param<>(this, "inputCol", "column of text (string or array<string>) to tokenize");
    this.outputCol = new Param<>(this, "outputCol", "column of tokens to add");
    this.dictionary = new StringArrayParam(this, "dictionary",
        "user dictionary lines 'word [nature frequency]' added to HanLP on every executor");
    this.stopWords = new StringArrayParam(this, "stopWords", "tokens to drop, compared lower-cased");
    this.halfWidth = new BooleanParam(this, "halfWidth", "fold full-width forms to half-width before tokenizing");
    this.contentOnly = new BooleanParam(this, "contentOnly",
        "keep only content tokens (no punctuation or spaces), lower-cased");
    setDefault(dictionary, new String[0]);
    setDefault(stopWords, new String[0]);
    setDefault(halfWidth, false);
    setDefault(contentOnly, false);
  }

  /** The reader {@code Pipeline.load} finds by reflection. */
  public static MLReader<HanLPTokenizer> read() {
    return new DefaultParamsReader<>();
  }

  public static HanLPTokenizer load(String path) {
    return read().load(path);
  }

  public StringArrayParam stopWords() {
    return stopWords;
  }

  public BooleanParam halfWidth() {
    return halfWidth;
  }

  public BooleanParam contentOnly() {
    return contentOnly;
  }

  public HanLPTokenizer setStopWords(java.util.Collection<String> words) {
    set(stopWords, words.stream().map(w -> w.toLowerCase(Locale.ROOT)).sorted().distinct().toArray(String[]::new));
    return this;
  }

  public HanLPTokenizer setHalfWidth(boolean value) {
    set(halfWidth, value);
    return this;
  }

  public HanLPTokenizer setContentOnly(boolean value) {
    set(contentOnly, value);
    return this;
  }

  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public StringArrayParam dictionary() {
    return dictionary;
  }

  public HanLPTokenizer setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public HanLPTokenizer setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  public HanLPTokenizer setDictionary(List<String> lines) {
    set(dictionary, lines.toArray(new String[0]));
    return this;
  }

  public String getInputCol() {
    return $(inputCol);
  }

  public String getOutputCol() {
    return $(outputCol);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType schema = transformSchema(dataset.schema());
    List<String> lines = Arrays.asList($(dictionary));
    String fingerprint = HanLPRuntime.fingerprint(lines);
    Options options = new Options(Set.of($(stopWords)), (Boolean) $(halfWidth), (Boolean) $(contentOnly));
    UserDefinedFunction udf;
    if (dataset.schema().apply(getInputCol()).dataType() instanceof ArrayType) {
      udf = functions.udf((UDF1<Seq<String>, List<List<String>>>) texts -> {
        if (texts == null) {
          return null;
        }
        HanLPRuntime.ensureDictionary(fingerprint, lines);
        List<List<String>> out = new ArrayList<>();
        for (String text : CollectionConverters.asJava(texts)) {
          out.add(options.tokenize(text));
        }
        return out;
      }, schema.apply(getOutputCol()).dataType());
    } else {
      udf = functions.udf((UDF1<String, List<String>>) text -> {
        if (text == null) {
          return null;
        }
        HanLPRuntime.ensureDictionary(fingerprint, lines);
        return options.tokenize(text);
      }, schema.apply(getOutputCol()).dataType());
    }
    return dataset.withColumn(getOutputCol(), udf.apply(col(getInputCol())));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!isDefined(inputCol) || !isDefined(outputCol)) {
      throw VoclakeException.of("HanLPTokenizer %s needs inputCol and outputCol set", uid);
    }
    if (!Arrays.asList(schema.fieldNames()).contains(getInputCol())) {
      throw VoclakeException.of("HanLPTokenizer: input column %s is not in %s", getInputCol(), schema.simpleString());
    }
    DataType in = schema.apply(getInputCol()).dataType();
    ArrayType tokens = DataTypes.createArrayType(DataTypes.StringType, true);
    DataType out;
    if (in.sameType(DataTypes.StringType)) {
      out = tokens;
    } else if (in.sameType(DataTypes.createArrayType(DataTypes.StringType))) {
      out = DataTypes.createArrayType(tokens, true);
    } else {
      throw VoclakeException.of("HanLPTokenizer: input column %s must be string or array<string>, not %s",
          getInputCol(), in.simpleString());
    }
    if (Arrays.asList(schema.fieldNames()).contains(getOutputCol())) {
      throw VoclakeException.of("HanLPTokenizer: output column %s already exists", getOutputCol());
    }
    return schema.add(getOutputCol(), out, true);
  }

  /** What the tokenizing UDF needs, captured by value in its closure. */
  private record Options(Set<String> stopWords, boolean halfWidth, boolean contentOnly)
      implements java.io.Serializable {
    List<String> tokenize(String text) {
      List<String> tokens = HanLPRuntime.tokenize(halfWidth ? TextNormalizer.halfWidth(text) : text);
      if (!contentOnly && stopWords.isEmpty()) {
        return tokens;
      }
      List<String> kept = new ArrayList<>(tokens.size());
      for (String token : tokens) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (contentOnly && !isContent(token)) {
          continue;
        }
        if (!stopWords.contains(lower)) {
          kept.add(contentOnly ? lower : token);
        }
      }
      return kept;
    }

    private static boolean isContent(String token) {
      for (int i = 0; i < token.length(); i++) {
        if (Character.isLetterOrDigit(token.charAt(i))) {
          return true;
        }
      }
      return false;
    }
  }

  @Override
  public HanLPTokenizer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }
}
