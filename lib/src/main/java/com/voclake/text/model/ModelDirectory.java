package com.voclake.text.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.voclake.InputException;
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
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
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
  private static final Pattern VERSION_NAME = Pattern.compile("v\\d{14}-[0-9a-f]{8}");

  private ModelDirectory() {}

  /**
   * The version directory of a model trained now, under {@link #absolute} {@code out}: what train
   * prints, logs and records is the same folder wherever the job was started from.
   */
  static String version(String out, Task task, ZonedDateTime now, String fingerprint) {
    return absolute(activeSession(), out) + "/" + task.id() + "/v"
        + VERSION_TIME.format(now.withZoneSameInstant(ZoneOffset.UTC)) + "-" + fingerprint.substring(0, 8);
  }

  /**
   * {@code dir} qualified by its Hadoop file system (a relative path resolves against the working
   * folder, or the default file system's home), without a trailing slash; a local path keeps no
   * {@code file:} scheme so that it can be pasted into a shell.
   */
  public static String absolute(SparkSession spark, String dir) {
    Path qualified = HadoopFiles.fs(spark, dir).makeQualified(new Path(dir));
    String out = "file".equals(qualified.toUri().getScheme()) ? qualified.toUri().getPath() : qualified.toString();
    return out.length() > 1 && out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
  }

  private static SparkSession activeSession() {
    scala.Option<SparkSession> active = SparkSession.getActiveSession();
    scala.Option<SparkSession> session = active.isDefined() ? active : SparkSession.getDefaultSession();
    return session.isDefined() ? session.get() : null;
  }

  /**
   * The model version {@code dir} names, as an {@link #absolute} path: {@code dir} itself when it
   * is a version (it holds {@link #TRAINING}), else the newest version of {@code task} under it,
   * whether it is the {@code --out} root train was given ({@code <dir>/<task>/v...}) or a task's
   * folder ({@code <dir>/v...}). Versions sort by their UTC time, so the newest is the last.
   *
   * @throws InputException when {@code dir} does not exist or holds no version
   */
  public static String resolve(SparkSession spark, String dir, Task task) {
    String base = absolute(spark, dir);
    if (!HadoopFiles.exists(spark, base)) {
      throw new InputException(String.format("Model folder %s does not exist: give the --out folder of 'voclake train'"
          + " or one of its v<time>-<fingerprint> folders", dir));
    }
    if (HadoopFiles.exists(spark, path(base, TRAINING))) {
      return base;
    }
    for (String folder : List.of(path(base, task.id()), base)) {
      Optional<String> newest = HadoopFiles.listDirectories(spark, folder).stream()
          .filter(name -> VERSION_NAME.matcher(name).matches())
          .filter(name -> HadoopFiles.exists(spark, path(path(folder, name), TRAINING)))
          .max(Comparator.naturalOrder());
      if (newest.isPresent()) {
        return path(folder, newest.get());
      }
    }
    throw new InputException(String.format("%s holds no %s model version: train one with"
        + " 'voclake train --task %s --out %s',"
        + " or give a v<time>-<fingerprint> folder", dir, task.id(), task.id(), dir));
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
      throw new InputException(String.format("%s is not a model directory: it has no %s (give a v<time>-<fingerprint>"
          + " folder written by 'voclake train')", dir, TRAINING));
    }
    try {
      return JSON.readValue(HadoopFiles.readString(spark, file), new TypeReference<Map<String, Object>>() {});
    } catch (IOException e) {
      throw new VoclakeException("Cannot parse " + file + ": " + e.getMessage(), e);
    }
  }
}
