package com.voclake.text.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-subject detection thresholds chosen to maximise the micro F1 of (post, subject) pairs on a
 * validation slice, under the rule {@link AspectModel} applies: a subject is detected when its
 * probability reaches its threshold, and the most probable subject when none does. Subjects
 * differ in how often they occur and how sure the classifier is (动力 is frequent and loud,
 * 安全性 rare), so one threshold for all is a compromise. Pure; runs on the driver.
 */
final class DetectionThresholds {
  static final double LOWEST = 0.1;
  static final double HIGHEST = 0.7;
  static final double STEP = 0.025;
  private static final int ROUNDS = 2;

  private DetectionThresholds() {}

  /**
   * @param probabilities per post, the probability of each subject
   * @param gold per post, whether each subject is labelled
   * @param start the threshold every subject starts from (and keeps when no other is better)
   * @return one threshold per subject: coordinate ascent over a grid from {@link #LOWEST} to
   *     {@link #HIGHEST}, a subject at a time, twice over
   */
  static double[] tune(List<double[]> probabilities, List<boolean[]> gold, double start) {
    int subjects = probabilities.isEmpty() ? 0 : probabilities.get(0).length;
    double[] t = new double[subjects];
    Arrays.fill(t, start);
    double best = microF1(probabilities, gold, t);
    List<Double> grid = new ArrayList<>();
    for (int i = 0; LOWEST + i * STEP <= HIGHEST + 1e-9; i++) {
      grid.add(Math.round((LOWEST + i * STEP) * 1000) / 1000.0);
    }
    for (int round = 0; round < ROUNDS; round++) {
      for (int s = 0; s < subjects; s++) {
        double kept = t[s];
        for (double candidate : grid) {
          t[s] = candidate;
          double f = microF1(probabilities, gold, t);
          // Strictly better only, so ties keep the earlier (start or lower) value.
          if (f > best + 1e-12) {
            best = f;
            kept = candidate;
          }
        }
        t[s] = kept;
      }
    }
    return t;
  }

  /** Micro F1 of the detected (post, subject) pairs; 0 when nothing is detected or labelled. */
  static double microF1(List<double[]> probabilities, List<boolean[]> gold, double[] thresholds) {
    long truePositives = 0;
    long predicted = 0;
    long labelled = 0;
    for (int j = 0; j < probabilities.size(); j++) {
      double[] p = probabilities.get(j);
      boolean[] g = gold.get(j);
      int most = 0;
      boolean any = false;
      for (int s = 0; s < p.length; s++) {
        most = p[s] > p[most] ? s : most;
        any |= p[s] >= thresholds[s];
      }
      for (int s = 0; s < p.length; s++) {
        if (p[s] >= thresholds[s] || (!any && s == most)) {
          predicted++;
          truePositives += g[s] ? 1 : 0;
        }
        labelled += g[s] ? 1 : 0;
      }
    }
    return Metrics.ClassScores.of(truePositives, predicted, labelled).f1();
  }
}
