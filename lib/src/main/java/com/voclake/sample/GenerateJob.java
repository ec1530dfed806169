package com.voclake.sample;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;

import com.voclake.VoclakeException;
import com.voclake.io.HadoopFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple4;

/**
 * Writes a synthetic landing area of any size: {@code <out>/touchpoints/dt=YYYY-MM-DD/*.jsonl},
 * {@code <out>/interactions/dt=YYYY-MM-DD/*.jsonl} and {@code <out>/truth/*.jsonl} (which customer
 * each record id belongs to, for scoring identity merge).
 *
 * <p>Customers are generated in parallel on the executors ({@code spark.range} → {@link SampleGenerator});
 * the same options always give the same lines (file names and the split of lines across files may
 * differ with the cluster). A rerun replaces the three source folders under {@code outDir} and
 * leaves anything else there alone.
 */
public final class GenerateJob {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

  /** Customers per output file and landing date: keeps files around 10–50 MB on big runs. */
  static final long CUSTOMERS_PER_FILE = 100_000;

  private static final String SOURCE = "source";
  private static final String DT = "dt";
  private static final String VALUE = "value";
  private static final String DEFECT = "defect";

  /**
   * Lines written per source; {@code badLines} counts touchpoint and interaction lines that are
   * defective on purpose (and should be quarantined by the input reader).
   */
  public record Counts(long touchpoints, long interactions, long truth, long badLines) {}

  private GenerateJob() {}

  public static Counts run(SparkSession spark, GeneratorOptions opts, String outDir) {
    long started = System.nanoTime();
    LOG.info("Generating {} customers over {} days ending {} (seed {}, incident {}) into {}",
        opts.customers(), opts.days(), opts.endDate(), opts.seed(), opts.incident(), outDir);
    int filesPerDate = (int) Math.max(1, (opts.customers() + CUSTOMERS_PER_FILE - 1) / CUSTOMERS_PER_FILE);
    int partitions = (int) Math.max(spark.sparkContext().defaultParallelism(),
        Math.min(10_000, opts.customers() / 20_000));

    Dataset<Row> lines = generate(spark, opts, partitions).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      write(lines, GeneratedRecord.TOUCHPOINTS, outDir, filesPerDate, true);
      write(lines, GeneratedRecord.INTERACTIONS, outDir, filesPerDate, true);
      write(lines, GeneratedRecord.TRUTH, outDir, filesPerDate, false);
      Counts counts = count(lines);
      LOG.info("Generated {} touchpoint, {} interaction and {} truth lines ({} defective on purpose) in {} s",
          counts.touchpoints(), counts.interactions(), counts.truth(), counts.badLines(),
          String.format("%.1f", (System.nanoTime() - started) / 1e9));
      return counts;
    } finally {
      lines.unpersist();
    }
  }

  /** Every generated line with columns source, dt, value, defect. */
  static Dataset<Row> generate(SparkSession spark, GeneratorOptions opts, int partitions) {
    MapPartitionsFunction<Long, Tuple4<String, String, String, String>> perPartition = indexes -> {
      SampleGenerator generator = new SampleGenerator(opts);
      return new Iterator<>() {
        private Iterator<GeneratedRecord> current = java.util.Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && indexes.hasNext()) {
            current = generator.forCustomer(indexes.next()).iterator();
          }
          return current.hasNext();
        }

        @Override
        public Tuple4<String, String, String, String> next() {
          hasNext();
          GeneratedRecord rec = current.next();
          return new Tuple4<>(rec.source(), rec.dt(), rec.jsonLine(), rec.defect());
        }
      };
    };
    return spark.range(0, opts.customers(), 1, partitions)
        .mapPartitions(perPartition, Encoders.tuple(Encoders.STRING(), Encoders.STRING(), Encoders.STRING(),
            Encoders.STRING()))
        .toDF(SOURCE, DT, VALUE, DEFECT);
  }

  private static void write(Dataset<Row> lines, String source, String outDir, int filesPerDate, boolean byDate) {
    String target = outDir + "/" + source;
    Dataset<Row> selected = lines.where(col(SOURCE).equalTo(lit(source)));
    // One shuffle key per (date, slot) puts each date's lines into filesPerDate files; sorting
    // inside the files makes their content reproducible.
    Dataset<Row> placed = selected
        .repartition(col(DT), pmod(hash(col(VALUE)), lit(filesPerDate)))
        .sortWithinPartitions(DT, VALUE);
    if (byDate) {
      // Static overwrite: a rerun replaces every date folder, even if the session asks for dynamic.
      placed.select(DT, VALUE).write().mode(SaveMode.Overwrite)
          .option("partitionOverwriteMode", "static")
          .option("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
          .partitionBy(DT).text(target);
    } else {
      placed.select(VALUE).write().mode(SaveMode.Overwrite)
          .option("mapreduce.fileoutputcommitter.marksuccessfuljobs", "false")
          .text(target);
    }
    tidy(lines.sparkSession(), target);
  }

  /**
   * Gives Spark's {@code part-*.txt} files the {@code .jsonl} extension of the landing contract and
   * removes checksum side files: a hand-edited sample file with a stale {@code .crc} beside it
   * would fail every later read.
   */
  private static void tidy(SparkSession spark, String target) {
    FileSystem fs = HadoopFiles.fs(spark, target);
    List<Path> folders = new ArrayList<>();
    folders.add(new Path(target));
    try {
      for (FileStatus s : fs.listStatus(new Path(target))) {
        if (s.isDirectory()) {
          folders.add(s.getPath());
        }
      }
      for (Path folder : folders) {
        for (FileStatus s : fs.listStatus(folder)) {
          String name = s.getPath().getName();
          if (s.isFile() && name.endsWith(".crc")) {
            fs.delete(s.getPath(), false);
          }
        }
        for (FileStatus s : fs.listStatus(folder)) {
          String name = s.getPath().getName();
          if (s.isFile() && name.startsWith("part-") && name.endsWith(".txt")) {
            String renamed = name.replaceFirst("^(part-\\d+)-[0-9a-f-]+(\\.c\\d+)?\\.txt$", "$1$2.jsonl");
            HadoopFiles.rename(spark, s.getPath().toString(), new Path(folder, renamed).toString());
            Path crc = new Path(folder, "." + renamed + ".crc");
            if (fs.exists(crc)) {
              fs.delete(crc, false);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new VoclakeException("Cannot tidy the generated files under " + target + ": " + e.getMessage(), e);
    }
  }

  private static Counts count(Dataset<Row> lines) {
    long touchpoints = 0;
    long interactions = 0;
    long truth = 0;
    long bad = 0;
    for (Row r : lines.groupBy(col(SOURCE), col(DEFECT).isNotNull().as("bad")).count().collectAsList()) {
      long n = r.getLong(2);
      switch (r.getString(0)) {
        case GeneratedRecord.TOUCHPOINTS -> touchpoints += n;
        case GeneratedRecord.INTERACTIONS -> interactions += n;
        default -> truth += n;
      }
      if (r.getBoolean(1)) {
        bad += n;
      }
    }
    return new Counts(touchpoints, interactions, truth, bad);
  }
}
