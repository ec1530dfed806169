package com.voclake.stream;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.ConfigException;
import com.voclake.config.StreamConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.increment.IncrementLogSchema;
import com.voclake.io.DeltaTables;
import com.voclake.io.HadoopFiles;
import com.voclake.io.Warehouse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/**
 * The identity of a streaming query's checkpoint, kept beside it in
 * {@code _streams/<query>/stream.properties}: what the query reads and how it windows, and a
 * random id given when the checkpoint was created. A run whose configuration reads another source
 * or windows otherwise is refused (Spark would resume from offsets of another source, or from
 * state of other windows), as is a run whose checkpoint is gone while the increment log holds
 * the query's micro-batches (it would number its batches from 0 again, and the log would take
 * them for replays).
 */
final class StreamCheckpoint {
  static final String FILE = "stream.properties";
  private static final String ID = "checkpoint-id";

  private StreamCheckpoint() {}

  /**
   * Checks that the checkpoint of {@code config}'s query belongs to this configuration, records it
   * for a new query, and returns the checkpoint's id.
   *
   * @throws ConfigException when it belongs to another query or configuration
   */
  static String claim(SparkSession spark, Warehouse warehouse, VoclakeConfig config) {
    StreamConfig stream = config.stream();
    String folder = warehouse.stream(stream.query());
    String file = folder + "/" + FILE;
    Map<String, String> wanted = identity(config);
    if (HadoopFiles.exists(spark, file)) {
      Map<String, String> stored = parse(HadoopFiles.readString(spark, file));
      for (Map.Entry<String, String> entry : wanted.entrySet()) {
        String was = stored.getOrDefault(entry.getKey(), "(none)");
        if (!was.equals(entry.getValue())) {
          throw new ConfigException(String.format(
              "The checkpoint of stream query '%s' (%s) belongs to a stream whose %s is %s, not %s: run it with that"
                  + " configuration, or start a new query with another --query name", stream.query(), folder,
              entry.getKey(), was, entry.getValue()));
        }
      }
      return stored.get(ID);
    }
    if (HadoopFiles.exists(spark, warehouse.streamCheckpoint(stream.query(), "core"))) {
      throw new ConfigException(String.format("The checkpoint folder %s has no %s: it was not written by"
          + " VOCLake's stream job; remove it or use another --query name", folder, FILE));
    }
    if (committedBefore(spark, warehouse, stream.query())) {
      throw new ConfigException(String.format(
          "Stream query '%s' committed micro-batches to %s before (increment log: %s), but its checkpoint %s is"
              + " gone: starting again would number batches from 0 and lose them as replays. Restore the"
              + " checkpoint, or use another --query name", stream.query(), warehouse.root(),
          MicroBatch.app(stream.query(), "identity"), folder));
    }
    String id = UUID.randomUUID().toString();
    StringBuilder text = new StringBuilder("# The identity of this streaming query's checkpoint (VOCLake stream)\n");
    text.append(ID).append('=').append(id).append('\n');
    wanted.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    HadoopFiles.writeString(spark, file, text.toString());
    return id;
  }

  /** What a checkpoint must have been written with. */
  static Map<String, String> identity(VoclakeConfig config) {
    StreamConfig stream = config.stream();
    Map<String, String> out = new LinkedHashMap<>();
    out.put("source", StreamSources.describe(config).replaceAll("^kafka \\S+ ", "kafka "));
    out.put("window", String.format("length %s, slide %s, watermark %s", stream.windows().length(),
        stream.windows().slide(), stream.windows().watermark()));
    return out;
  }

  private static boolean committedBefore(SparkSession spark, Warehouse warehouse, String query) {
    if (!DeltaTables.exists(spark, warehouse.increments())) {
      return false;
    }
    return !spark.read().format("delta").load(warehouse.increments())
        .where(col(IncrementLogSchema.APP).startsWith("stream-" + query + "/")).limit(1).isEmpty();
  }

  private static Map<String, String> parse(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return out;
  }
}
