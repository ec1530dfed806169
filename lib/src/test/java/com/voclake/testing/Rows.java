package com.voclake.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Converts Spark rows to plain Java lists so that AssertJ can compare them order-insensitively. */
public final class Rows {
  private Rows() {}

  /** The selected columns of every row, as lists of plain values. */
  public static List<List<Object>> of(Dataset<Row> df, String... columns) {
    Dataset<Row> selected = columns.length == 0 ? df : df.selectExpr(columns);
    List<List<Object>> out = new ArrayList<>();
    for (Row row : selected.collectAsList()) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < row.length(); i++) {
        values.add(row.get(i));
      }
      out.add(values);
    }
    return out;
  }

  /** A row literal for expectations: {@code row("a", 1L)}. */
  public static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** Data files per partition folder ({@code dt=2026-11-17}) of a table's current files. */
  public static Map<String, Long> filesPerFolder(Dataset<Row> table) {
    return Arrays.stream(table.inputFiles()).collect(Collectors.groupingBy(
        f -> new Path(f).getParent().getName(), TreeMap::new, Collectors.counting()));
  }

  /** Writes JSON lines to a file (fixtures for readers). */
  public static void writeLines(java.nio.file.Path file, String... lines) {
    try {
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Files.writeString(file, Arrays.stream(lines).collect(Collectors.joining("\n")) + "\n");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
