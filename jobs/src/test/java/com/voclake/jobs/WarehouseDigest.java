package com.voclake.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Row digests of every table under a local warehouse, to compare two runs on the same data:
 * every Delta table (a folder holding {@code _delta_log}) and every published Parquet dataset
 * ({@code publish/<name>}), except {@code _runs} and {@code _increments}, whose rows describe the
 * runs themselves (their times, run ids and staging folders). Published files that are not Parquet
 * (the daily page, {@code publish/summary/dt=.../index.html}) are digested byte for byte, each
 * under its own path: the page holds no time of writing and no run id.
 *
 * <p>A digest is the SHA-256 of the table's rows as canonical strings, sorted, so row order and
 * file layout do not count. Columns that record when or by which run a row was written
 * ({@code run_id}, {@code *_at}) are left out; so are the last bits of doubles (nine significant
 * digits are kept), which depend on the order in which partial sums met.
 */
final class WarehouseDigest {
  private static final List<String> RUN_RECORDS = List.of("_runs", "_increments");

  private WarehouseDigest() {}

  /** A table's digest and its row count, for messages. */
  record TableDigest(long rows, String sha256) {
    @Override
    public String toString() {
      return rows + " rows " + sha256.substring(0, 16);
    }
  }

  /** Table path relative to the warehouse → its digest, sorted by path. */
  static Map<String, TableDigest> of(SparkSession spark, Path warehouse) throws IOException {
    Map<String, TableDigest> out = new TreeMap<>();
    for (Path table : deltaTables(warehouse)) {
      out.put(name(warehouse, table), digest(spark.read().format("delta").load(table.toString())));
    }
    Path publish = warehouse.resolve("publish");
    if (Files.isDirectory(publish)) {
      try (Stream<Path> datasets = Files.list(publish)) {
        for (Path dataset : datasets.filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList()) {
          List<Path> files = dataFiles(dataset);
          if (files.stream().anyMatch(f -> f.getFileName().toString().endsWith(".parquet"))) {
            out.put(name(warehouse, dataset), digest(spark.read().parquet(dataset.toString())));
          } else {
            for (Path file : files) {
              out.put(name(warehouse, file), bytesDigest(file));
            }
          }
        }
      }
    }
    return out;
  }

  static TableDigest digest(Dataset<Row> table) {
    String[] kept = Arrays.stream(table.schema().fields()).map(StructField::name)
        .filter(c -> !c.equals("run_id") && !c.endsWith("_at")).toArray(String[]::new);
    List<String> lines = new ArrayList<>();
    for (Row row : table.selectExpr(kept).collectAsList()) {
      lines.add(canonical(row));
    }
    lines.sort(null);
    MessageDigest sha = sha256();
    for (String line : lines) {
      sha.update(line.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return new TableDigest(lines.size(), HexFormat.of().formatHex(sha.digest()));
  }

  /** The files of a published dataset, without Spark's markers and checksums. */
  private static List<Path> dataFiles(Path dataset) throws IOException {
    try (Stream<Path> all = Files.walk(dataset)) {
      return all.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
          .sorted().toList();
    }
  }

  private static TableDigest bytesDigest(Path file) throws IOException {
    return new TableDigest(1, HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file))));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }

  private static List<Path> deltaTables(Path warehouse) throws IOException {
    try (Stream<Path> all = Files.walk(warehouse)) {
      return all.filter(p -> Files.isDirectory(p.resolve("_delta_log")))
          .filter(p -> !RUN_RECORDS.contains(warehouse.relativize(p).toString()))
          .sorted().toList();
    }
  }

  private static String name(Path warehouse, Path table) {
    return warehouse.relativize(table).toString();
  }

  /** A value as text that does not depend on map order or on the last bits of a double. */
  static String canonical(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Row row) {
      StringBuilder out = new StringBuilder("(");
      for (int i = 0; i < row.length(); i++) {
        out.append(i == 0 ? "" : ",").append(canonical(row.get(i)));
      }
      return out.append(')').toString();
    }
    if (value instanceof Double || value instanceof Float) {
      return String.format("%.9g", ((Number) value).doubleValue());
    }
    if (value instanceof scala.collection.Seq<?> seq) {
      List<String> items = new ArrayList<>();
      CollectionConverters.asJava(seq).forEach(v -> items.add(canonical(v)));
      return items.toString();
    }
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, String> sorted = new TreeMap<>();
      CollectionConverters.asJava(map).forEach((k, v) -> sorted.put(canonical(k), canonical(v)));
      return sorted.toString();
    }
    return value.toString();
  }
}
