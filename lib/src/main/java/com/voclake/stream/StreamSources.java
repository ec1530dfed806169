package com.voclake.stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.voclake.config.StreamConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.InputValidation;
import com.voclake.io.Source;
import com.voclake.io.TouchpointSchema;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The stream's input: raw lines ({@link InputValidation#LINES}) tagged with their source
 * ({@link #SOURCE}: {@code touchpoints} or {@code interactions}), read, never parsed.
 *
 * <ul>
 *   <li>Kafka ({@code stream.kafka.bootstrap} set): a record's value is the line, its bytes kept
 *       as they came (so a value that is not UTF-8 is found by validation); {@code dt} is the date
 *       of the record's Kafka timestamp in {@code run.time-zone}: the day it arrived, the same
 *       when a micro-batch is replayed on another day. Its topic names the source.
 *   <li>A landing directory (the default): new files under {@code paths.input}'s
 *       {@code touchpoints/dt=*} and {@code interactions/dt=*} folders, each read once; {@code dt}
 *       is the folder's date, as for the batch jobs.
 * </ul>
 */
public final class StreamSources {
  /** Which source a line is: {@link Source#folder()}. */
  public static final String SOURCE = "source";
  private static final String FOLDER_DATE = ".*/dt=(\\d{4}-\\d{2}-\\d{2})/[^/]*$";

  private StreamSources() {}

  /** The streaming frame of lines: {@link #SOURCE}, {@code raw}, {@code dt}. */
  public static Dataset<Row> read(SparkSession spark, VoclakeConfig config) {
    StreamConfig stream = config.stream();
    return stream.kafka().enabled() ? kafka(spark, stream.kafka()) : landing(spark, config.paths().input(),
        stream.maxFilesPerTrigger());
  }

  /** A short description of where the stream reads, for logs and the checkpoint's identity. */
  public static String describe(VoclakeConfig config) {
    StreamConfig.Kafka kafka = config.stream().kafka();
    return kafka.enabled()
        ? String.format(Locale.ROOT, "kafka %s topics touchpoints=%s interactions=%s", kafka.bootstrap(),
            kafka.touchpointsTopics(), kafka.interactionsTopics())
        : "landing directory " + config.paths().input();
  }

  private static Dataset<Row> kafka(SparkSession spark, StreamConfig.Kafka kafka) {
    Dataset<Row> records = spark.readStream().format("kafka")
        .options(kafka.clientOptions())
        .option("subscribe", String.join(",", kafka.topics()))
        .option("startingOffsets", kafka.startingOffsets())
        .option("maxOffsetsPerTrigger", kafka.maxOffsetsPerTrigger())
        .load();
    Column source = functions.when(col("topic").isin(kafka.touchpointsTopics().toArray()),
        lit(Source.TOUCHPOINTS.folder())).otherwise(lit(Source.INTERACTIONS.folder()));
    // Binary to string keeps the bytes as they are: validation tells invalid UTF-8 apart.
    return records.select(source.as(SOURCE), col("value").cast("string").as(InputValidation.RAW),
        functions.date_format(col("timestamp"), "yyyy-MM-dd").as(TouchpointSchema.DT));
  }

  private static Dataset<Row> landing(SparkSession spark, String input, int maxFiles) {
    Dataset<Row> all = null;
    for (Source source : Source.values()) {
      // A glob is listed again at every trigger, so folders of new dates are picked up.
      Dataset<Row> lines = spark.readStream().option("maxFilesPerTrigger", maxFiles)
          .text(input + "/" + source.folder() + "/dt=*/*")
          .select(lit(source.folder()).as(SOURCE), col("value").as(InputValidation.RAW),
              functions.regexp_extract(col("_metadata.file_path"), FOLDER_DATE, 1).as(TouchpointSchema.DT));
      all = all == null ? lines : all.unionByName(lines);
    }
    return all;
  }
}
