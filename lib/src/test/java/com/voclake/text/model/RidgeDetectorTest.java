package com.voclake.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.voclake.testing.SparkExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class RidgeDetectorTest {
  private final SparkSession spark;

  RidgeDetectorTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void conjugateGradientsGiveTheClosedFormRidgeWithAnUnpenalisedIntercept() {
    Random random = new Random(3);
    int n = 40;
    int d = 5;
    double alpha = 0.7;
    double[][] x = new double[n][d];
    double[] y = new double[n];
    int[][] indices = new int[n][];
    double[][] values = new double[n][];
    for (int i = 0; i < n; i++) {
      List<Integer> idx = new ArrayList<>();
      List<Double> val = new ArrayList<>();
      for (int k = 0; k < d; k++) {
        // About a third of the entries are zero, as in sparse text features.
        x[i][k] = random.nextInt(3) == 0 ? 0 : random.nextGaussian();
        if (x[i][k] != 0) {
          idx.add(k);
          val.add(x[i][k]);
        }
      }
      indices[i] = idx.stream().mapToInt(Integer::intValue).toArray();
      values[i] = val.stream().mapToDouble(Double::doubleValue).toArray();
      y[i] = random.nextBoolean() ? 1 : -1;
    }

    double[] solved = RidgeDetector.solve(indices, values, y, d, alpha);
    double[] expected = closedForm(x, y, alpha);
    for (int k = 0; k <= d; k++) {
      assertThat(solved[k]).as("coefficient %d (the last is the intercept)", k).isCloseTo(expected[k], within(1e-6));
    }
  }

  /** (Xc'Xc + alpha I) w = Xc'yc on centred data, b = mean(y) - mean(x)'w, by Gaussian elimination. */
  private static double[] closedForm(double[][] x, double[] y, double alpha) {
    int n = y.length;
    int d = x[0].length;
    double[] mean = new double[d];
    double yMean = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        mean[k] += x[i][k] / n;
      }
      yMean += y[i] / n;
    }
    double[][] a = new double[d][d + 1];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        for (int l = 0; l < d; l++) {
          a[k][l] += (x[i][k] - mean[k]) * (x[i][l] - mean[l]);
        }
        a[k][d] += (x[i][k] - mean[k]) * (y[i] - yMean);
      }
    }
    for (int k = 0; k < d; k++) {
      a[k][k] += alpha;
    }
    for (int k = 0; k < d; k++) {
      for (int r = k + 1; r < d; r++) {
        double f = a[r][k] / a[k][k];
        for (int c = k; c <= d; c++) {
          a[r][c] -= f * a[k][c];
        }
      }
    }
    double[] w = new double[d + 1];
    for (int k = d - 1; k >= 0; k--) {
      double s = a[k][d];
      for (int c = k + 1; c < d; c++) {
        s -= a[k][c] * w[c];
      }
      w[k] = s / a[k][k];
    }
    double b = yMean;
    for (int k = 0; k < d; k++) {
      b -= mean[k] * w[k];
    }
    w[d] = b;
    return w;
  }

  @Test
  void logCountRatioFavoursTheFeaturesOfThePositivePosts() {
    List<Vector> rows = List.of(Vectors.sparse(3, new int[] {0}, new double[] {1}),
        Vectors.sparse(3, new int[] {1}, new double[] {1}), Vectors.sparse(3, new int[] {1, 2}, new double[] {1, 1}));
    double[] r = RidgeDetector.logCountRatio(rows, new boolean[] {true, false, false});
    // p = [1, 0, 0] + 1 over 4, q = [0, 2, 1] + 1 over 6.
    assertThat(r[0]).isCloseTo(Math.log(2 / 4.0) - Math.log(1 / 6.0), within(1e-12));
    assertThat(r[1]).isCloseTo(Math.log(1 / 4.0) - Math.log(3 / 6.0), within(1e-12));
    assertThat(r[2]).isCloseTo(Math.log(1 / 4.0) - Math.log(2 / 6.0), within(1e-12));
    assertThatThrownBy(() -> RidgeDetector.logCountRatio(rows, new boolean[] {false, false, false}))
        .hasMessageContaining("no post with it");
  }

  @Test
  void aFittedDetectorScoresItsSubjectsPostsHigherAndSurvivesSavingWithItsPipeline(@TempDir Path dir)
      throws Exception {
    // Feature 0 marks the subject's posts; features 1 and 2 are noise present everywhere.
    List<Vector> vectors = new ArrayList<>();
    boolean[] labels = new boolean[40];
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < labels.length; i++) {
      labels[i] = i % 4 == 0;
      Vector v = labels[i] ? Vectors.sparse(4, new int[] {0, 1}, new double[] {0.8, 0.6})
          : Vectors.sparse(4, new int[] {1, 2}, new double[] {0.6, 0.8});
      vectors.add(v);
      rows.add(RowFactory.create(v));
    }
    RidgeDetector detector = RidgeDetector.fit(vectors, labels, 0.3).setInputCol("f").setOutputCol("p");
    Dataset<Row> data = spark.createDataFrame(rows, new StructType().add("f", SQLDataTypes.VectorType()));
    PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {detector}).fit(data);

    List<Row> scored = pipeline.transform(data).select("p").collectAsList();
    for (int i = 0; i < labels.length; i++) {
      double p = ((Vector) scored.get(i).get(0)).apply(1);
      if (labels[i]) {
        assertThat(p).as("post %d, about the subject", i).isGreaterThan(0.6);
      } else {
        assertThat(p).as("post %d, not about it", i).isLessThan(0.4);
      }
    }
    // The margin is the ridge solution on the NB-scaled features, the scaling folded into the weights.
    double[] ratio = RidgeDetector.logCountRatio(vectors, labels);
    int[][] indices = new int[labels.length][];
    double[][] values = new double[labels.length][];
    double[] y = new double[labels.length];
    for (int i = 0; i < labels.length; i++) {
      org.apache.spark.ml.linalg.SparseVector v = vectors.get(i).toSparse();
      indices[i] = v.indices();
      values[i] = new double[v.indices().length];
      for (int k = 0; k < values[i].length; k++) {
        values[i][k] = v.values()[k] * ratio[v.indices()[k]];
      }
      y[i] = labels[i] ? 1 : -1;
    }
    double[] w = RidgeDetector.solve(indices, values, y, 4, 0.3);
    double margin = w[4] + values[0][0] * w[indices[0][0]] + values[0][1] * w[indices[0][1]];
    assertThat(((Vector) scored.get(0).get(0)).apply(1)).as("post 0's score")
        .isCloseTo(1 / (1 + Math.exp(-margin)), within(1e-12));

    pipeline.write().overwrite().save(dir.resolve("m").toString());
    List<Row> reloaded = PipelineModel.load(dir.resolve("m").toString()).transform(data).select("p").collectAsList();
    assertThat(reloaded).as("the saved pipeline scores exactly as the fitted one").isEqualTo(scored);
  }
}
