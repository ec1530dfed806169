package com.voclake.increment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.voclake.VoclakeException;
import com.voclake.io.HadoopFiles;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * An increment's changes, staged: its table writes in commit order and its figures. Written as
 * {@value #MANIFEST} into the staging folder before the increment claims its place in the log, so
 * that whoever finds the increment unfinished can commit it from the files alone.
 *
 * @param id the increment
 * @param staging the folder holding the manifest and the staged rows
 * @param writes the table writes, in the order they are committed
 * @param figures what the step that computed the changes reports (counts it already knows)
 */
public record StagedIncrement(IncrementId id, String staging, List<StagedWrite> writes, Map<String, Long> figures) {
  static final String MANIFEST = "_manifest.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public StagedIncrement {
    writes = List.copyOf(writes);
    figures = Map.copyOf(figures);
  }

  /** The staged rows of the write to {@code table}, as the increment will commit them. */
  public StagedWrite write(String table) {
    return writes.stream().filter(w -> w.table().equals(table)).findFirst().orElseThrow(
        () -> new IllegalArgumentException("Increment " + id + " writes nothing to " + table));
  }

  void save(SparkSession spark) {
    try {
      HadoopFiles.writeString(spark, staging + "/" + MANIFEST, JSON.writeValueAsString(this));
    } catch (JsonProcessingException e) {
      throw new VoclakeException("Cannot write the manifest of increment " + id + ": " + e.getMessage(), e);
    }
  }

  static StagedIncrement load(SparkSession spark, String staging) {
    String path = staging + "/" + MANIFEST;
    if (!HadoopFiles.exists(spark, path)) {
      throw VoclakeException.of("The staged changes of an unfinished increment are missing (%s): restore the"
          + " folder, or if it cannot be restored, rebuild the CDP with 'identity --full'", path);
    }
    try {
      return JSON.readValue(HadoopFiles.readString(spark, path), StagedIncrement.class);
    } catch (JsonProcessingException e) {
      throw new VoclakeException("Cannot read the manifest " + path + ": " + e.getMessage(), e);
    }
  }
}
