package com.voclake.text.model;

import static org.apache.spark.sql.functions.col;

import com.voclake.VoclakeException;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One aspect subject's detector: an NB-weighted ridge classifier (the NBSVM idea of Wang and
 * Manning, 2012, with least squares in place of the SVM). Fitting ({@link #fit}): each feature is
 * scaled by the log-count ratio of the subject's posts against the others ({@link #logCountRatio}),
 * then a ridge regression fits the label as -1 / +1 with an unpenalised intercept. Scoring: the
 * margin {@code b + sum x_k r_k w_k} (the scaling folded into the weights) goes through a sigmoid
 * into a vector {@code [1 - s, s]}, the kind of column a logistic detector writes, so that
 * {@link AspectModel}'s per-subject thresholds and "most probable subject" rule apply unchanged
 * (the sigmoid keeps the order of the margins; the thresholds, tuned on a validation slice, make
 * up for it not being a calibrated probability).
 *
 * <p>Why not MLlib's own solvers: on these hashed, L2-normalised features neither converged.
 * {@code LinearSVC} (hinge loss, OWLQN) still detected badly after 60 iterations (dev micro F1
 * 0.83) and had not finished one subject in 3 minutes at 300; {@code LinearRegression} (L-BFGS,
 * no standardisation) moved its objective by 1e-4 in 60 iterations. The ridge problem is solved
 * here by conjugate gradients on the normal equations, as scikit-learn's {@code sparse_cg} does, on the driver: a training set
 * of labelled posts (thousands to a few hundred thousand, a few hundred non-zero features each)
 * fits there, and each iteration costs two passes over the non-zeros.
 *
 * <p>Saved and loaded with its pipeline ({@link DefaultParamsWritable}; {@link #read()}); the
 * weights are a param, stored sparse.
 */
public class RidgeDetector extends Transformer implements DefaultParamsWritable {
  /** Conjugate-gradient iterations at most, and the relative residual at which they stop. */
  static final int MAX_ITERATIONS = 2_000;
  static final double TOLERANCE = 1e-6;
  private static final Logger LOG = LoggerFactory.getLogger(RidgeDetector.class);

  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<Vector> weights;
  private final DoubleParam intercept;

  public RidgeDetector() {
    this(Identifiable$.MODULE$.randomUID("ridgeDetector"));
  }

  public RidgeDetector(String uid) {
    this.uid = uid;
    this.inputCol = new Param<>(this, "inputCol", "features vector");
    this.outputCol = new Param<>(this, "outputCol", "vector [1 - sigmoid(margin), sigmoid(margin)] to add");
    this.weights = new Param<>(this, "weights", "weight of each feature, the NB scaling folded in");
    this.intercept = new DoubleParam(this, "intercept", "the margin's constant term");
  }

  /** The reader {@code Pipeline.load} finds by reflection. */
  public static MLReader<RidgeDetector> read() {
    return new DefaultParamsReader<>();
  }

  // Spark finds a stage's params through public methods like these.
  public Param<String> inputCol() {
    return inputCol;
  }

  public Param<String> outputCol() {
    return outputCol;
  }

  public Param<Vector> weights() {
    return weights;
  }

  public DoubleParam intercept() {
    return intercept;
  }

  public RidgeDetector setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  public RidgeDetector setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  RidgeDetector setModel(double[] featureWeights, double constant) {
    set(weights, Vectors.dense(featureWeights).compressed());
    set(intercept, constant);
    return this;
  }

  double constant() {
    return (Double) $(intercept);
  }

  /**
   * Fits one detector.
   *
   * @param rows the training posts' features (sparse or dense, all of one size)
   * @param labels whether each post is about the subject
   * @param alpha ridge penalty, as scikit-learn counts it (on the sum of squared errors)
   */
  static RidgeDetector fit(List<Vector> rows, boolean[] labels, double alpha) {
    if (rows.isEmpty() || rows.size() != labels.length) {
      throw new IllegalArgumentException(rows.size() + " rows for " + labels.length + " labels");
    }
    double[] ratio = logCountRatio(rows, labels);
    int n = rows.size();
    int[][] indices = new int[n][];
    double[][] values = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      SparseVector v = rows.get(i).toSparse();
      indices[i] = v.indices();
      values[i] = new double[v.values().length];
      for (int k = 0; k < values[i].length; k++) {
        values[i][k] = v.values()[k] * ratio[indices[i][k]];
      }
      y[i] = labels[i] ? 1 : -1;
    }
    double[] solution = solve(indices, values, y, ratio.length, alpha);
    double[] w = new double[ratio.length];
    for (int k = 0; k < w.length; k++) {
      w[k] = solution[k] * ratio[k];
    }
    return new RidgeDetector().setModel(w, solution[ratio.length]);
  }

  /**
   * NB scaling: per feature, log((p + 1) / |p + 1|) - log((q + 1) / |q + 1|), with p and q the
   * feature's sums over the positive and the negative rows and |.| the sum over all features.
   */
  static double[] logCountRatio(List<Vector> rows, boolean[] labels) {
    int d = rows.get(0).size();
    double[] positive = new double[d];
    double[] negative = new double[d];
    boolean anyPositive = false;
    boolean anyNegative = false;
    for (int i = 0; i < rows.size(); i++) {
      double[] sums = labels[i] ? positive : negative;
      anyPositive |= labels[i];
      anyNegative |= !labels[i];
      SparseVector v = rows.get(i).toSparse();
      for (int k = 0; k < v.indices().length; k++) {
        sums[v.indices()[k]] += v.values()[k];
      }
    }
    if (!anyPositive || !anyNegative) {
      throw VoclakeException.of("An aspect subject needs training posts with it and without it; this one has %s",
          anyPositive ? "no post without it" : "no post with it");
    }
    double positiveTotal = d;
    double negativeTotal = d;
    for (int k = 0; k < d; k++) {
      positiveTotal += positive[k];
      negativeTotal += negative[k];
    }
    double[] ratio = new double[d];
    for (int k = 0; k < d; k++) {
      ratio[k] = Math.log((positive[k] + 1) / positiveTotal) - Math.log((negative[k] + 1) / negativeTotal);
    }
    return ratio;
  }

  /**
   * Ridge regression by conjugate gradients on the normal equations
   * {@code (X'X + alpha I') v = X'y}, X's rows given sparse and augmented with a constant 1 whose
   * weight (the intercept, last in the result) is not penalised.
   *
   * @return d weights, then the intercept
   */
  static double[] solve(int[][] indices, double[][] values, double[] y, int d, double alpha) {
    int n = y.length;
    double[] x = new double[d + 1];
    double[] r = new double[d + 1];
    multiplyTransposed(indices, values, y, r);
    double rhsNorm = Math.sqrt(dot(r, r));
    if (rhsNorm == 0) {
      return x;
    }
    double[] p = r.clone();
    double[] ap = new double[d + 1];
    double[] rows = new double[n];
    double rs = dot(r, r);
    for (int iteration = 0; iteration < MAX_ITERATIONS && Math.sqrt(rs) > TOLERANCE * rhsNorm; iteration++) {
      // ap = X'(X p) + alpha p, the intercept unpenalised
      for (int i = 0; i < n; i++) {
        double s = p[d];
        for (int k = 0; k < indices[i].length; k++) {
          s += values[i][k] * p[indices[i][k]];
        }
        rows[i] = s;
      }
      Arrays.fill(ap, 0);
      multiplyTransposed(indices, values, rows, ap);
      for (int k = 0; k < d; k++) {
        ap[k] += alpha * p[k];
      }
      double step = rs / dot(p, ap);
      for (int k = 0; k <= d; k++) {
        x[k] += step * p[k];
        r[k] -= step * ap[k];
      }
      double next = dot(r, r);
      double beta = next / rs;
      for (int k = 0; k <= d; k++) {
        p[k] = r[k] + beta * p[k];
      }
      rs = next;
    }
    if (Math.sqrt(rs) > TOLERANCE * rhsNorm) {
      LOG.warn("Ridge by conjugate gradients stopped after {} iterations at a relative residual of {} (wanted {})",
          MAX_ITERATIONS, String.format("%.2e", Math.sqrt(rs) / rhsNorm), TOLERANCE);
    }
    return x;
  }

  /** out += X'v, X's rows augmented with a constant 1 (its column last). */
  private static void multiplyTransposed(int[][] indices, double[][] values, double[] v, double[] out) {
    int d = out.length - 1;
    for (int i = 0; i < v.length; i++) {
      for (int k = 0; k < indices[i].length; k++) {
        out[indices[i][k]] += values[i][k] * v[i];
      }
      out[d] += v[i];
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  /** The probability-like vector of one margin. */
  static Vector probability(double margin) {
    double s = 1 / (1 + Math.exp(-margin));
    return Vectors.dense(1 - s, s);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Scorer scorer = new Scorer($(weights), constant());
    return dataset.withColumn($(outputCol), functions.udf(
        (UDF1<Vector, Vector>) features -> features == null ? null : probability(scorer.margin(features)),
        SQLDataTypes.VectorType()).apply(col($(inputCol))));
  }

  /**
   * The margin of a features vector. Ships the weights compressed inside the task and expands
   * them on the first row each task scores (every task deserializes its own copy, so no lock).
   */
  private static final class Scorer implements java.io.Serializable {
    private final Vector weights;
    private final double intercept;
    private transient double[] dense;

    Scorer(Vector weights, double intercept) {
      this.weights = weights;
      this.intercept = intercept;
    }

    double margin(Vector features) {
      double[] w = dense;
      if (w == null) {
        w = weights.toArray();
        dense = w;
      }
      double s = intercept;
      if (features instanceof SparseVector sv) {
        int[] idx = sv.indices();
        double[] val = sv.values();
        for (int k = 0; k < idx.length; k++) {
          s += val[k] * w[idx[k]];
        }
      } else {
        double[] val = ((DenseVector) features).values();
        for (int k = 0; k < val.length; k++) {
          s += val[k] * w[k];
        }
      }
      return s;
    }
  }

  @Override
  public StructType transformSchema(StructType schema) {
    if (!isDefined(inputCol) || !isDefined(outputCol) || !isDefined(weights) || !isDefined(intercept)) {
      throw VoclakeException.of("RidgeDetector %s needs inputCol, outputCol and a fitted model", uid);
    }
    if (!Arrays.asList(schema.fieldNames()).contains($(inputCol))) {
      throw VoclakeException.of("RidgeDetector: input column %s is not in %s", $(inputCol), schema.simpleString());
    }
    return schema.add($(outputCol), SQLDataTypes.VectorType(), true);
  }

  @Override
  public RidgeDetector copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  @Override
  public String uid() {
    return uid;
  }
}
