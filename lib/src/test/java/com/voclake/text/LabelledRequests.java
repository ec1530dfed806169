package com.voclake.text;

import com.voclake.testing.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The request-category labelled set in {@code sample-data/labelled/} (see its README): reading
 * it, and scoring predicted second-level categories against it (accuracy, macro-F1 over the
 * classes of the gold labels).
 */
final class LabelledRequests {
  record Example(String text, String l1, String l2) {}

  /** Accuracy and macro-F1 of predictions against gold labels, plus per-class F1. */
  record Scores(int examples, double accuracy, double macroF1, Map<String, Double> f1ByClass) {
    @Override
    public String toString() {
      return String.format("%d texts: accuracy %.4f, macro-F1 %.4f", examples, accuracy, macroF1);
    }
  }

  private LabelledRequests() {}

  static Path file(String name) {
    return TestConfigs.repoRoot().resolve("sample-data/labelled").resolve(name);
  }

  static List<Example> read(String name) {
    try {
      List<List<String>> records = csv(Files.readString(file(name), StandardCharsets.UTF_8));
      if (!records.get(0).equals(List.of("text", "category_l1", "category_l2", "label"))) {
        throw new IllegalStateException(name + ": unexpected header " + records.get(0));
      }
      List<Example> out = new ArrayList<>();
      for (List<String> r : records.subList(1, records.size())) {
        if (r.size() != 4 || !r.get(3).equals(r.get(1) + "/" + r.get(2))) {
          throw new IllegalStateException(name + ": bad record " + r);
        }
        out.add(new Example(r.get(0), r.get(1), r.get(2)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** RFC 4180 records (quoted fields may hold commas, quotes as "" and line breaks). */
  static List<List<String>> csv(String content) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < content.length() && content.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        record.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        record.add(field.toString());
        field.setLength(0);
        records.add(record);
        record = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if (field.length() > 0 || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }

  /** Scores {@code predicted} (same order as {@code gold}). */
  static Scores score(List<String> gold, List<String> predicted) {
    Map<String, int[]> counts = new TreeMap<>(); // true positives, gold count, predicted count
    int correct = 0;
    for (int i = 0; i < gold.size(); i++) {
      String g = gold.get(i);
      String p = predicted.get(i);
      counts.computeIfAbsent(g, k -> new int[3])[1]++;
      counts.computeIfAbsent(p, k -> new int[3])[2]++;
      if (g.equals(p)) {
        correct++;
        counts.get(g)[0]++;
      }
    }
    Map<String, Double> f1 = new TreeMap<>();
    double sum = 0;
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      if (c[1] == 0) {
        continue; // a predicted class that is not in the gold labels has no F1 of its own
      }
      double precision = c[2] == 0 ? 0 : (double) c[0] / c[2];
      double recall = (double) c[0] / c[1];
      double value = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      f1.put(e.getKey(), value);
      sum += value;
    }
    return new Scores(gold.size(), (double) correct / gold.size(), sum / f1.size(), f1);
  }
}
