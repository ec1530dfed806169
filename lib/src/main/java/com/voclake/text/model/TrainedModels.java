package com.voclake.text.model;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.voclake.config.TextConfig;
import com.voclake.text.AspectExtractor;
import com.voclake.text.FeatureLexicon;
import com.voclake.text.TextAnalysis;
import java.util.ArrayList;
import java.util.List;
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
 * output takes the place of the lexicon's in the enriched columns (same names and types). A model
 * reads an interaction's analysed units (customer turns, or the text) joined into one text.
 * Immutable.
 */
public record TrainedModels(Optional<TextClassifierModel> sentiment, Optional<AspectModel> aspect) {
  public static final TrainedModels NONE = new TrainedModels(Optional.empty(), Optional.empty());
  /** Column of {@link #sentimentScores}: the model's score in [-1, 1]. */
  public static final String MODEL_SCORE = "_model_sentiment_score";
  private static final Logger LOG = LoggerFactory.getLogger(TrainedModels.class);
  private static final String ID = AspectExtractor.ID;
  private static final String TEXT = "_model_input";

  /** Loads the configured model directories; none configured gives {@link #NONE}. */
  public static TrainedModels load(SparkSession spark, TextConfig.Models models) {
    Optional<TextClassifierModel> sentiment = models.sentiment().map(dir -> {
      TextClassifierModel m = TextClassifierModel.load(spark, dir);
      if (m.task() != Task.SENTIMENT) {
        throw com.voclake.VoclakeException.of("text.models.sentiment = %s holds a %s model, not a sentiment model",
            dir, m.task().id());
      }
      return m;
    });
    Optional<AspectModel> aspect = models.aspect().map(dir -> AspectModel.load(spark, dir));
    sentiment.ifPresent(m -> LOG.info("Sentiment from the trained model {}", models.sentiment().get()));
    aspect.ifPresent(m -> LOG.info("Aspects of {} from the trained model {}", m.subjects(), models.aspect().get()));
    return new TrainedModels(sentiment, aspect);
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
