package com.voclake.text.model;

import static org.apache.spark.sql.functions.col;

import com.voclake.VoclakeException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The text classifier's ensemble: the mean of a logistic regression's class probabilities and
 * the one-vs-rest scores of NB-weighted ridge classifiers (one per class, each a
 * {@link RidgeDetector} column {@code [1 - s, s]}; the {@code s} of all classes normalised to sum
 * to 1), and the most probable class. With no ridge columns it passes the logistic regression's
 * probabilities through. Writes the probability and prediction columns {@link TextClassifierModel}
 * reads.
 */
public class MeanProbability extends Transformer implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> probabilityCol;
  private final StringArrayParam ridgeCols;
  private final Param<String> outputCol;
  private final Param<String> predictionCol;

  public MeanProbability() {
    this(Identifiable$.MODULE$.randomUID("meanProbability"));
  }

  public MeanProbability(String uid) {
    this.uid = uid;
    this.probabilityCol = new Param<>(this, "probabilityCol", "class probabilities of the logistic regression");
    this.ridgeCols = new StringArrayParam(this, "ridgeCols", "one ridge classifier column per class, or none");
    this.outputCol = new Param<>(this, "outputCol", "the mean probabilities");
    this.predictionCol = new Param<>(this, "predictionCol", "index of the most probable class, as a double");
    setDefault(ridgeCols, new String[0]);
  }

  /** The reader {@code Pipeline.load} finds by reflection. */
  public static MLReader<MeanProbability> read() {
    return new DefaultParamsReader<>();
  }

  // Spark finds a stage's params through public methods like these.
  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  public StringArrayParam ridgeCols() {
    return ridgeCols;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  MeanProbability setColumns(String probability, List<String> ridges, String output, String prediction) {
    set(probabilityCol, probability);
    set(ridgeCols, ridges.toArray(new String[0]));
    set(outputCol, output);
    set(predictionCol, prediction);
    return this;
  }

  /** The mean of {@code probabilities} and the normalised ridge scores; pure. */
  static double[] mean(double[] probabilities, double[] ridgeScores) {
    if (ridgeScores.length == 0) {
      return probabilities.clone();
    }
    double sum = Arrays.stream(ridgeScores).sum();
    double[] out = new double[probabilities.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = (probabilities[c] + (sum > 0 ? ridgeScores[c] / sum : 1.0 / out.length)) / 2;
    }
    return out;
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    int ridges = $(ridgeCols).length;
    UDF1<Row, Vector> udf = row -> {
      double[] p = ((Vector) row.get(0)).toArray();
      double[] s = new double[ridges];
      for (int c = 0; c < ridges; c++) {
        s[c] = ((Vector) row.get(c + 1)).apply(1);
      }
      return Vectors.dense(mean(p, s));
    };
    List<Column> in = new ArrayList<>();
    in.add(col($(probabilityCol)));
    Arrays.stream($(ridgeCols)).forEach(c -> in.add(col(c)));
    Dataset<Row> out = dataset.withColumn($(outputCol),
        functions.udf(udf, SQLDataTypes.VectorType()).apply(functions.struct(in.toArray(new Column[0]))));
    UDF1<Vector, Double> argmax = v -> (double) v.argmax();
    return out.withColumn($(predictionCol), functions.udf(argmax, DataTypes.DoubleType).apply(col($(outputCol))));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!isDefined(probabilityCol) || !isDefined(outputCol) || !isDefined(predictionCol)) {
      throw VoclakeException.of("MeanProbability %s needs its columns", uid);
    }
    List<String> have = Arrays.asList(schema.fieldNames());
    List<String> needed = new ArrayList<>(List.of($(ridgeCols)));
    needed.add($(probabilityCol));
    for (String c : needed) {
      if (!have.contains(c)) {
        throw VoclakeException.of("MeanProbability: input column %s is not in %s", c, schema.simpleString());
      }
    }
    return schema.add($(outputCol), SQLDataTypes.VectorType(), true).add($(predictionCol), DataTypes.DoubleType, true);
  }

  @Override
  public MeanProbability copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }
}
