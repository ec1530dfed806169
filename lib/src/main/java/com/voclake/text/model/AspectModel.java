package com.voclake.text.model;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;

import com.voclake.VoclakeException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A trained aspect model: which subjects a post talks about (one binary classifier per subject,
 * a subject is detected when its probability reaches the subject's own threshold, and the most
 * probable one is kept when none does) and each detected subject's own polarity, classified mainly from the
 * subject's window: the clauses that mention one of its trigger words, with the clause after each
 * (where the verdict often follows: 油耗嘛，太高了), or the whole post when none does. Models
 * trained since issue 24 stack scores of the window, of the whole post and of the lexicon's
 * reading of both ({@code TrainJob#fitPolarityBase}, {@link LexiconFeatures}, {@link SoftmaxFit});
 * the polarity pipeline is saved whole, so older versions load and score as they did.
 *
 * <p>{@link #predict} gives one row per post with at least one aspect: the id and {@link #ASPECTS}
 * (array of {@link #ASPECT_TYPE}: subject, polarity -1/0/1, snippet = the window). Immutable.
 */
public final class AspectModel {
  public static final String ASPECTS = "_aspects";
  public static final String SUBJECT = "subject";
  public static final String POLARITY = "polarity";
  public static final String SNIPPET = "snippet";
  public static final StructType ASPECT_TYPE = new StructType()
      .add(SUBJECT, DataTypes.StringType, true)
      .add(POLARITY, DataTypes.IntegerType, true)
      .add(SNIPPET, DataTypes.StringType, true);
  static final String DETECT = "detect";
  static final String POLARITY_MODEL = "polarity";
  /** Columns the polarity pipeline reads. */
  static final String SUBJECT_COL = "_subject";
  static final String WINDOW = "_window";
  private static final Pattern CLAUSE = Pattern.compile("[，。！？；,.!?;~～…\\s]+");

  private final PipelineModel detect;
  private final PipelineModel polarity;
  private final List<String> subjects;
  private final Map<String, List<String>> triggers;
  private final List<Double> thresholds;
  private final boolean atLeastOne;

  /** @param thresholds detection threshold of each subject, in the order of {@code subjects} */
  AspectModel(PipelineModel detect, PipelineModel polarity, List<String> subjects,
      Map<String, List<String>> triggers, List<Double> thresholds, boolean atLeastOne) {
    if (thresholds.size() != subjects.size()) {
      throw new IllegalArgumentException(thresholds.size() + " thresholds for " + subjects.size() + " subjects");
    }
    this.detect = detect;
    this.polarity = polarity;
    this.subjects = List.copyOf(subjects);
    this.triggers = new LinkedHashMap<>(triggers);
    this.thresholds = List.copyOf(thresholds);
    this.atLeastOne = atLeastOne;
  }

  /** One threshold for every subject. */
  AspectModel(PipelineModel detect, PipelineModel polarity, List<String> subjects,
      Map<String, List<String>> triggers, double threshold, boolean atLeastOne) {
    this(detect, polarity, subjects, triggers, java.util.Collections.nCopies(subjects.size(), threshold), atLeastOne);
  }

  /** Loads an aspect model version directory. */
  @SuppressWarnings("unchecked")
  public static AspectModel load(SparkSession spark, String dir) {
    Map<String, Object> training = ModelDirectory.training(spark, dir);
    if (!Task.ASPECT.id().equals(training.get("task"))) {
      throw VoclakeException.of("%s holds a %s model, not an aspect model", dir, training.get("task"));
    }
    Map<String, Object> aspect = (Map<String, Object>) training.get("aspect");
    String model = ModelDirectory.path(dir, ModelDirectory.MODEL);
    List<String> subjects = (List<String>) aspect.get("subjects");
    double fallback = ((Number) aspect.get("threshold")).doubleValue();
    // Versions trained before per-subject thresholds have only the one threshold.
    Map<String, Number> bySubject = (Map<String, Number>) aspect.getOrDefault("thresholds", Map.of());
    List<Double> thresholds = subjects.stream()
        .map(s -> bySubject.containsKey(s) ? bySubject.get(s).doubleValue() : fallback).toList();
    return new AspectModel(PipelineModel.load(ModelDirectory.path(model, DETECT)),
        PipelineModel.load(ModelDirectory.path(model, POLARITY_MODEL)), subjects,
        (Map<String, List<String>>) aspect.get("triggers"), thresholds, true);
  }

  public List<String> subjects() {
    return subjects;
  }

  Map<String, List<String>> triggers() {
    return triggers;
  }

  List<Double> thresholds() {
    return thresholds;
  }

  PipelineModel detectPipeline() {
    return detect;
  }

  PipelineModel polarityPipeline() {
    return polarity;
  }

  /** Column of the probability that subject {@code i} is mentioned, as the detection pipeline writes it. */
  static String probabilityCol(int i) {
    return "_p" + i;
  }

  /**
   * @param rows posts with {@code idCol} (unique) and {@code textCol}
   * @return {@code idCol}, {@link #ASPECTS}; posts without an aspect are absent (only when the
   *     model keeps no fallback subject, or the text is blank)
   */
  public Dataset<Row> predict(Dataset<Row> rows, String idCol, String textCol) {
    Dataset<Row> detected = detect.transform(rows.select(col(idCol),
        LabelledData.normalized(col(textCol)).as(TextClassifierModel.INPUT))
        .where(col(TextClassifierModel.INPUT).notEqual("")));
    List<Column> candidates = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      candidates.add(struct(lit(subjects.get(i)).as("s"),
          element_at(org.apache.spark.ml.functions.vector_to_array(col(probabilityCol(i)), "float64"), 2).as("p"),
          lit(thresholds.get(i)).as("t")));
    }
    Column all = array(candidates.toArray(new Column[0]));
    Column best = array_max(transform(col("_c"), c -> c.getField("p")));
    Column chosen = filter(col("_c"), c -> c.getField("p").geq(c.getField("t"))
        .or(lit(atLeastOne).and(c.getField("p").equalTo(best))));
    Dataset<Row> pairs = detected.select(col(idCol), col(TextClassifierModel.INPUT), all.as("_c"))
        .select(col(idCol), col(TextClassifierModel.INPUT), explode(chosen).as("_chosen"))
        .select(col(idCol), col(TextClassifierModel.INPUT), col("_chosen.s").as(SUBJECT_COL));
    Dataset<Row> scored = polarity.transform(withWindow(pairs, TextClassifierModel.INPUT, triggers));
    return scored
        .select(col(idCol), struct(col(SUBJECT_COL).as(SUBJECT),
            col(TextClassifierModel.PREDICTION).cast("int").minus(1).as(POLARITY), col(WINDOW).as(SNIPPET)).as("_a"))
        .groupBy(idCol)
        .agg(functions.array_sort(collect_list("_a")).cast(DataTypes.createArrayType(ASPECT_TYPE, false)).as(ASPECTS));
  }

  /** Adds {@link #WINDOW}: the subject's clauses in the text (see the class comment); pure. */
  static Dataset<Row> withWindow(Dataset<Row> rows, String textCol, Map<String, List<String>> triggers) {
    return rows.withColumn(WINDOW, windowUdf(triggers).apply(col(textCol), col(SUBJECT_COL)));
  }

  private static UserDefinedFunction windowUdf(Map<String, List<String>> triggers) {
    Windows windows = new Windows(new LinkedHashMap<>(triggers));
    return functions.udf((UDF2<String, String, String>) windows::window, DataTypes.StringType);
  }

  /** Window extraction, serializable for the UDF; thread-safe. */
  record Windows(Map<String, List<String>> triggers) implements Serializable {
    String window(String text, String subject) {
      if (text == null) {
        return "";
      }
      List<String> words = triggers.getOrDefault(subject, List.of());
      String[] clauses = CLAUSE.split(text);
      boolean[] keep = new boolean[clauses.length];
      boolean any = false;
      for (int i = 0; i < clauses.length; i++) {
        for (String w : words) {
          if (clauses[i].contains(w)) {
            keep[i] = true;
            if (i + 1 < clauses.length) {
              keep[i + 1] = true;
            }
            any = true;
            break;
          }
        }
      }
      if (!any) {
        return text;
      }
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < clauses.length; i++) {
        if (keep[i] && !clauses[i].isEmpty()) {
          out.append(out.length() == 0 ? "" : "，").append(clauses[i]);
        }
      }
      return out.toString();
    }
  }
}
