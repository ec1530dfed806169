package com.voclake.text;

import static org.apache.spark.sql.functions.col;

import com.voclake.VoclakeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable$;
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
 * other stage, e.g. before a trained categorizer.
 */
public class HanLPTokenizer extends Transformer {
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final StringArrayParam dictionary;

  public HanLPTokenizer() {
    this(Identifiable$.MODULE$.randomUID("hanlpTokenizer"));
  }

  public HanLPTokenizer(String uid) {
    this.uid = uid;
    this.inputCol = new Param<>(this, "inputCol", "column of text (string or array<string>) to tokenize");
    this.outputCol = new Param<>(this, "outputCol", "column of tokens to add");
    this.dictionary = new StringArrayParam(this, "dictionary",
        "user dictionary lines 'word [nature frequency]' added to HanLP on every executor");
    setDefault(dictionary, new String[0]);
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
    UserDefinedFunction udf;
    if (dataset.schema().apply(getInputCol()).dataType() instanceof ArrayType) {
      udf = functions.udf((UDF1<Seq<String>, List<List<String>>>) texts -> {
        if (texts == null) {
          return null;
        }
        HanLPRuntime.ensureDictionary(fingerprint, lines);
        List<List<String>> out = new ArrayList<>();
        for (String text : CollectionConverters.asJava(texts)) {
          out.add(HanLPRuntime.tokenize(text));
        }
        return out;
      }, schema.apply(getOutputCol()).dataType());
    } else {
      udf = functions.udf((UDF1<String, List<String>>) text -> {
        if (text == null) {
          return null;
        }
        HanLPRuntime.ensureDictionary(fingerprint, lines);
        return HanLPRuntime.tokenize(text);
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

  @Override
  public HanLPTokenizer copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }
}
