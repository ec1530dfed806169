package com.voclake.text.bench;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.voclake.VoclakeException;
import com.voclake.config.TextConfig;
import com.voclake.io.InteractionSchema;
import com.voclake.pipeline.Checkpoints;
import com.voclake.text.EnrichJob;
import com.voclake.text.EnrichedInteractionSchema;
import com.voclake.text.HanLPRuntime;
import com.voclake.text.KeywordExtractor;
import com.voclake.text.TextAnalysis;
import com.voclake.text.TextResources;
import com.voclake.text.model.TrainedModels;
import com.hankcs.hanlp.seg.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench text}: how fast the enrich analysis reads Chinese compared with HanLP alone, on the
 * same texts in one run.
 *
 * <ol>
 *   <li>Tokenizer baseline: HanLP's segmenter as the job configures it ({@link HanLPRuntime#segment},
 *       user dictionary loaded) in a plain Java loop on one thread, no Spark.
 *   <li>Enrich: {@link EnrichJob#analyse} and {@link EnrichJob#enrich} (scrubbing, tokens,
 *       categories, sentiment, emotion, aspects, keywords, customer join) on the session's master,
 *       the analysis materialized as the job does, run to the end with Spark's {@code noop} sink (no
 *       output I/O timed).
 * </ol>
 *
 * Two more sides say where enrich's time goes, on as many plain Java threads as the master has
 * cores (each thread a contiguous share of the texts, as a partition would be), no Spark: the same
 * tokenizer, which shows how far HanLP itself scales on this machine's cores, and the whole
 * per-interaction analysis ({@link TextAnalysis#analyse(List, boolean)}: everything enrich does
 * per text but Spark's rows and the day's TF-IDF). Against two tokenizer threads' worth, the
 * second is the ceiling that enrich would reach if Spark cost nothing.
 *
 * Every side first runs once, untimed, over all the texts (JIT, HanLP's dictionaries, Spark's
 * planning and first tasks). The JIT keeps compiling Spark's and the analysis' code for several
 * rounds, on the same two cores the tasks run on: after a warm-up of 5,000 texts, the first
 * timed enrich of 100,000 took 1.5 to 1.9 times as long as the later ones. So each side is then
 * timed {@code rounds} times, alternating, each on a freshly collected heap, and the median of
 * each is reported: the steady state, and one disturbance on a shared machine does not decide it. Speed is characters per second
 * over the texts' characters. The ratio {@code enrich / (2 x tokenizer)} says how much of two
 * cores' worth of raw tokenizing the whole enrichment keeps; the target is 0.6 on
 * {@code local[2]}.
 */
public final class TextBench {
  private static final Logger LOG = LoggerFactory.getLogger(TextBench.class);
  private static final String BENCH_DATE = "2026-01-01";
  /** Timed rounds of each side by default. */
  public static final int ROUNDS = 5;

  /**
   * Figures of one run.
   *
   * @param cores the session's default parallelism (2 on {@code local[2]})
   * @param tokenizerRounds seconds of each timed tokenizer round on one thread, in order
   * @param enrichRounds seconds of each timed enrich round, in order
   * @param threadedTokenizerRounds seconds of the tokenizer on {@code cores} plain threads
   * @param threadedAnalysisRounds seconds of the per-interaction analysis on {@code cores} plain threads
   */
  public record Result(long docs, long chars, int cores, List<Double> tokenizerRounds, List<Double> enrichRounds,
      List<Double> threadedTokenizerRounds, List<Double> threadedAnalysisRounds, List<Double> modelRounds) {
    public Result {
      modelRounds = List.copyOf(modelRounds);
      tokenizerRounds = List.copyOf(tokenizerRounds);
      enrichRounds = List.copyOf(enrichRounds);
      threadedTokenizerRounds = List.copyOf(threadedTokenizerRounds);
      threadedAnalysisRounds = List.copyOf(threadedAnalysisRounds);
    }

    /** The median tokenizer round. */
    public double tokenizerSeconds() {
      return median(tokenizerRounds);
    }

    /** The median enrich round. */
    public double enrichSeconds() {
      return median(enrichRounds);
    }

    public double tokenizerCharsPerSecond() {
      return chars / tokenizerSeconds();
    }

    public double enrichCharsPerSecond() {
      return chars / enrichSeconds();
    }

    /** Enrich throughput against two threads of raw tokenizing (the yardstick). */
    public double enrichVersusTwoTokenizers() {
      return enrichCharsPerSecond() / (2 * tokenizerCharsPerSecond());
    }

    /** The same yardstick for HanLP itself on {@code cores} threads: how well it scales here. */
    public double threadedTokenizerVersusTwoTokenizers() {
      return chars / median(threadedTokenizerRounds) / (2 * tokenizerCharsPerSecond());
    }

    /** The same yardstick for the analysis on {@code cores} threads without Spark: enrich's ceiling. */
    public double threadedAnalysisVersusTwoTokenizers() {
      return chars / median(threadedAnalysisRounds) / (2 * tokenizerCharsPerSecond());
    }

    /**
     * Enrich's throughput with the trained models against without them (keyword rules and
     * lexicon), in the same run; NaN when no model was configured.
     */
    public double modelsVersusRules() {
      return modelRounds.isEmpty() ? Double.NaN : enrichSeconds() / median(modelRounds);
    }

    /** A small human-readable table. */
    public String table() {
      String models = modelRounds.isEmpty() ? "" : String.format("%-34s %12.3f %,14.0f   rounds %s%n",
          "enrich with the trained models", median(modelRounds), chars / median(modelRounds), rounded(modelRounds))
          + String.format("enrich with the trained models / without = %.3f%n", modelsVersusRules());
      return String.format("%-34s %12s %14s%n", "what", "seconds", "chars/s")
          + String.format("%-34s %12.3f %,14.0f   rounds %s%n", "HanLP tokenizer, 1 thread", tokenizerSeconds(),
              tokenizerCharsPerSecond(), rounded(tokenizerRounds))
          + String.format("%-34s %12.3f %,14.0f   rounds %s%n", "HanLP tokenizer, " + cores + " threads",
              median(threadedTokenizerRounds), chars / median(threadedTokenizerRounds),
              rounded(threadedTokenizerRounds))
          + String.format("%-34s %12.3f %,14.0f   rounds %s%n", "analysis, " + cores + " threads, no Spark",
              median(threadedAnalysisRounds), chars / median(threadedAnalysisRounds), rounded(threadedAnalysisRounds))
          + String.format("%-34s %12.3f %,14.0f   rounds %s%n", "enrich on Spark, " + cores + " cores",
              enrichSeconds(), enrichCharsPerSecond(), rounded(enrichRounds))
          + String.format("%d docs, %,d chars, median of %d rounds; enrich / (2 x tokenizer) = %.3f"
              + " (target >= 0.6); without Spark the analysis reaches %.3f, HanLP alone %.3f%n", docs, chars,
              enrichRounds.size(), enrichVersusTwoTokenizers(), threadedAnalysisVersusTwoTokenizers(),
              threadedTokenizerVersusTwoTokenizers())
          + models;
    }

    /** One JSON object: the machine-readable last line of the command. */
    public String json() {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("docs", docs);
      out.put("chars", chars);
      out.put("cores", cores);
      out.put("rounds", enrichRounds.size());
      out.put("tokenizer_seconds", round(tokenizerSeconds()));
      out.put("enrich_seconds", round(enrichSeconds()));
      out.put("tokenizer_rounds_s", rounded(tokenizerRounds));
      out.put("enrich_rounds_s", rounded(enrichRounds));
      out.put("tokenizer_chars_per_s", Math.round(tokenizerCharsPerSecond()));
      out.put("enrich_chars_per_s", Math.round(enrichCharsPerSecond()));
      out.put("enrich_vs_2x_tokenizer", Math.round(enrichVersusTwoTokenizers() * 1e6) / 1e6);
      out.put("threaded_tokenizer_rounds_s", rounded(threadedTokenizerRounds));
      out.put("threaded_analysis_rounds_s", rounded(threadedAnalysisRounds));
      out.put("threaded_tokenizer_vs_2x_tokenizer", Math.round(threadedTokenizerVersusTwoTokenizers() * 1e6) / 1e6);
      out.put("threaded_analysis_vs_2x_tokenizer", Math.round(threadedAnalysisVersusTwoTokenizers() * 1e6) / 1e6);
      if (!modelRounds.isEmpty()) {
        out.put("models_rounds_s", rounded(modelRounds));
        out.put("models_vs_rules", Math.round(modelsVersusRules() * 1e6) / 1e6);
      }
      try {
        return new ObjectMapper().writeValueAsString(out);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    private static double round(double value) {
      return Math.round(value * 1000) / 1000.0;
    }

    private static List<Double> rounded(List<Double> values) {
      return values.stream().map(Result::round).toList();
    }

    /** The middle value; the mean of the two middle ones for an even count. */
    static double median(List<Double> values) {
      List<Double> sorted = values.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
  }

  private TextBench() {}

  /**
   * Review texts from a CSV file with a header: the column {@code textColumn}, blank texts left
   * out, cycled in file order until there are {@code docs}.
   */
  public static List<String> readTexts(SparkSession spark, String file, String textColumn, int docs) {
    Dataset<Row> csv = spark.read().option("header", "true").option("multiLine", "true").option("escape", "\"")
        .csv(file);
    if (!Arrays.asList(csv.columns()).contains(textColumn)) {
      throw VoclakeException.of("%s has no column '%s'; its columns are %s", file, textColumn,
          Arrays.toString(csv.columns()));
    }
    List<String> texts = new ArrayList<>();
    for (Row r : csv.select(col(textColumn)).collectAsList()) {
      String text = r.getString(0);
      if (text != null && !text.isBlank()) {
        texts.add(text);
      }
      if (texts.size() >= docs) {
        break;
      }
    }
    if (texts.isEmpty()) {
      throw VoclakeException.of("%s has no text in column '%s'", file, textColumn);
    }
    List<String> out = new ArrayList<>(docs);
    for (int i = 0; i < docs; i++) {
      out.add(texts.get(i % texts.size()));
    }
    return out;
  }

  /**
   * Runs the measurements on {@code texts}: one untimed round of each side, then {@code rounds}
   * timed rounds of each, alternating; logs and returns the figures.
   */
  public static Result run(SparkSession spark, TextConfig config, List<String> texts, int rounds) {
    return run(spark, config, texts, rounds, TrainedModels.NONE);
  }

  /**
   * As {@link #run(SparkSession, TextConfig, List, int)}, and when {@code models} holds any, a
   * fifth side: enrich with those models, alternating with enrich without them.
   */
  public static Result run(SparkSession spark, TextConfig config, List<String> texts, int rounds,
      TrainedModels models) {
    if (rounds < 1) {
      throw VoclakeException.of("bench text needs at least one timed round, not %d", rounds);
    }
    TextResources resources = TextResources.load(spark, config);
    long chars = texts.stream().mapToLong(String::length).sum();
    HanLPRuntime.ensureDictionary(HanLPRuntime.fingerprint(resources.dictionary()), resources.dictionary());
    Segment segment = HanLPRuntime.segment();
    int cores = spark.sparkContext().defaultParallelism();
    Dataset<Row> journey = spark.createDataFrame(List.of(), new StructType()
        .add(InteractionSchema.INTERACTION_ID, DataTypes.StringType)
        .add(EnrichedInteractionSchema.ONE_ID, DataTypes.StringType));
    TextAnalysis analysis = TextAnalysis.of(resources, config);
    Dataset<Row> input = interactions(spark, texts, cores).persist(StorageLevel.MEMORY_ONLY());
    ExecutorService threads = Executors.newFixedThreadPool(cores);
    try {
      input.count();
      List<Double> tokenizer = new ArrayList<>();
      List<Double> enrich = new ArrayList<>();
      List<Double> threadedTokenizer = new ArrayList<>();
      List<Double> threadedAnalysis = new ArrayList<>();
      List<Double> withModels = new ArrayList<>();
      boolean anyModel = models.any();
      for (int round = 0; round <= rounds; round++) {
        double tokenizerSeconds = timed(() -> tokenize(segment, texts));
        double threadedTokenizerSeconds = timed(() -> inParallel(threads, cores, texts, segment::seg));
        double threadedAnalysisSeconds = timed(() -> inParallel(threads, cores, texts,
            text -> analysis.analyse(List.of(text), false)));
        double enrichSeconds = timed(() -> enrich(input, texts.size(), journey, resources, config, TrainedModels.NONE));
        double modelSeconds = anyModel ? timed(() -> enrich(input, texts.size(), journey, resources, config, models))
            : Double.NaN;
        String what = round == 0 ? "warm-up" : "round " + round + " of " + rounds;
        LOG.info("Text bench {}: tokenizer {} s, on {} threads {} s, analysis on {} threads {} s, enrich {} s", what,
            seconds(tokenizerSeconds), cores, seconds(threadedTokenizerSeconds), cores,
            seconds(threadedAnalysisSeconds), seconds(enrichSeconds));
        if (anyModel) {
          LOG.info("Text bench {}: enrich with the trained models {} s", what, seconds(modelSeconds));
        }
        if (round > 0) {
          if (anyModel) {
            withModels.add(modelSeconds);
          }
          tokenizer.add(tokenizerSeconds);
          enrich.add(enrichSeconds);
          threadedTokenizer.add(threadedTokenizerSeconds);
          threadedAnalysis.add(threadedAnalysisSeconds);
        }
      }
      Result result = new Result(texts.size(), chars, cores, tokenizer, enrich, threadedTokenizer, threadedAnalysis,
          withModels);
      LOG.info("Text bench: {}", result.json());
      return result;
    } finally {
      threads.shutdownNow();
      input.unpersist();
    }
  }

  /** Seconds that {@code side} takes, started on a freshly collected heap so no side pays for another's garbage. */
  private static double timed(Runnable side) {
    System.gc();
    long start = System.nanoTime();
    side.run();
    return (System.nanoTime() - start) / 1e9;
  }

  private static String seconds(double value) {
    return String.format("%.3f", value);
  }

  private static void tokenize(Segment segment, List<String> texts) {
    for (String text : texts) {
      segment.seg(text);
    }
  }

  /** Runs {@code each} over {@code texts} on {@code parts} threads, each a contiguous share, and waits. */
  private static void inParallel(ExecutorService threads, int parts, List<String> texts, Consumer<String> each) {
    List<Future<?>> shares = new ArrayList<>(parts);
    for (int p = 0; p < parts; p++) {
      List<String> share = texts.subList(p * texts.size() / parts, (p + 1) * texts.size() / parts);
      shares.add(threads.submit(() -> share.forEach(each)));
    }
    try {
      for (Future<?> share : shares) {
        share.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("bench text was interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("bench text: a thread failed: " + e.getCause(), e.getCause());
    }
  }

  /** What the enrich stage does between reading and writing, run to the end without output. */
  private static void enrich(Dataset<Row> interactions, long count, Dataset<Row> journey,
      TextResources resources, TextConfig config, TrainedModels models) {
    Dataset<Row> analysed = Checkpoints.materialize(
        EnrichJob.analyse(interactions, TextAnalysis.of(resources, config), models));
    // The batch's own frequencies: the same work as enrich's, which counts them for its table.
    EnrichJob.enrich(analysed, journey, resources, config,
        KeywordExtractor.documentFrequencies(analysed, TextAnalysis.TERMS), count, models)
        .write().format("noop").mode("overwrite").save();
  }

  /** Interactions of kind review with only id, text, channel, kind and date set. */
  static Dataset<Row> interactions(SparkSession spark, List<String> texts, int partitions) {
    StructType schema = InteractionSchema.SCHEMA;
    List<Row> rows = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      Object[] values = new Object[schema.size()];
      values[schema.fieldIndex(InteractionSchema.INTERACTION_ID)] = "bench-" + i;
      values[schema.fieldIndex(InteractionSchema.CHANNEL)] = "app";
      values[schema.fieldIndex(InteractionSchema.KIND)] = "review";
      values[schema.fieldIndex(InteractionSchema.TEXT)] = texts.get(i);
      values[schema.fieldIndex(InteractionSchema.DT)] = BENCH_DATE;
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema).repartition(partitions);
  }
}
