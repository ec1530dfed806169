package com.voclake.text.model;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.voclake.config.ConfigException;
import com.voclake.config.TextConfig;
import com.voclake.text.AspectExtractor;
import com.voclake.text.FeatureLexicon;
import com.voclake.text.Taxonomy;
import com.voclake.text.TextAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trained models the enrich stage uses when {@code text.models} names them, and how their
 * output takes the place of the lexicon's and the keyword rules' in the enriched columns (same
 * names and types). A model reads an interaction's analysed units (customer turns, or the text)
 * joined into one text. Immutable.
 */
public record TrainedModels(Optional<TextClassifierModel> sentiment, Optional<AspectModel> aspect,
    Optional<TextClassifierModel> category) {
  public static final TrainedModels NONE = new TrainedModels(Optional.empty(), Optional.empty(), Optional.empty());
  /** Column of {@link #sentimentScores}: the model's score in [-1, 1]. */
  public static final String MODEL_SCORE = "_model_sentiment_score";
  /** Columns of {@link #categories}: the model's category, its parent and its probability. */
  public static final String MODEL_L1 = "_model_category_l1";
  public static final String MODEL_L2 = "_model_category_l2";
  public static final String MODEL_CONFIDENCE = "_model_category_confidence";
  private static final Logger LOG = LoggerFactory.getLogger(TrainedModels.class);
  private static final String ID = AspectExtractor.ID;
  private static final String TEXT = "_model_input";

  /** Sentiment and aspect models, no category model. */
  public TrainedModels(Optional<TextClassifierModel> sentiment, Optional<AspectModel> aspect) {
    this(sentiment, aspect, Optional.empty());
  }

  /** Loads the configured model directories; none configured gives {@link #NONE}. */
  public static TrainedModels load(SparkSession spark, TextConfig.Models models) {
    Optional<TextClassifierModel> sentiment = models.sentiment().map(dir -> classifier(spark, dir, Task.SENTIMENT));
    Optional<AspectModel> aspect = models.aspect().map(dir -> AspectModel.load(spark, dir));
    Optional<TextClassifierModel> category = models.category().map(dir -> classifier(spark, dir, Task.CATEGORY));
    sentiment.ifPresent(m -> LOG.info("Sentiment from the trained model {}", models.sentiment().get()));
    aspect.ifPresent(m -> LOG.info("Aspects of {} from the trained model {}", m.subjects(), models.aspect().get()));
    category.ifPresent(m -> LOG.info("Request categories from the trained model {} ({} labels) instead of the keyword"
        + " rules", models.category().get(), m.labels().size()));
    return new TrainedModels(sentiment, aspect, category);
  }

  private static TextClassifierModel classifier(SparkSession spark, String dir, Task task) {
    TextClassifierModel m = TextClassifierModel.load(spark, dir);
    if (m.task() != task) {
      throw new ConfigException(String.format("text.models.%s = %s holds a %s model, not a %s model: set it to a"
          + " folder written by 'voclake train --task %s'", task.id(), dir, m.task().id(), task.id(), task.id()));
    }
    return m;
  }

  /** Whether any model reads the texts ({@link TextAnalysis#UNITS} must be kept for it). */
  public boolean any() {
    return sentiment.isPresent() || aspect.isPresent() || category.isPresent();
  }

  private static Dataset<Row> texts(Dataset<Row> analysed) {
    return analysed.select(col(ID), array_join(col(TextAnalysis.UNITS), "。").as(TEXT))
        .where(col(TEXT).isNotNull().and(col(TEXT).notEqual("")));
  }

  /**
   * @param analysed interactions with {@code interaction_id} and {@link TextAnalysis#UNITS}
   * @return {@code interaction_id}, {@link #MODEL_SCORE}; interactions without text are absent
   */
  public Dataset<Row> sentimentScores(Dataset<Row> analysed) {
    TextClassifierModel model = sentiment.orElseThrow();
    return model.predict(texts(analysed), TEXT).select(col(ID), col(TextClassifierModel.SCORE).as(MODEL_SCORE));
  }

  /**
   * The category model's request category of each interaction with text, in the taxonomy's
   * terms: a label {@code l1/l2} or {@code l2} is looked up by its {@code l2}, and {@code l1} is
   * the taxonomy's parent of it; the confidence is the model's probability of the label. A label
   * the taxonomy does not know (a model trained on another taxonomy) gives the taxonomy's fallback
   * with confidence 0, as the keyword rules give it without evidence; such labels are logged once
   * and the interactions they reach counted (one more pass of the model, only when there are any).
   *
   * @param analysed interactions with {@code interaction_id} and {@link TextAnalysis#UNITS}
   * @return {@code interaction_id}, {@link #MODEL_L1}, {@link #MODEL_L2}, {@link #MODEL_CONFIDENCE};
   *     interactions without text are absent (they keep the rules' fallback)
   */
  public Dataset<Row> categories(Dataset<Row> analysed, Taxonomy taxonomy) {
    TextClassifierModel model = category.orElseThrow();
    Map<String, String> parents = new LinkedHashMap<>();
    for (Taxonomy.Category c : taxonomy.categories()) {
      parents.put(c.l2(), c.l1());
    }
    parents.putIfAbsent(taxonomy.fallbackL2(), taxonomy.fallbackL1());
    List<Column> entries = new ArrayList<>();
    parents.forEach((l2, l1) -> {
      entries.add(lit(l2));
      entries.add(lit(l1));
    });
    Column l2 = element_at(functions.split(col(TextClassifierModel.PREDICTED), "/"), -1);
    Column parent = element_at(functions.map(entries.toArray(new Column[0])), l2);
    Dataset<Row> predicted = model.predict(texts(analysed), TEXT).select(col(ID),
        when(parent.isNull(), lit(taxonomy.fallbackL1())).otherwise(parent).as(MODEL_L1),
        when(parent.isNull(), lit(taxonomy.fallbackL2())).otherwise(l2).as(MODEL_L2),
        when(parent.isNull(), lit(0.0)).otherwise(col(TextClassifierModel.CONFIDENCE)).as(MODEL_CONFIDENCE),
        parent.isNull().as("_unknown"));
    List<String> unknown = model.labels().stream()
        .filter(label -> !parents.containsKey(label.substring(label.lastIndexOf('/') + 1))).toList();
    if (!unknown.isEmpty()) {
      long reached = predicted.where(col("_unknown")).count();
      LOG.warn("The category model's labels {} are not in the taxonomy: {} interaction(s) given one of them are filed"
          + " under {}/{}", unknown, reached, taxonomy.fallbackL1(), taxonomy.fallbackL2());
    }
    return predicted.drop("_unknown");
  }

  /**
   * The lexicon's aspects with those of the model's subjects replaced by the model's: the model
   * decides whether 动力 is mentioned and with which polarity; features it was not trained on
   * keep the lexicon's reading. Ordered as the feature lexicon lists features (unknown ones last).
   *
   * @param lexiconAspects {@code interaction_id}, {@code aspects} as {@link AspectExtractor#extract} gives them
   * @return the same columns
   */
  public Dataset<Row> mergeAspects(Dataset<Row> analysed, Dataset<Row> lexiconAspects, FeatureLexicon features) {
    AspectModel model = aspect.orElseThrow();
    Column subjects = functions.array(model.subjects().stream().map(s -> lit(s)).toArray(Column[]::new));
    Dataset<Row> predicted = model.predict(texts(analysed), ID, TEXT)
        .select(col(ID), functions.transform(col(AspectModel.ASPECTS), a -> functions.struct(
            a.getField(AspectModel.SUBJECT).as(AspectExtractor.FEATURE),
            when(a.getField(AspectModel.POLARITY).gt(0), lit("pos"))
                .when(a.getField(AspectModel.POLARITY).lt(0), lit("neg")).otherwise(lit("neu"))
                .as(AspectExtractor.POLARITY),
            a.getField(AspectModel.SNIPPET).as(AspectExtractor.SNIPPET))).as("_model"));
    List<Column> ranks = new ArrayList<>();
    for (FeatureLexicon.Feature f : features.features()) {
      ranks.add(lit(f.name()));
      ranks.add(lit(f.rank()));
    }
    Column rankOf = functions.map(ranks.toArray(new Column[0]));
    Column empty = functions.array().cast(DataTypes.createArrayType(AspectExtractor.ASPECT));
    Column kept = functions.filter(coalesce(col(AspectExtractor.ASPECTS), empty),
        a -> functions.not(functions.array_contains(subjects, a.getField(AspectExtractor.FEATURE))));
    Column merged = functions.concat(kept, coalesce(col("_model"), empty));
    Column ranked = functions.transform(merged, a -> functions.struct(
        coalesce(functions.element_at(rankOf, a.getField(AspectExtractor.FEATURE)), lit(Integer.MAX_VALUE)).as("r"),
        a.as("a")));
    return lexiconAspects.join(predicted, new String[] {ID}, "full_outer")
        .select(col(ID), functions.transform(functions.array_sort(ranked), x -> x.getField("a")).as("_merged"))
        .where(functions.size(col("_merged")).gt(0))
        .withColumnRenamed("_merged", AspectExtractor.ASPECTS);
  }
}
