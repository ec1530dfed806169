package com.voclake.text.model;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores of predictions against gold labels, computed on the driver from collected pairs (dev
 * splits are thousands of rows). Precision, recall or F1 with a zero denominator is 0.
 */
public final class Metrics {
  private Metrics() {}

  /** Precision, recall and F1 of one class, and its gold count. */
  public record ClassScores(double precision, double recall, double f1, long support) {
    static ClassScores of(long truePositives, long predicted, long gold) {
      double p = predicted == 0 ? 0 : (double) truePositives / predicted;
      double r = gold == 0 ? 0 : (double) truePositives / gold;
      return new ClassScores(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), gold);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("precision", round(precision));
      m.put("recall", round(recall));
      m.put("f1", round(f1));
      m.put("support", support);
      return m;
    }
  }

  /**
   * Single-label classification.
   *
   * @param classes every class seen in gold or predictions, sorted
   * @param macroF1 mean F1 over {@code classes}
   */
  public record Classification(long rows, double accuracy, double macroF1, Map<String, ClassScores> classes) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows", rows);
      m.put("accuracy", round(accuracy));
      m.put("macro_f1", round(macroF1));
      Map<String, Object> per = new LinkedHashMap<>();
      classes.forEach((k, v) -> per.put(k, v.toMap()));
      m.put("classes", per);
      return m;
    }
  }

  /** One labelled aspect of a post: subject and polarity (-1, 0, 1). */
  public record Aspect(String subject, int polarity) {}

  /**
   * Aspects of posts, scored as in the CCF BDCI 2018 car task.
   *
   * @param accuracy share of posts whose predicted (subject, polarity) set equals the gold set
   * @param macroF1 mean over subjects of the subject-detection F1
   * @param subjects subject-detection scores per subject
   * @param aspectMicroF1 micro F1 of (post, subject) pairs
   * @param aspectSentimentF1 micro F1 of (post, subject, polarity) triples: a triple counts only
   *     when both subject and polarity are right
   * @param polarityAccuracy share of correctly detected (post, subject) pairs whose polarity is right
   * @param subjectSentiment per subject, the scores of its (post, subject, polarity) triples
   * @param confusion over correctly detected pairs, {@code confusion[gold + 1][predicted + 1]}
   */
  public record AspectScores(long posts, double accuracy, double macroF1, Map<String, ClassScores> subjects,
      double aspectMicroF1, double aspectSentimentF1, double polarityAccuracy,
      Map<String, ClassScores> subjectSentiment, long[][] confusion) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("rows", posts);
      m.put("accuracy", round(accuracy));
      m.put("macro_f1", round(macroF1));
      m.put("aspect_micro_f1", round(aspectMicroF1));
      m.put("aspect_sentiment_f1", round(aspectSentimentF1));
      m.put("polarity_accuracy", round(polarityAccuracy));
      Map<String, Object> per = new LinkedHashMap<>();
      subjects.forEach((k, v) -> per.put(k, v.toMap()));
      m.put("classes", per);
      Map<String, Object> sentiment = new LinkedHashMap<>();
      subjectSentiment.forEach((k, v) -> sentiment.put(k, v.toMap()));
      m.put("sentiment_by_subject", sentiment);
      Map<String, Object> matrix = new LinkedHashMap<>();
      for (int g = 0; g < 3; g++) {
        Map<String, Long> row = new LinkedHashMap<>();
        for (int q = 0; q < 3; q++) {
          row.put(POLARITY_NAMES.get(q), confusion[g][q]);
        }
        matrix.put(POLARITY_NAMES.get(g), row);
      }
      m.put("polarity_confusion", matrix);
      return m;
    }
  }

  /** Polarity -1, 0, 1 by index polarity + 1, as the confusion matrix names them (gold, then predicted). */
  static final List<String> POLARITY_NAMES = List.of("negative", "neutral", "positive");

  /** Scores aligned lists of gold and predicted labels. */
  public static Classification classification(List<String> gold, List<String> predicted) {
    if (gold.size() != predicted.size()) {
      throw new IllegalArgumentException("gold and predicted differ in length: " + gold.size() + " vs "
          + predicted.size());
    }
    Set<String> classes = new TreeSet<>();
    Map<String, long[]> counts = new TreeMap<>();
    long correct = 0;
    for (int i = 0; i < gold.size(); i++) {
      String g = gold.get(i);
      String p = predicted.get(i);
      classes.add(g);
      if (p != null) {
        classes.add(p);
      }
      // [true positives, predicted, gold]
      counts.computeIfAbsent(g, k -> new long[3])[2]++;
      if (p != null) {
        counts.computeIfAbsent(p, k -> new long[3])[1]++;
      }
      if (Objects.equals(g, p)) {
        correct++;
        counts.get(g)[0]++;
      }
    }
    Map<String, ClassScores> per = new LinkedHashMap<>();
    double sumF1 = 0;
    for (String c : classes) {
      long[] n = counts.get(c);
      ClassScores s = ClassScores.of(n[0], n[1], n[2]);
      per.put(c, s);
      sumF1 += s.f1();
    }
    return new Classification(gold.size(), gold.isEmpty() ? 0 : (double) correct / gold.size(),
        classes.isEmpty() ? 0 : sumF1 / classes.size(), per);
  }

  /**
   * Scores predicted aspects per post against gold ones. A post missing from {@code predicted}
   * has no predicted aspects; posts only in {@code predicted} are ignored.
   */
  public static AspectScores aspects(Map<String, Set<Aspect>> gold, Map<String, Set<Aspect>> predicted) {
    long exact = 0;
    long pairTp = 0;
    long pairPredicted = 0;
    long pairGold = 0;
    long tripleTp = 0;
    long triplePredicted = 0;
    long tripleGold = 0;
    Map<String, long[]> perSubject = new TreeMap<>();
    Map<String, long[]> perSubjectTriples = new TreeMap<>();
    long[][] confusion = new long[3][3];
    for (Map.Entry<String, Set<Aspect>> e : gold.entrySet()) {
      Set<Aspect> g = e.getValue();
      Set<Aspect> p = predicted.getOrDefault(e.getKey(), Set.of());
      if (g.equals(p)) {
        exact++;
      }
      Set<String> gSubjects = subjects(g);
      Set<String> pSubjects = subjects(p);
      pairGold += gSubjects.size();
      pairPredicted += pSubjects.size();
      for (String s : gSubjects) {
        perSubject.computeIfAbsent(s, k -> new long[3])[2]++;
      }
      for (String s : pSubjects) {
        perSubject.computeIfAbsent(s, k -> new long[3])[1]++;
        if (gSubjects.contains(s)) {
          pairTp++;
          perSubject.get(s)[0]++;
        }
      }
      tripleGold += g.size();
      triplePredicted += p.size();
      for (Aspect a : g) {
        perSubjectTriples.computeIfAbsent(a.subject(), k -> new long[3])[2]++;
      }
      for (Aspect a : p) {
        long[] n = perSubjectTriples.computeIfAbsent(a.subject(), k -> new long[3]);
        n[1]++;
        if (g.contains(a)) {
          tripleTp++;
          n[0]++;
        }
      }
      for (String s : pSubjects) {
        if (gSubjects.contains(s)) {
          int[] goldAndPredicted = polarities(s, g, p);
          confusion[goldAndPredicted[0] + 1][goldAndPredicted[1] + 1]++;
        }
      }
    }
    Map<String, ClassScores> subjectSentiment = new LinkedHashMap<>();
    perSubjectTriples.forEach((k, n) -> subjectSentiment.put(k, ClassScores.of(n[0], n[1], n[2])));
    Map<String, ClassScores> subjects = new LinkedHashMap<>();
    double sumF1 = 0;
    for (Map.Entry<String, long[]> e : perSubject.entrySet()) {
      ClassScores s = ClassScores.of(e.getValue()[0], e.getValue()[1], e.getValue()[2]);
      subjects.put(e.getKey(), s);
      sumF1 += s.f1();
    }
    return new AspectScores(gold.size(), gold.isEmpty() ? 0 : (double) exact / gold.size(),
        subjects.isEmpty() ? 0 : sumF1 / subjects.size(), subjects,
        ClassScores.of(pairTp, pairPredicted, pairGold).f1(),
        ClassScores.of(tripleTp, triplePredicted, tripleGold).f1(),
        pairTp == 0 ? 0 : (double) polarityHits(gold, predicted) / pairTp, subjectSentiment, confusion);
  }

  private static long polarityHits(Map<String, Set<Aspect>> gold, Map<String, Set<Aspect>> predicted) {
    long hits = 0;
    for (Map.Entry<String, Set<Aspect>> e : gold.entrySet()) {
      Set<String> seen = new HashSet<>();
      for (Aspect a : predicted.getOrDefault(e.getKey(), Set.of())) {
        if (e.getValue().contains(a) && seen.add(a.subject())) {
          hits++;
        }
      }
    }
    return hits;
  }

  /**
   * The gold and the predicted polarity of a subject both sides have, once per subject as
   * {@link #polarityHits} counts: the shared one when a predicted polarity is among the gold ones
   * (a post may give a subject two), else the lowest of each side.
   */
  private static int[] polarities(String subject, Set<Aspect> gold, Set<Aspect> predicted) {
    int lowestGold = Integer.MAX_VALUE;
    int lowestPredicted = Integer.MAX_VALUE;
    for (Aspect a : predicted) {
      if (a.subject().equals(subject)) {
        if (gold.contains(a)) {
          return new int[] {a.polarity(), a.polarity()};
        }
        lowestPredicted = Math.min(lowestPredicted, a.polarity());
      }
    }
    for (Aspect a : gold) {
      if (a.subject().equals(subject)) {
        lowestGold = Math.min(lowestGold, a.polarity());
      }
    }
    return new int[] {lowestGold, lowestPredicted};
  }

  private static Set<String> subjects(Set<Aspect> aspects) {
    Set<String> out = new TreeSet<>();
    for (Aspect a : aspects) {
      out.add(a.subject());
    }
    return out;
  }

  static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
