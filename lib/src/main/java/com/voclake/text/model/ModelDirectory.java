package com.voclake.text.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.voclake.VoclakeException;
import com.voclake.io.HadoopFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * The layout of a trained model version: {@code <out>/<task>/v<yyyyMMddHHmmss>-<fingerprint8>/}
 * (time in UTC) holding {@link #MODEL} (the Spark ML pipeline; for aspects two pipelines below
 * it), {@link #METRICS} (dev-split metrics of the model and of the baseline) and {@link #TRAINING}
 * (task, inputs, data fingerprint, row counts, parameters, labels, versions). Files are written
 * through Hadoop, so {@code out} may be any Hadoop path.
 */
public final class ModelDirectory {
  public static final String MODEL = "model";
  public static final String METRICS = "metrics.json";
  public static final String TRAINING = "training.json";
  /** Folder of the train and dev splits, when asked for: {@code splits/train/} and {@code splits/dev/}. */
  public static final String SPLITS = "splits";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter VERSION_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private ModelDirectory() {}

  static String version(String out, Task task, ZonedDateTime now, String fingerprint) {
    String base = out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    return base + "/" + task.id() + "/v" + VERSION_TIME.format(now.withZoneSameInstant(ZoneOffset.UTC)) + "-"
        + fingerprint.substring(0, 8);
  }

  static String path(String dir, String name) {
    return new Path(dir, name).toString();
  }

  /** SHA-256 (hex) of the lines, each followed by a newline; give them sorted for an order-free value. */
  static String fingerprint(Iterator<String> lines) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      while (lines.hasNext()) {
        sha.update(lines.next().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** One JSON object on one line, keys in the map's order. */
  public static String toJson(Map<String, ?> value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new VoclakeException("Cannot write JSON: " + e.getMessage(), e);
    }
  }

  static void writeJson(SparkSession spark, String file, Map<String, ?> value) {
    try (OutputStream out = HadoopFiles.fs(spark, file).create(new Path(file), false)) {
      out.write(JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value));
      out.write('\n');
    } catch (IOException e) {
      throw new VoclakeException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The model's {@code training.json}; the message says what a model directory must hold. */
  public static Map<String, Object> training(SparkSession spark, String dir) {
    String file = path(dir, TRAINING);
    if (!HadoopFiles.exists(spark, file)) {
      throw VoclakeException.of("%s is not a model directory: it has no %s (give a v<time>-<fingerprint>"
          + " folder written by 'voclake train')", dir, TRAINING);
    }
    try {
      return JSON.readValue(HadoopFiles.readString(spark, file), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new VoclakeException("Cannot parse " + file + ": " + e.getMessage(), e);
    }
  }
}
