package com.voclake.io;

import com.voclake.VoclakeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Small file-system operations on any Hadoop path (local, HDFS, S3A), with the session's Hadoop
 * configuration so that credentials set for Spark apply here too.
 */
public final class HadoopFiles {
  private HadoopFiles() {}

  public static Configuration conf(SparkSession spark) {
    return spark == null ? new Configuration() : spark.sparkContext().hadoopConfiguration();
  }

  public static FileSystem fs(SparkSession spark, String path) {
    try {
      return new Path(path).getFileSystem(conf(spark));
    } catch (IOException e) {
      throw new VoclakeException("Cannot open the file system of " + path + ": " + e.getMessage(), e);
    }
  }

  public static boolean exists(SparkSession spark, String path) {
    try {
      return fs(spark, path).exists(new Path(path));
    } catch (IOException e) {
      throw new VoclakeException("Cannot check whether " + path + " exists: " + e.getMessage(), e);
    }
  }

  /** Reads a whole UTF-8 file; the message names the file and the setting to check when it fails. */
  public static String readString(SparkSession spark, String path) {
    try (InputStream in = fs(spark, path).open(new Path(path))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (IOException e) {
      throw new VoclakeException("Cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** Lines of a UTF-8 file, trimmed, without blanks and {@code #} comments. */
  public static List<String> readEntries(SparkSession spark, String path) {
    List<String> entries = new ArrayList<>();
    for (String line : readString(spark, path).split("\\R")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        entries.add(trimmed);
      }
    }
    return entries;
  }

  /** Names of the direct sub-folders of {@code path}, or an empty list when it does not exist. */
  public static List<String> listDirectories(SparkSession spark, String path) {
    List<String> names = new ArrayList<>();
    try {
      FileSystem fs = fs(spark, path);
      Path dir = new Path(path);
      if (!fs.exists(dir)) {
        return names;
      }
      for (FileStatus status : fs.listStatus(dir)) {
        if (status.isDirectory()) {
          names.add(status.getPath().getName());
        }
      }
      return names;
    } catch (IOException e) {
      throw new VoclakeException("Cannot list " + path + ": " + e.getMessage(), e);
    }
  }

  /** Writes {@code text} (UTF-8) to {@code path}, replacing it. */
  public static void writeString(SparkSession spark, String path, String text) {
    try (java.io.OutputStream out = fs(spark, path).create(new Path(path), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new VoclakeException("Cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  public static void delete(SparkSession spark, String path) {
    try {
      fs(spark, path).delete(new Path(path), true);
    } catch (IOException e) {
      throw new VoclakeException("Cannot delete " + path + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the files of a folder whose names start with {@code _} or {@code .}. */
  public static void deleteHiddenFiles(SparkSession spark, String dir) {
    try {
      FileSystem fs = fs(spark, dir);
      if (fs instanceof ChecksumFileSystem checksummed) {
        // The checksummed view hides its own .crc side files; the raw one lists them.
        fs = checksummed.getRawFileSystem();
      }
      for (FileStatus status : fs.listStatus(new Path(dir))) {
        String name = status.getPath().getName();
        if (status.isFile() && (name.startsWith("_") || name.startsWith("."))) {
          fs.delete(status.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw new VoclakeException("Cannot clean " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Renames or fails; Hadoop's rename reports failure by returning false. */
  public static void rename(SparkSession spark, String from, String to) {
    try {
      FileSystem fs = fs(spark, from);
      fs.mkdirs(new Path(to).getParent());
      if (!fs.rename(new Path(from), new Path(to))) {
        throw VoclakeException.of("Cannot rename %s to %s", from, to);
      }
    } catch (IOException e) {
      throw new VoclakeException("Cannot rename " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }
}
