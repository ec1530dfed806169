package com.voclake.daily;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.IdentityConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.identity.IdentityJob;
import com.voclake.identity.bench.IdentityBench;
import com.voclake.increment.BatchInput;
import com.voclake.increment.BatchScope;
import com.voclake.increment.IncrementId;
import com.voclake.io.DeltaTables;
import com.voclake.io.HadoopFiles;
import com.voclake.io.InputValidation;
import com.voclake.io.LandingReader;
import com.voclake.io.Source;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.Checkpoints;
import com.voclake.pipeline.RunContext;
import com.voclake.sample.GeneratorOptions;
import com.voclake.text.EnrichJob;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench increment}: what one increment of the increment core costs, warm, in a CDP built
 * from {@code --events} generated touchpoints (the identity bench's input, reused when present).
 *
 * <ol>
 *   <li>(full) identity rebuilt in full from every landed day;
 *   <li>(day) in a second warehouse built in full up to the day before, the newest day (about 1 %
 *       of the events) as one incremental identity increment; the share of (full) is the figure;
 *   <li>(increment) a batch of {@code --batch-touchpoints} touchpoints and
 *       {@code --batch-interactions} interactions (the newest day's lines under new ids: customers
 *       who come back) through validation, identity and enrich, committed as a stream's batch
 *       would be; {@code --rounds} times after one untimed round, the median reported, with the
 *       Spark jobs and Delta commits of one increment;
 *   <li>(empty) the same with no lines at all: the floor of an increment.
 * </ol>
 */
public final class IncrementBench {
  private static final Logger LOG = LoggerFactory.getLogger(IncrementBench.class);
  private static final LocalDate END = IdentityBench.END_DATE;

  private IncrementBench() {}

  /** What to measure. */
  public record Options(long events, String workDir, long seed, int days, int touchpoints, int interactions,
      int rounds) {}

  /** The figures; {@link #json()} is the bench's last line. */
  public record Report(long events, double fullSeconds, double daySeconds, double incrementSeconds,
      double identitySeconds, double enrichSeconds, long sparkJobs, long deltaCommits, double emptySeconds,
      long emptySparkJobs, long emptyDeltaCommits, int touchpoints, int interactions, List<Double> rounds,
      double load) {

    public String table() {
      return String.format(Locale.ROOT, "%-38s %10s%n", "step", "seconds")
          + String.format(Locale.ROOT, "%-38s %10.1f%n", "full identity rebuild", fullSeconds)
          + String.format(Locale.ROOT, "%-38s %10.1f  (%.1f %% of full)%n", "incremental day (identity)", daySeconds,
              100 * daySeconds / fullSeconds)
          + String.format(Locale.ROOT, "%-38s %10.2f  (identity %.2f, enrich %.2f; %d Spark jobs, %d Delta commits)%n",
              "increment of " + touchpoints + " + " + interactions, incrementSeconds, identitySeconds, enrichSeconds,
              sparkJobs, deltaCommits)
          + String.format(Locale.ROOT, "%-38s %10.2f  (%d Spark jobs, %d Delta commits)%n", "empty increment",
              emptySeconds, emptySparkJobs, emptyDeltaCommits);
    }

    public String json() {
      return String.format(Locale.ROOT, "{\"events\":%d,\"increment_s\":%.2f,\"increment_identity_s\":%.2f,"
              + "\"increment_enrich_s\":%.2f,\"increment_rounds_s\":%s,\"empty_increment_s\":%.2f,"
              + "\"spark_jobs\":%d,\"delta_commits\":%d,\"empty_spark_jobs\":%d,\"empty_delta_commits\":%d,"
              + "\"batch_touchpoints\":%d,\"batch_interactions\":%d,\"full_s\":%.2f,\"incremental_day_s\":%.2f,"
              + "\"incremental_day_share\":%.4f,\"load\":%.2f}",
          events, incrementSeconds, identitySeconds, enrichSeconds, rounds, emptySeconds, sparkJobs, deltaCommits,
          emptySparkJobs, emptyDeltaCommits, touchpoints, interactions, fullSeconds, daySeconds,
          daySeconds / fullSeconds, load);
    }
  }

  public static Report run(SparkSession spark, VoclakeConfig config, Options options) {
    double load = IdentityBench.loadAverage();
    long customers = Math.max(1, Math.round(options.events() / IdentityBench.TOUCHPOINTS_PER_CUSTOMER));
    String input = options.workDir() + "/input-" + customers + "-" + options.days() + "-" + options.seed();
    IdentityBench.generateUnlessPresent(spark, new GeneratorOptions(customers, options.days(), END, options.seed(),
        false), input);
    IdentityConfig rules = config.identity();
    VoclakeConfig full = config.withPaths(input, options.workDir() + "/increment-full")
        .withIdentity(rules.withMode(IdentityConfig.FULL));
    HadoopFiles.delete(spark, full.paths().warehouse());
    long started = System.nanoTime();
    IdentityJob.run(spark, RunContext.start("bench-full", END, full));
    double fullSeconds = secondsSince(started);
    LOG.info("Bench: full identity rebuild {} s", fullSeconds);

    VoclakeConfig day = full.withPaths(input, options.workDir() + "/increment-day");
    HadoopFiles.delete(spark, day.paths().warehouse());
    IdentityJob.run(spark, RunContext.start("bench-base", END.minusDays(1), day));
    VoclakeConfig incremental = day.withIdentity(rules.withMode(IdentityConfig.INCREMENTAL));
    started = System.nanoTime();
    IdentityJob.Outcome newestDay = IdentityJob.runIncrement(spark, RunContext.start("bench-day", END, incremental));
    double daySeconds = secondsSince(started);
    LOG.info("Bench: incremental identity day {} s", daySeconds);
    EnrichJob.run(spark, RunContext.start("bench-day", END, incremental), newestDay.input());

    RunContext ctx = RunContext.start("bench-increment", END, incremental);
    Dataset<Row> touchpoints = Checkpoints.materialize(LandingReader.lines(spark, input, Source.TOUCHPOINTS,
        END.toString(), END.toString()).limit(options.touchpoints()));
    Dataset<Row> interactions = Checkpoints.materialize(LandingReader.lines(spark, input, Source.INTERACTIONS,
        END.toString(), END.toString()).limit(options.interactions()));
    Warehouse warehouse = ctx.warehouse();
    List<Double> rounds = new ArrayList<>();
    List<Double> identityRounds = new ArrayList<>();
    List<Double> enrichRounds = new ArrayList<>();
    Measured last = null;
    for (int round = 0; round <= options.rounds(); round++) {
      String prefix = "bench" + round + "-";
      last = increment(spark, ctx, warehouse, round, renamed(touchpoints, "event_id", prefix),
          renamed(interactions, "interaction_id", prefix));
      LOG.info("Bench: increment round {}: {} s (identity {} s, enrich {} s), {} Spark jobs, {} Delta commits",
          round, last.seconds(), last.identitySeconds(), last.enrichSeconds(), last.sparkJobs(), last.deltaCommits());
      if (round > 0) {
        rounds.add(last.seconds());
        identityRounds.add(last.identitySeconds());
        enrichRounds.add(last.enrichSeconds());
      }
    }
    Measured empty = increment(spark, ctx, warehouse, options.rounds() + 1, touchpoints.limit(0),
        interactions.limit(0));
    LOG.info("Bench: empty increment {} s, {} Spark jobs, {} Delta commits", empty.seconds(), empty.sparkJobs(),
        empty.deltaCommits());
    return new Report(options.events(), fullSeconds, daySeconds, IdentityBench.median(rounds),
        IdentityBench.median(identityRounds), IdentityBench.median(enrichRounds), last.sparkJobs(),
        last.deltaCommits(), empty.seconds(), empty.sparkJobs(), empty.deltaCommits(), options.touchpoints(),
        options.interactions(), rounds, load);
  }

  private record Measured(double seconds, double identitySeconds, double enrichSeconds, long sparkJobs,
      long deltaCommits) {}

  /** One increment of the given lines, as a stream's batch {@code round}, timed and counted. */
  private static Measured increment(SparkSession spark, RunContext ctx, Warehouse warehouse, int round,
      Dataset<Row> touchpoints, Dataset<Row> interactions) {
    Map<String, Long> before = versions(spark, warehouse);
    AtomicLong jobs = new AtomicLong();
    SparkListener counter = new SparkListener() {
      @Override
      public void onJobStart(SparkListenerJobStart jobStart) {
        jobs.incrementAndGet();
      }
    };
    spark.sparkContext().addSparkListener(counter);
    long started = System.nanoTime();
    double identitySeconds;
    try (Checkpoints.Scope scope = Checkpoints.scope()) {
      BatchInput input = BatchInput.of(BatchScope.records(END),
          InputValidation.validate(touchpoints, Source.TOUCHPOINTS, ctx.config().run()),
          InputValidation.validate(interactions, Source.INTERACTIONS, ctx.config().run()), false);
      IdentityJob.Outcome identity = IdentityJob.apply(spark, ctx, new IncrementId("bench/identity", round), input);
      identitySeconds = secondsSince(started);
      EnrichJob.apply(spark, ctx, new IncrementId("bench/enrich", round), identity.input(), false);
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    double seconds = secondsSince(started);
    // The listener hears of a job on Spark's event thread, a moment after it started.
    long commits = 0;
    for (Map.Entry<String, Long> table : versions(spark, warehouse).entrySet()) {
      commits += table.getValue() - before.getOrDefault(table.getKey(), -1L);
    }
    return new Measured(seconds, identitySeconds, seconds - identitySeconds, jobs.get(), commits);
  }

  /** The version of every Delta table of the warehouse (two levels deep: cdp/x, voc/x, _increments). */
  private static Map<String, Long> versions(SparkSession spark, Warehouse warehouse) {
    Map<String, Long> versions = new TreeMap<>();
    List<String> candidates = new ArrayList<>();
    for (String top : HadoopFiles.listDirectories(spark, warehouse.root())) {
      candidates.add(warehouse.root() + "/" + top);
      for (String table : HadoopFiles.listDirectories(spark, warehouse.root() + "/" + top)) {
        candidates.add(warehouse.root() + "/" + top + "/" + table);
      }
    }
    for (String path : candidates) {
      if (HadoopFiles.exists(spark, path + "/_delta_log")) {
        versions.put(path, DeltaTables.version(spark, path));
      }
    }
    return versions;
  }

  /** The lines with their id field's value prefixed: the same customers' records, new to the CDP. */
  private static Dataset<Row> renamed(Dataset<Row> lines, String idField, String prefix) {
    return lines.withColumn(InputValidation.RAW, functions.regexp_replace(col(InputValidation.RAW),
        "\"" + idField + "\":\"", "\"" + idField + "\":\"" + prefix));
  }

  private static double secondsSince(long nanoStart) {
    return (System.nanoTime() - nanoStart) / 1e9;
  }
}
