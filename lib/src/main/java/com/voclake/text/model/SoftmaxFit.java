package com.voclake.text.model;

import java.util.List;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.DenseMatrix;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.util.Identifiable$;

/**
 * Multinomial logistic regression on a few dense features, fitted on the driver: the stacking
 * model of the aspect polarity (a dozen scores, a few thousand rows). MLlib's own solver runs one
 * Spark job per iteration, which cost a minute here for what takes the driver well under a second.
 * The result is an MLlib {@link LogisticRegressionModel}, so the pipeline saves and scores it as
 * usual.
 *
 * <p>Features are standardised for the fit (the weights are mapped back), the loss is the mean
 * cross-entropy plus {@code l2 / 2} times the squared weights (not the intercepts), minimised by
 * gradient descent with a fixed step: the problem is convex and small, so plain descent reaches
 * the optimum to many digits in the fixed number of steps, deterministically.
 */
final class SoftmaxFit {
  static final int ITERATIONS = 3_000;
  static final double STEP = 0.5;

  private SoftmaxFit() {}

  /**
   * @param rows feature vectors, all of one size
   * @param labels class index of each row, in [0, classes)
   */
  static LogisticRegressionModel fit(List<Vector> rows, int[] labels, int classes, double l2) {
    int n = rows.size();
    if (n == 0 || n != labels.length) {
      throw new IllegalArgumentException(n + " rows for " + labels.length + " labels");
    }
    int d = rows.get(0).size();
    double[][] x = new double[n][];
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (int i = 0; i < n; i++) {
      x[i] = rows.get(i).toArray();
      for (int k = 0; k < d; k++) {
        mean[k] += x[i][k] / n;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        scale[k] += (x[i][k] - mean[k]) * (x[i][k] - mean[k]) / n;
      }
    }
    for (int k = 0; k < d; k++) {
      // A constant feature carries nothing: its weight stays 0.
      scale[k] = scale[k] > 1e-12 ? Math.sqrt(scale[k]) : 0;
    }
    double[][] z = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        z[i][k] = scale[k] == 0 ? 0 : (x[i][k] - mean[k]) / scale[k];
      }
    }
    double[][] w = new double[classes][d];
    double[] b = new double[classes];
    double[][] gw = new double[classes][d];
    double[] gb = new double[classes];
    double[] p = new double[classes];
    for (int it = 0; it < ITERATIONS; it++) {
      for (double[] g : gw) {
        java.util.Arrays.fill(g, 0);
      }
      java.util.Arrays.fill(gb, 0);
      for (int i = 0; i < n; i++) {
        probabilities(w, b, z[i], p);
        for (int c = 0; c < classes; c++) {
          double e = (p[c] - (labels[i] == c ? 1 : 0)) / n;
          gb[c] += e;
          for (int k = 0; k < d; k++) {
            gw[c][k] += e * z[i][k];
          }
        }
      }
      for (int c = 0; c < classes; c++) {
        b[c] -= STEP * gb[c];
        for (int k = 0; k < d; k++) {
          w[c][k] -= STEP * (gw[c][k] + l2 * w[c][k]);
        }
      }
    }
    // Back to the unstandardised features: w'x + b' with w' = w / scale, b' = b - w' mean.
    double[] coefficients = new double[classes * d];
    double[] intercepts = new double[classes];
    for (int c = 0; c < classes; c++) {
      intercepts[c] = b[c];
      for (int k = 0; k < d; k++) {
        double raw = scale[k] == 0 ? 0 : w[c][k] / scale[k];
        // Row-major: the matrix below is told its values are transposed.
        coefficients[c * d + k] = raw;
        intercepts[c] -= raw * mean[k];
      }
    }
    return new LogisticRegressionModel(Identifiable$.MODULE$.randomUID("logreg"),
        new DenseMatrix(classes, d, coefficients, true), Vectors.dense(intercepts), classes, true);
  }

  /** Softmax of {@code w z + b} into {@code out}. */
  static void probabilities(double[][] w, double[] b, double[] z, double[] out) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < b.length; c++) {
      double s = b[c];
      for (int k = 0; k < z.length; k++) {
        s += w[c][k] * z[k];
      }
      out[c] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int c = 0; c < b.length; c++) {
      out[c] = Math.exp(out[c] - max);
      sum += out[c];
    }
    for (int c = 0; c < b.length; c++) {
      out[c] /= sum;
    }
  }
}
