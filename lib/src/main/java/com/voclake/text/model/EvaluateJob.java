package com.voclake.text.model;

import static org.apache.spark.sql.functions.col;

import com.voclake.InputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code evaluate} job: scores a trained model version on a labelled file, cleaned as for
 * training, either every row or only its dev split (the hash rule, fraction and seed the model
 * was trained with). Returns the metrics ({@link Metrics}) as a JSON-ready map.
 */
public final class EvaluateJob {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluateJob.class);

  private EvaluateJob() {}

  public static Map<String, Object> run(SparkSession spark, EvaluateOptions o) {
    long start = System.nanoTime();
    Map<String, Object> training = ModelDirectory.training(spark, o.model());
    if (!o.task().id().equals(training.get("task"))) {
      throw new InputException(String.format("%s holds a %s model, not a %s model: give a %s model, or --task %s",
          o.model(),
          training.get("task"), o.task().id(), o.task().id(), training.get("task")));
    }
    double fraction = ((Number) training.get("dev_fraction")).doubleValue();
    long seed = ((Number) training.get("seed")).longValue();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("task", o.task().id());
    out.put("model", o.model());
    out.put("input", o.input());
    out.put("split", o.devOnly() ? "dev" : "all");
    if (o.task() == Task.ASPECT) {
      LabelledData.Loaded loaded = LabelledData.loadPosts(spark, o.input(), o.textCol(), o.labelCol());
      Dataset<Row> posts = loaded.rows();
      if (o.devOnly()) {
        posts = posts.where(DevSplit.isDev(col(LabelledData.POST_ID), fraction, seed));
      }
      out.putAll(scoreAspects(AspectModel.load(spark, o.model()), posts).toMap());
    } else {
      LabelledData.Loaded loaded = LabelledData.loadTexts(spark, List.of(o.input()), o.textCol(), o.labelCol(),
          o.task());
      Dataset<Row> rows = loaded.rows();
      if (o.devOnly()) {
        rows = rows.where(DevSplit.isDev(col(LabelledData.TEXT), fraction, seed));
      }
      out.putAll(score(TextClassifierModel.load(spark, o.model()).predict(rows, LabelledData.TEXT)).toMap());
    }
    LOG.info("Evaluated {} on {} ({} rows) in {} s", o.model(), o.input(), out.get("rows"),
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
    return out;
  }

  /** Scores predictions ({@link LabelledData#LABEL} against {@link TextClassifierModel#PREDICTED}). */
  static Metrics.Classification score(Dataset<Row> predicted) {
    List<String> gold = new ArrayList<>();
    List<String> guesses = new ArrayList<>();
    for (Row r : predicted.select(LabelledData.LABEL, TextClassifierModel.PREDICTED).collectAsList()) {
      gold.add(r.getString(0));
      guesses.add(r.getString(1));
    }
    return Metrics.classification(gold, guesses);
  }

  /** Scores the model's aspects on posts of {@link LabelledData#posts}. */
  static Metrics.AspectScores scoreAspects(AspectModel model, Dataset<Row> posts) {
    Map<String, Set<Metrics.Aspect>> gold = new HashMap<>();
    for (Row r : posts.select(LabelledData.POST_ID, LabelledData.ASPECTS).collectAsList()) {
      gold.put(r.getString(0), aspects(r.getList(1)));
    }
    Map<String, Set<Metrics.Aspect>> predicted = new HashMap<>();
    for (Row r : model.predict(posts, LabelledData.POST_ID, LabelledData.TEXT).collectAsList()) {
      predicted.put(r.getString(0), aspects(r.getList(1)));
    }
    return Metrics.aspects(gold, predicted);
  }

  private static Set<Metrics.Aspect> aspects(List<Row> rows) {
    Set<Metrics.Aspect> out = new HashSet<>();
    for (Row a : rows) {
      out.add(new Metrics.Aspect(a.getString(0), a.getInt(1)));
    }
    return out;
  }
}
