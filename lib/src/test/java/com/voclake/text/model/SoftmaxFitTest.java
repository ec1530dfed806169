package com.voclake.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.voclake.testing.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class SoftmaxFitTest {
  private final SparkSession spark;

  SoftmaxFitTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void theDriverFitAgreesWithMllibsMultinomialRegression() {
    Random random = new Random(11);
    List<Vector> rows = new ArrayList<>();
    List<Row> frame = new ArrayList<>();
    int n = 300;
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = random.nextInt(3);
      // Scores of three base models, noisy around their class, on different scales, plus a constant.
      double[] x = {c == 0 ? 0.7 : 0.3, 5 * (c - 1) + 3 * random.nextGaussian(), random.nextGaussian(), 1.0};
      x[0] += 0.3 * random.nextGaussian();
      labels[i] = c;
      rows.add(Vectors.dense(x));
      frame.add(RowFactory.create(Vectors.dense(x), (double) c));
    }
    LogisticRegressionModel ours = SoftmaxFit.fit(rows, labels, 3, 1e-3);
    Dataset<Row> data = spark.createDataFrame(frame, new StructType().add("features", SQLDataTypes.VectorType())
        .add("label", DataTypes.DoubleType));
    // MLlib's objective is the same: mean cross-entropy + regParam / 2 |w|^2 on standardised features.
    LogisticRegressionModel mllib = new LogisticRegression().setFamily("multinomial").setRegParam(1e-3)
        .setElasticNetParam(0).setStandardization(true).setMaxIter(500).setTol(1e-10).fit(data);
    for (Vector x : rows.subList(0, 50)) {
      double[] a = ours.predictProbability(x).toArray();
      double[] b = mllib.predictProbability(x).toArray();
      for (int c = 0; c < 3; c++) {
        assertThat(a[c]).isCloseTo(b[c], within(0.02));
      }
    }
    long hits = 0;
    for (int i = 0; i < n; i++) {
      hits += ours.predict(rows.get(i)) == labels[i] ? 1 : 0;
    }
    assertThat(hits).isGreaterThan(n * 7 / 10);
  }
}
