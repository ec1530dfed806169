package com.voclake.text;

import java.io.Serializable;
import java.util.List;

/**
 * The customer's emotion over one interaction, from the scores of its units in order (the
 * customer's turns; a single text has one unit, so start = min = end = its score).
 *
 * <p>Escalate when the lowest point is below {@code escalateBelow}, or when it fell from the
 * highest point before it (up to and including the first lowest one) by more than
 * {@code escalateDrop}. An interaction without analysed text has null scores and does not
 * escalate.
 *
 * @param start score of the first unit, null without units
 * @param min lowest score, null without units
 * @param end score of the last unit, null without units
 * @param escalate whether the trajectory calls for a supervisor by the two rules above
 */
public record EmotionTrajectory(Double start, Double min, Double end, boolean escalate) implements Serializable {
  private static final EmotionTrajectory NONE = new EmotionTrajectory(null, null, null, false);

  public static EmotionTrajectory of(List<Double> unitScores, double escalateBelow, double escalateDrop) {
    if (unitScores.isEmpty()) {
      return NONE;
    }
    int minAt = 0;
    for (int i = 1; i < unitScores.size(); i++) {
      if (unitScores.get(i) < unitScores.get(minAt)) {
        minAt = i;
      }
    }
    double min = unitScores.get(minAt);
    double peakBeforeMin = min;
    for (int i = 0; i < minAt; i++) {
      peakBeforeMin = Math.max(peakBeforeMin, unitScores.get(i));
    }
    return new EmotionTrajectory(unitScores.get(0), min, unitScores.get(unitScores.size() - 1),
        min < escalateBelow || peakBeforeMin - min > escalateDrop);
  }
}
