package com.voclake.text.model;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import com.voclake.VoclakeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A trained single-label text classifier (task sentiment or category): the persisted pipeline
 * and its labels. {@link #predict} adds {@link #PREDICTED} (the most probable label),
 * {@link #CONFIDENCE} (its probability) and {@link #SCORE} (sentiment only: P(positive) −
 * P(negative), in [-1, 1]; null for other tasks). Immutable; the pipeline runs on executors.
 */
public final class TextClassifierModel {
  public static final String PREDICTED = "_predicted";
  public static final String CONFIDENCE = "_confidence";
  public static final String SCORE = "_score";
  /** The pipeline's input column: the text, normalised by {@link LabelledData#normalized}. */
  static final String INPUT = "_model_text";
  static final String LABEL_INDEX = "_label";
  static final String PROBABILITY = "_probability";
  static final String PREDICTION = "_prediction";
  static final String RAW = "_raw";

  private final Task task;
  private final PipelineModel pipeline;
  private final List<String> labels;

  TextClassifierModel(Task task, PipelineModel pipeline, List<String> labels) {
    this.task = task;
    this.pipeline = pipeline;
    this.labels = List.copyOf(labels);
  }

  /** Loads a model version directory of task sentiment or category. */
  @SuppressWarnings("unchecked")
  public static TextClassifierModel load(SparkSession spark, String dir) {
    Map<String, Object> training = ModelDirectory.training(spark, dir);
    Task task = Task.of(String.valueOf(training.get("task")));
    if (task == Task.ASPECT) {
      throw VoclakeException.of("%s holds an aspect model; load it with AspectModel", dir);
    }
    return new TextClassifierModel(task, PipelineModel.load(ModelDirectory.path(dir, ModelDirectory.MODEL)),
        (List<String>) training.get("labels"));
  }

  public Task task() {
    return task;
  }

  public List<String> labels() {
    return labels;
  }

  PipelineModel pipeline() {
    return pipeline;
  }

  /** {@code rows} with the three prediction columns added; other columns untouched. */
  public Dataset<Row> predict(Dataset<Row> rows, String textCol) {
    return predict(pipeline, labels, task, rows, textCol);
  }

  static Dataset<Row> predict(PipelineModel pipeline, List<String> labels, Task task, Dataset<Row> rows,
      String textCol) {
    List<Column> keep = new ArrayList<>();
    for (String c : rows.columns()) {
      keep.add(col(c));
    }
    Column probabilities = org.apache.spark.ml.functions.vector_to_array(col(PROBABILITY), "float64");
    Column labelArray = array(labels.stream().map(l -> lit(l)).toArray(Column[]::new));
    Column score = lit(null).cast("double");
    int positive = labels.indexOf(LabelledData.POSITIVE);
    int negative = labels.indexOf(LabelledData.NEGATIVE);
    if (task == Task.SENTIMENT && positive >= 0 && negative >= 0) {
      score = element_at(col("_p"), positive + 1).minus(element_at(col("_p"), negative + 1));
    }
    keep.add(element_at(labelArray, col(PREDICTION).cast("int").plus(1)).as(PREDICTED));
    keep.add(array_max(col("_p")).as(CONFIDENCE));
    keep.add(score.as(SCORE));
    return pipeline.transform(rows.withColumn(INPUT, LabelledData.normalized(col(textCol))))
        .withColumn("_p", probabilities)
        .select(keep.toArray(new Column[0]));
  }
}
