package com.voclake.text.model;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.transform;

import com.voclake.VoclakeException;
import com.voclake.text.FeatureLexicon;
import com.voclake.text.HanLPRuntime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code train} job: cleans the labelled input ({@link LabelledData}), holds out the dev
 * split ({@link DevSplit}), trains the task's model and the baseline peer (character 1–3-gram
 * TF-IDF with logistic regression) on the train split only, scores both on the dev split, and
 * writes the model version directory ({@link ModelDirectory}) with the model, its dev metrics
 * (and the baseline's, with ratios) and what it was trained on. The baseline is not saved.
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);
  /** Hashed feature space of the text classifiers; collisions cost little below ~10^6 terms. */
  static final int CLASSIFIER_FEATURES = 1 << 19;
  static final int ASPECT_FEATURES = 1 << 18;
  /**
   * Multinomial regression keeps a coefficient per class and feature, and L-BFGS ten such
   * gradients: at 31 request categories 2^19 features ran out of a 4 GB driver heap. Category sets
   * are thousands of short texts, far fewer terms than 2^16.
   */
  static final int CATEGORY_FEATURES = 1 << 16;
  /** Inverse regularisation strength as scikit-learn's C: regParam = 1 / (C * rows). */
  static final double OURS_C = 8.0;
  /**
   * Ridge penalty of the aspect detectors ({@link RidgeDetector}). Chosen with scikit-learn on
   * character 1-3-grams and a validation slice of the training split (the dev split played no
   * part): detection micro F1 0.8893 at 0.3, 0.8888 at 0.6, 0.8854 at 1, 0.8747 at 3; logistic
   * regression (our detectors before) 0.8784, the same ridge without the NB scaling 0.8795.
   */
  static final double DETECT_ALPHA = 0.3;
  static final double POLARITY_C = 4.0;
  static final double BASELINE_C = 1.0;
  static final int MAX_ITER = 60;
  /** Detection threshold a subject starts its tuning from, and that of models without tuned ones. */
  static final double ASPECT_THRESHOLD = 0.4;
  /** Share of the training posts the detection thresholds are tuned on. */
  static final double VALIDATION_FRACTION = 0.2;
  static final double BASELINE_THRESHOLD = 0.5;
  /** Learned triggers of a subject: words in at least this many of its posts ... */
  static final int TRIGGER_MIN_POSTS = 3;
  /** ... of whose posts at least this share has the subject, the most frequent first. */
  static final double TRIGGER_MIN_PRECISION = 0.5;
  static final int TRIGGERS_PER_SUBJECT = 40;

  private TrainJob() {}

  /**
   * @param modelDir the version directory written
   * @param metrics the content of its {@code metrics.json}, with the directory as {@code model}
   */
  public record Result(String modelDir, Map<String, Object> metrics) {}

  public static Result run(SparkSession spark, TrainOptions options) {
    long start = System.nanoTime();
    Result result = options.task() == Task.ASPECT ? trainAspects(spark, options) : trainClassifier(spark, options);
    LOG.info("Trained a {} model into {} in {} s", options.task().id(), result.modelDir(),
        String.format("%.1f", (System.nanoTime() - start) / 1e9));
    return result;
  }

  private static Result trainClassifier(SparkSession spark, TrainOptions o) {
    LabelledData.Loaded loaded = LabelledData.loadTexts(spark, o.inputs(), o.textCol(), o.labelCol(), o.task());
    Column dev = DevSplit.isDev(col(LabelledData.TEXT), o.devFraction(), o.seed());
    Dataset<Row> train = loaded.rows().where(not(dev)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> devRows = loaded.rows().where(dev).cache();
    List<String> lines = new ArrayList<>();
    Set<String> labelSet = new TreeSet<>();
    for (Row r : train.sort(LabelledData.TEXT, LabelledData.LABEL).collectAsList()) {
      lines.add(r.getString(0) + "\t" + r.getString(1));
      labelSet.add(r.getString(1));
    }
    List<String> labels = List.copyOf(labelSet);
    if (labels.size() < 2) {
      throw VoclakeException.of("Cannot train a %s model on %s: its training split has %d label(s) %s, at least two"
          + " are needed (check --label-col)", o.task().id(), o.inputs(), labels.size(), labels);
    }
    long trainRows = lines.size();
    long devCount = devRows.count();
    LOG.info("Training a {} model on {} texts ({} held out for dev), labels {}", o.task().id(), trainRows, devCount,
        labels);
    Column labelArray = array(labels.stream().map(l -> lit(l)).toArray(Column[]::new));
    Dataset<Row> indexed = train
        .withColumn(TextClassifierModel.INPUT, col(LabelledData.TEXT))
        .withColumn(TextClassifierModel.LABEL_INDEX,
            array_position(labelArray, col(LabelledData.LABEL)).minus(1).cast("double"));
    List<String> dictionary = dictionary(o);

    int numFeatures = features(o, o.task() == Task.CATEGORY ? CATEGORY_FEATURES : CLASSIFIER_FEATURES);
    PipelineModel ours = fit(indexed,
        TextFeatures.ours(TextClassifierModel.INPUT, "o_", dictionary, numFeatures, null),
        List.of(classifier(o, "o_", OURS_C, trainRows)));
    Metrics.Classification oursScores = EvaluateJob.score(
        TextClassifierModel.predict(ours, labels, o.task(), devRows, LabelledData.TEXT));
    Map<String, Object> baselineScores = null;
    if (o.baseline()) {
      PipelineModel baseline = fit(indexed, TextFeatures.baseline(TextClassifierModel.INPUT, "b_", numFeatures),
          List.of(classifier(o, "b_", BASELINE_C, trainRows)));
      baselineScores = EvaluateJob.score(
          TextClassifierModel.predict(baseline, labels, o.task(), devRows, LabelledData.TEXT)).toMap();
    }
    String fingerprint = ModelDirectory.fingerprint(lines.iterator());
    String dir = ModelDirectory.version(o.out(), o.task(), ZonedDateTime.now(), fingerprint);
    save(ours, ModelDirectory.path(dir, ModelDirectory.MODEL));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("features", "char 1-3-grams + HanLP word 1-2-grams, hashed, binary TF-IDF, L2-normalised");
    parameters.put("num_features", numFeatures);
    parameters.put("classifier", "logistic regression");
    parameters.put("c", OURS_C);
    parameters.put("reg_param", 1 / (OURS_C * trainRows));
    parameters.put("max_iter", iterations(o));
    Map<String, Object> training = training(o, fingerprint, loaded, trainRows, devCount, labels, parameters);
    Map<String, Object> metrics = metrics(o.task(), oursScores.toMap(), baselineScores);
    ModelDirectory.writeJson(spark, ModelDirectory.path(dir, ModelDirectory.TRAINING), training);
    ModelDirectory.writeJson(spark, ModelDirectory.path(dir, ModelDirectory.METRICS), metrics);
    if (o.writeSplits()) {
      writeSplits(dir, train, devRows);
    }
    train.unpersist();
    devRows.unpersist();
    return new Result(dir, withDir(metrics, dir));
  }

  private static Result trainAspects(SparkSession spark, TrainOptions o) {
    String input = o.inputs().get(0);
    LabelledData.Loaded loaded = LabelledData.loadPosts(spark, input, o.textCol(), o.labelCol());
    Column dev = DevSplit.isDev(col(LabelledData.POST_ID), o.devFraction(), o.seed());
    Dataset<Row> train = loaded.rows().where(not(dev)).cache();
    Dataset<Row> devRows = loaded.rows().where(dev).cache();
    List<Row> trainPosts = train.sort(LabelledData.POST_ID).collectAsList();
    List<String> lines = new ArrayList<>();
    Set<String> subjectSet = new TreeSet<>();
    for (Row r : trainPosts) {
      List<Row> aspects = r.getList(2);
      StringBuilder line = new StringBuilder(r.getString(1));
      for (Row a : aspects) {
        subjectSet.add(a.getString(0));
        line.append('\t').append(a.getString(0)).append('=').append(a.getInt(1));
      }
      lines.add(line.toString());
    }
    lines.sort(null);
    List<String> subjects = List.copyOf(subjectSet);
    if (subjects.size() < 2) {
      throw VoclakeException.of("Cannot train an aspect model on %s: its training split has %d subject(s)", input,
          subjects.size());
    }
    long devCount = devRows.count();
    LOG.info("Training an aspect model on {} posts ({} held out for dev), subjects {}", trainPosts.size(), devCount,
        subjects);
    List<String> dictionary = dictionary(o);
    Map<String, List<String>> triggers = triggers(trainPosts, subjects, o, dictionary);
    long n = trainPosts.size();

    Dataset<Row> indexed = train.withColumn(TextClassifierModel.INPUT, col(LabelledData.TEXT));
    Column postSubjects = transform(col(LabelledData.ASPECTS), a -> a.getField(LabelledData.SUBJECT));
    List<String> labelCols = new ArrayList<>();
    List<LogisticRegression> baselineDetectors = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      indexed = indexed.withColumn("_y" + i, array_contains(postSubjects, subjects.get(i)).cast("double"));
      labelCols.add("_y" + i);
      baselineDetectors.add(logistic(iterations(o), "b_", 1 / (BASELINE_C * n), "_y" + i,
          AspectModel.probabilityCol(i), "_r" + i, "_d" + i));
    }
    // Thresholds come from detectors fitted without a validation slice of the training split and
    // scored on it; the dev split stays unseen. The saved detectors are then fitted on all of it.
    Column validation = DevSplit.isDev(col(LabelledData.POST_ID), VALIDATION_FRACTION, o.seed() + 1);
    PipelineModel probe = fitDetectors(indexed.where(not(validation)), TextFeatures.ours(TextClassifierModel.INPUT,
        "o_", dictionary, features(o, ASPECT_FEATURES), null), "o_", labelCols);
    List<Double> thresholds = thresholds(probe, indexed.where(validation), subjects.size());
    LOG.info("Detection thresholds {} for {}", thresholds, subjects);
    PipelineModel oursDetect = fitDetectors(indexed, TextFeatures.ours(TextClassifierModel.INPUT, "o_", dictionary,
        features(o, ASPECT_FEATURES), null), "o_", labelCols);

    Dataset<Row> pairs = train
        .select(col(LabelledData.POST_ID), col(LabelledData.TEXT).as(TextClassifierModel.INPUT),
            explode(col(LabelledData.ASPECTS)).as("_a"))
        .select(col(LabelledData.POST_ID), col(TextClassifierModel.INPUT),
            col("_a." + LabelledData.SUBJECT).as(AspectModel.SUBJECT_COL),
            col("_a." + LabelledData.POLARITY).plus(1).cast("double").as(TextClassifierModel.LABEL_INDEX));
    long pairCount = pairs.count();
    Dataset<Row> windows = AspectModel.withWindow(pairs, TextClassifierModel.INPUT, triggers);
    List<PipelineStage> polarityFeatures = TextFeatures.ours(AspectModel.WINDOW, "p_", dictionary,
        features(o, ASPECT_FEATURES), AspectModel.SUBJECT_COL);
    // Most aspects are neutral and the model leans to the majority; how far to lean back is tuned
    // on the same validation slice as the detection thresholds.
    PipelineModel polarityProbe = fit(windows.where(not(validation)), polarityFeatures,
        List.of(classifier(o, "p_", POLARITY_C, pairCount)));
    double neutralThreshold = neutralThreshold(polarityProbe, windows.where(validation));
    LogisticRegression polarityClassifier = classifier(o, "p_", POLARITY_C, pairCount);
    if (neutralThreshold != 1.0) {
      polarityClassifier.setThresholds(new double[] {1.0, neutralThreshold, 1.0});
    }
    PipelineModel oursPolarity = fit(windows, polarityFeatures, List.of(polarityClassifier));
    AspectModel ours = new AspectModel(oursDetect, oursPolarity, subjects, triggers, thresholds, true);
    Metrics.AspectScores oursScores = EvaluateJob.scoreAspects(ours, devRows);
    Map<String, Object> baselineScores = null;
    if (o.baseline()) {
      // The peer: per-subject detection at 0.5 and the post's polarity, both on character n-grams.
      PipelineModel baselineDetect = fit(indexed, TextFeatures.baseline(TextClassifierModel.INPUT, "b_",
          features(o, ASPECT_FEATURES)), baselineDetectors);
      PipelineModel baselinePolarity = fit(AspectModel.withWindow(pairs, TextClassifierModel.INPUT, Map.of()),
          TextFeatures.baseline(AspectModel.WINDOW, "q_", features(o, ASPECT_FEATURES)),
          List.of(classifier(o, "q_", BASELINE_C, pairCount)));
      baselineScores = EvaluateJob.scoreAspects(new AspectModel(baselineDetect, baselinePolarity, subjects, Map.of(),
          BASELINE_THRESHOLD, false), devRows).toMap();
    }
    String fingerprint = ModelDirectory.fingerprint(lines.iterator());
    String dir = ModelDirectory.version(o.out(), o.task(), ZonedDateTime.now(), fingerprint);
    String model = ModelDirectory.path(dir, ModelDirectory.MODEL);
    save(oursDetect, ModelDirectory.path(model, AspectModel.DETECT));
    save(oursPolarity, ModelDirectory.path(model, AspectModel.POLARITY_MODEL));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("features", "char 1-3-grams + HanLP word 1-2-grams, hashed, binary TF-IDF, L2-normalised");
    parameters.put("num_features", features(o, ASPECT_FEATURES));
    parameters.put("detection", "one NB-weighted ridge classifier per subject (the features scaled by the"
        + " log-count ratio of the subject's posts against the others, label -1/+1, conjugate gradients), alpha "
        + DETECT_ALPHA + ", the margin through a sigmoid, a threshold per subject tuned for micro F1 on a"
        + " validation slice of the training split, at least one subject per post");
    parameters.put("polarity", "multinomial logistic regression on the subject's clause window, terms crossed with"
        + " the subject, C " + POLARITY_C + ", neutral threshold " + neutralThreshold
        + " (the neutral probability is divided by it before the most probable class is taken)");
    parameters.put("max_iter", iterations(o));
    Map<String, Object> training = training(o, fingerprint, loaded, n, devCount, subjects, parameters);
    Map<String, Object> aspect = new LinkedHashMap<>();
    aspect.put("subjects", subjects);
    aspect.put("triggers", triggers);
    aspect.put("threshold", ASPECT_THRESHOLD);
    Map<String, Double> bySubject = new TreeMap<>();
    for (int i = 0; i < subjects.size(); i++) {
      bySubject.put(subjects.get(i), thresholds.get(i));
    }
    aspect.put("thresholds", bySubject);
    training.put("aspect", aspect);
    Map<String, Object> metrics = metrics(o.task(), oursScores.toMap(), baselineScores);
    ModelDirectory.writeJson(spark, ModelDirectory.path(dir, ModelDirectory.TRAINING), training);
    ModelDirectory.writeJson(spark, ModelDirectory.path(dir, ModelDirectory.METRICS), metrics);
    if (o.writeSplits()) {
      writeSplits(dir, train, devRows);
    }
    train.unpersist();
    devRows.unpersist();
    return new Result(dir, withDir(metrics, dir));
  }

  /** The cleaned splits as one JSON-lines file each, sorted so that a rerun writes the same bytes. */
  private static void writeSplits(String dir, Dataset<Row> train, Dataset<Row> dev) {
    String root = ModelDirectory.path(dir, ModelDirectory.SPLITS);
    for (Map.Entry<String, Dataset<Row>> split : Map.of("train", train, "dev", dev).entrySet()) {
      Dataset<Row> rows = split.getValue();
      rows.sort(java.util.Arrays.stream(rows.columns()).map(org.apache.spark.sql.functions::col)
          .toArray(org.apache.spark.sql.Column[]::new)).coalesce(1).write().json(ModelDirectory.path(root, split.getKey()));
    }
    LOG.info("Wrote the train and dev splits to {}", root);
  }

  /**
   * Trigger words per subject: the feature lexicon's triggers of a feature of the same name, and
   * words of the training posts that mostly occur in the subject's posts.
   */
  static Map<String, List<String>> triggers(List<Row> trainPosts, List<String> subjects, TrainOptions o,
      List<String> dictionary) {
    HanLPRuntime.ensureDictionary(HanLPRuntime.fingerprint(dictionary), dictionary);
    Map<String, Integer> postsWith = new HashMap<>();
    Map<String, Map<String, Integer>> postsWithBySubject = new HashMap<>();
    for (Row r : trainPosts) {
      Set<String> words = new LinkedHashSet<>();
      for (String t : HanLPRuntime.tokenize(r.getString(1))) {
        String w = t.strip().toLowerCase(Locale.ROOT);
        if (!w.isEmpty() && Character.isLetterOrDigit(w.codePointAt(0))) {
          words.add(w);
        }
      }
      Set<String> postSubjects = new TreeSet<>();
      for (Row a : r.<Row>getList(2)) {
        postSubjects.add(a.getString(0));
      }
      for (String w : words) {
        postsWith.merge(w, 1, Integer::sum);
        for (String s : postSubjects) {
          postsWithBySubject.computeIfAbsent(s, k -> new HashMap<>()).merge(w, 1, Integer::sum);
        }
      }
    }
    Map<String, FeatureLexicon.Feature> lexicon = new HashMap<>();
    if (o.resources() != null) {
      for (FeatureLexicon.Feature f : o.resources().features().features()) {
        lexicon.put(f.name(), f);
      }
    }
    Map<String, List<String>> out = new TreeMap<>();
    for (String s : subjects) {
      Set<String> words = new LinkedHashSet<>();
      if (lexicon.containsKey(s)) {
        words.addAll(new TreeSet<>(lexicon.get(s).triggers()));
      }
      postsWithBySubject.getOrDefault(s, Map.of()).entrySet().stream()
          .filter(e -> e.getValue() >= TRIGGER_MIN_POSTS
              && e.getValue() >= TRIGGER_MIN_PRECISION * postsWith.get(e.getKey()))
          .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(TRIGGERS_PER_SUBJECT)
          .forEach(e -> words.add(e.getKey()));
      out.put(s, List.copyOf(words));
    }
    return out;
  }

  /** Per-subject thresholds ({@link DetectionThresholds}) from {@code probe}'s scores on {@code validation}. */
  private static List<Double> thresholds(PipelineModel probe, Dataset<Row> validation, int subjects) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < subjects; i++) {
      columns.add(org.apache.spark.ml.functions.vector_to_array(col(AspectModel.probabilityCol(i)), "float64")
          .getItem(1));
      columns.add(col("_y" + i));
    }
    List<double[]> probabilities = new ArrayList<>();
    List<boolean[]> gold = new ArrayList<>();
    for (Row r : probe.transform(validation).select(columns.toArray(new Column[0])).collectAsList()) {
      double[] p = new double[subjects];
      boolean[] g = new boolean[subjects];
      for (int i = 0; i < subjects; i++) {
        p[i] = r.getDouble(2 * i);
        g[i] = r.getDouble(2 * i + 1) > 0;
      }
      probabilities.add(p);
      gold.add(g);
    }
    double[] tuned = DetectionThresholds.tune(probabilities, gold, ASPECT_THRESHOLD);
    LOG.info("Validation micro F1 of detection: {} at {}, {} at the tuned thresholds",
        String.format("%.4f", DetectionThresholds.microF1(probabilities, gold, uniform(subjects))), ASPECT_THRESHOLD,
        String.format("%.4f", DetectionThresholds.microF1(probabilities, gold, tuned)));
    return java.util.Arrays.stream(tuned).boxed().toList();
  }

  /**
   * The divisor of the neutral probability (1 to 3 in steps of 0.1, ties to the smaller) that gives
   * the best polarity accuracy of {@code probe} on the labelled pairs of {@code validation}; 1 when
   * the probe does not know all three polarities.
   */
  private static double neutralThreshold(PipelineModel probe, Dataset<Row> validation) {
    List<double[]> probabilities = new ArrayList<>();
    List<Integer> gold = new ArrayList<>();
    for (Row r : probe.transform(validation).select(org.apache.spark.ml.functions.vector_to_array(
        col(TextClassifierModel.PROBABILITY), "float64"), col(TextClassifierModel.LABEL_INDEX)).collectAsList()) {
      List<Double> p = r.getList(0);
      if (p.size() != 3) {
        return 1.0;
      }
      probabilities.add(new double[] {p.get(0), p.get(1), p.get(2)});
      gold.add((int) r.getDouble(1));
    }
    double best = 1.0;
    long bestHits = -1;
    for (int step = 0; step <= 20; step++) {
      double t = 1.0 + step / 10.0;
      long hits = 0;
      for (int j = 0; j < probabilities.size(); j++) {
        double[] p = probabilities.get(j);
        int predicted = p[0] >= p[1] / t && p[0] >= p[2] ? 0 : p[1] / t >= p[2] ? 1 : 2;
        hits += predicted == gold.get(j) ? 1 : 0;
      }
      if (hits > bestHits) {
        bestHits = hits;
        best = t;
      }
    }
    LOG.info("Neutral threshold {}: validation polarity accuracy {} on {} pairs", best,
        String.format("%.4f", probabilities.isEmpty() ? 0 : (double) bestHits / probabilities.size()),
        probabilities.size());
    return best;
  }

  private static double[] uniform(int subjects) {
    double[] t = new double[subjects];
    java.util.Arrays.fill(t, ASPECT_THRESHOLD);
    return t;
  }

  private static void save(PipelineModel model, String path) {
    try {
      model.write().save(path);
    } catch (java.io.IOException e) {
      throw new VoclakeException("Cannot save the model to " + path + ": " + e.getMessage(), e);
    }
  }

  private static List<String> dictionary(TrainOptions o) {
    return o.resources() == null ? List.of() : o.resources().dictionary();
  }

  private static int features(TrainOptions o, int taskDefault) {
    return o.numFeatures() > 0 ? o.numFeatures() : taskDefault;
  }

  private static int iterations(TrainOptions o) {
    return o.maxIter() > 0 ? o.maxIter() : MAX_ITER;
  }

  /** A classifier of {@link TextClassifierModel#LABEL_INDEX} writing the model's standard columns. */
  private static LogisticRegression classifier(TrainOptions o, String prefix, double c, long rows) {
    return logistic(iterations(o), prefix, 1 / (c * rows), TextClassifierModel.LABEL_INDEX,
        TextClassifierModel.PROBABILITY, TextClassifierModel.RAW, TextClassifierModel.PREDICTION);
  }

  static LogisticRegression logistic(int maxIter, String prefix, double regParam, String labelCol,
      String probabilityCol, String rawCol, String predictionCol) {
    // No standardisation: on L2-normalised TF-IDF it would blow up the weight of rare terms.
    return new LogisticRegression().setFeaturesCol(TextFeatures.features(prefix)).setLabelCol(labelCol)
        .setProbabilityCol(probabilityCol).setRawPredictionCol(rawCol).setPredictionCol(predictionCol)
        .setRegParam(regParam).setElasticNetParam(0).setStandardization(false).setMaxIter(maxIter).setTol(1e-6);
  }

  /**
   * Fits the feature stages once, then every classifier on the cached features, and returns the
   * whole as one pipeline model.
   */
  static PipelineModel fit(Dataset<Row> train, List<PipelineStage> featureStages,
      List<LogisticRegression> classifiers) {
    PipelineModel features = new Pipeline().setStages(featureStages.toArray(new PipelineStage[0])).fit(train);
    List<Column> needed = new ArrayList<>();
    needed.add(col(classifiers.get(0).getFeaturesCol()));
    classifiers.stream().map(LogisticRegression::getLabelCol).distinct().forEach(c -> needed.add(col(c)));
    // Checkpointed so that the optimizer's tasks do not carry the feature stages (the IDF vector
    // alone is 8 bytes a feature) in every iteration's task binary; one partition per core keeps
    // the number of dense gradient vectors to merge small.
    Dataset<Row> featurized = features.transform(train).select(needed.toArray(new Column[0]))
        .coalesce(train.sparkSession().sparkContext().defaultParallelism())
        .localCheckpoint(true);
    List<PipelineStage> fitted = new ArrayList<>();
    fitted.add(features);
    try {
      for (LogisticRegression lr : classifiers) {
        long start = System.nanoTime();
        Transformer model = lr.fit(featurized);
        LOG.info("Fitted {} on {} in {} s", lr.getLabelCol(), lr.getFeaturesCol(),
            String.format("%.1f", (System.nanoTime() - start) / 1e9));
        fitted.add(model);
      }
    } finally {
      featurized.unpersist();
    }
    // Every stage is fitted already, so this only chains them; it reads no data.
    return new Pipeline().setStages(fitted.toArray(new PipelineStage[0])).fit(train);
  }

  /**
   * Fits the feature stages, then one {@link RidgeDetector} per label column on the features
   * collected to the driver (the detector's solver runs there), and returns the whole as one
   * pipeline model writing {@link AspectModel#probabilityCol} for each label.
   */
  static PipelineModel fitDetectors(Dataset<Row> train, List<PipelineStage> featureStages, String prefix,
      List<String> labelCols) {
    PipelineModel features = new Pipeline().setStages(featureStages.toArray(new PipelineStage[0])).fit(train);
    String featuresCol = TextFeatures.features(prefix);
    List<Column> needed = new ArrayList<>();
    needed.add(col(featuresCol));
    labelCols.forEach(l -> needed.add(col(l)));
    List<Row> rows = features.transform(train).select(needed.toArray(new Column[0])).collectAsList();
    List<Vector> vectors = new ArrayList<>(rows.size());
    rows.forEach(r -> vectors.add((Vector) r.get(0)));
    List<PipelineStage> fitted = new ArrayList<>();
    fitted.add(features);
    for (int i = 0; i < labelCols.size(); i++) {
      long start = System.nanoTime();
      boolean[] labels = new boolean[rows.size()];
      for (int j = 0; j < labels.length; j++) {
        labels[j] = rows.get(j).getDouble(i + 1) > 0;
      }
      fitted.add(RidgeDetector.fit(vectors, labels, DETECT_ALPHA).setInputCol(featuresCol)
          .setOutputCol(AspectModel.probabilityCol(i)));
      LOG.info("Fitted the ridge detector of {} on {} posts in {} s", labelCols.get(i), labels.length,
          String.format("%.1f", (System.nanoTime() - start) / 1e9));
    }
    // Every stage is fitted already, so this only chains them; it reads no data.
    return new Pipeline().setStages(fitted.toArray(new PipelineStage[0])).fit(train);
  }

  private static Map<String, Object> training(TrainOptions o, String fingerprint, LabelledData.Loaded loaded,
      long trainRows, long devRows, List<String> labels, Map<String, Object> parameters) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("task", o.task().id());
    t.put("created", ZonedDateTime.now().toString());
    t.put("inputs", o.inputs());
    t.put("text_col", o.textCol());
    t.put("label_col", o.labelCol());
    t.put("dev_fraction", o.devFraction());
    t.put("seed", o.seed());
    t.put("data_fingerprint", "sha256:" + fingerprint);
    Map<String, Object> rows = new LinkedHashMap<>();
    rows.put("read", loaded.rowsRead());
    rows.put("dropped_blank_or_unlabelled", loaded.dropped());
    rows.put("dropped_duplicates", loaded.duplicates());
    rows.put("dropped_conflicting_texts", loaded.conflicting());
    rows.put("train", trainRows);
    rows.put("dev", devRows);
    t.put("rows", rows);
    t.put("labels", labels);
    t.put("parameters", parameters);
    t.put("spark_version", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    String version = TrainJob.class.getPackage().getImplementationVersion();
    t.put("voclake_version", version == null ? "dev" : version);
    return t;
  }

  private static Map<String, Object> metrics(Task task, Map<String, Object> ours, Map<String, Object> baseline) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", task.id());
    m.put("split", "dev");
    m.putAll(ours);
    if (baseline == null) {
      return m;
    }
    m.put("baseline", baseline);
    Map<String, Object> ratio = new LinkedHashMap<>();
    for (String key : List.of("accuracy", "macro_f1", "aspect_micro_f1", "aspect_sentiment_f1")) {
      if (ours.get(key) instanceof Double a && baseline.get(key) instanceof Double b && b > 0) {
        ratio.put(key, Metrics.round(a / b));
      }
    }
    m.put("ratio_to_baseline", ratio);
    return m;
  }

  private static Map<String, Object> withDir(Map<String, Object> metrics, String dir) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", dir);
    out.putAll(metrics);
    return out;
  }
}
