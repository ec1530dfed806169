package com.voclake.config;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import scala.Tuple2;

/**
 * The files and folders a configuration names, each with the key that names it, and the check
 * that they exist before a job starts Spark or writes anything: a missing taxonomy, lexicon,
 * model or input folder is bad configuration (a {@link ConfigException}, exit code 2, one line
 * that names the key), not a failure halfway through a run that has already written tables.
 */
public final class ConfigPaths {
  /** The file every model version folder of {@code voclake train} holds. */
  static final String MODEL_MARKER = "training.json";

  private ConfigPaths() {}

  /** A path the configuration names: the key, the resolved path, and whether it is a folder. */
  public record Named(String key, String path, boolean folder) {}

  /** What a path is on its file system. */
  public enum Kind { MISSING, FILE, FOLDER }

  /** Looks a path up; a {@link ConfigException} when the file system cannot be asked. */
  @FunctionalInterface
  public interface Probe {
    Kind kind(String path);
  }

  /** The landing root ({@code paths.input}). */
  public static List<Named> input(VoclakeConfig config) {
    return List.of(new Named("voclake.paths.input", config.paths().input(), true));
  }

  /** Everything text analytics reads: taxonomy, lexicons, external word lists, trained models. */
  public static List<Named> text(VoclakeConfig config) {
    TextConfig text = config.text();
    TextConfig.Lexicons lex = text.lexicons();
    String prefix = "voclake.text.lexicons.";
    List<Named> out = new ArrayList<>(List.of(
        new Named("voclake.text.taxonomy", text.taxonomy(), false),
        new Named(prefix + "positive", lex.positive(), false),
        new Named(prefix + "negative", lex.negative(), false),
        new Named(prefix + "negation", lex.negation(), false),
        new Named(prefix + "degree", lex.degree(), false),
        new Named(prefix + "contrast", lex.contrast(), false),
        new Named(prefix + "stopwords", lex.stopwords(), false),
        new Named(prefix + "user-dictionary", lex.userDictionary(), false),
        new Named(prefix + "features", lex.features(), false)));
    lex.externalPositive().forEach(p -> out.add(new Named(prefix + "external-positive", p, false)));
    lex.externalNegative().forEach(p -> out.add(new Named(prefix + "external-negative", p, false)));
    // A model folder must be a version train wrote: its training.json says so (and which task).
    text.models().byKey().forEach((key, dir) -> out.add(new Named(key, new Path(dir, MODEL_MARKER).toString(), false)));
    return out;
  }

  /** What publishing reads: the alert rules. */
  public static List<Named> publish(VoclakeConfig config) {
    return List.of(new Named("voclake.publish.alerts", config.publish().alerts(), false));
  }

  /**
   * Throws a {@link ConfigException} for the first of {@code paths} that is missing or of the
   * wrong kind, naming its key and {@code origin} (the config file), and how many more are wrong.
   */
  public static void requireExisting(List<Named> paths, Probe probe, String origin) {
    List<String> problems = new ArrayList<>();
    for (Named named : paths) {
      Kind kind = probe.kind(named.path());
      if (kind == Kind.MISSING) {
        problems.add(String.format("%s %s does not exist: %s", named.folder() ? "Folder" : "File", named.path(),
            fix(named, origin)));
      } else if (named.folder() != (kind == Kind.FOLDER)) {
        problems.add(String.format("%s is a %s, not a %s: %s", named.path(), kind == Kind.FOLDER ? "folder" : "file",
            named.folder() ? "folder" : "file", fix(named, origin)));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems.get(0)
          + (problems.size() > 1 ? String.format(" (and %d more like it)", problems.size() - 1) : ""));
    }
  }

  private static String fix(Named named, String origin) {
    if (named.key().equals("voclake.paths.input")) {
      return "pass --input with the folder holding touchpoints/ and interactions/, or set " + named.key() + " in "
          + origin;
    }
    if (named.key().startsWith("voclake.text.models.")) {
      return "set " + named.key() + " in " + origin + " to a model version folder written by 'voclake train --task "
          + named.key().substring("voclake.text.models.".length()) + "' (a v<time>-<fingerprint> folder with "
          + MODEL_MARKER + ")";
    }
    return "set " + named.key() + " in " + origin + " to an existing " + (named.folder() ? "folder" : "file");
  }

  /**
   * A probe through Hadoop's file systems (local, HDFS, S3A, ...), configured like the job's Spark
   * session will be: with the {@code spark.hadoop.*} settings that spark-submit was given.
   */
  public static Probe hadoop(SparkConf sparkConf) {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> setting : sparkConf.getAllWithPrefix("spark.hadoop.")) {
      conf.set(setting._1(), setting._2());
    }
    return path -> {
      try {
        Path p = new Path(path);
        FileStatus status = FileSystem.get(URI.create(path), conf).getFileStatus(p);
        return status.isDirectory() ? Kind.FOLDER : Kind.FILE;
      } catch (FileNotFoundException e) {
        return Kind.MISSING;
      } catch (IOException | IllegalArgumentException e) {
        throw new ConfigException("Cannot check whether " + path + " exists: " + e.getMessage(), e);
      }
    };
  }
}
