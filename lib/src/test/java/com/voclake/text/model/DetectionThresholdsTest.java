package com.voclake.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionThresholdsTest {
  @Test
  void microF1AppliesEachSubjectsThresholdAndTheMostProbableFallback() {
    List<double[]> p = List.of(new double[] {0.9, 0.3}, new double[] {0.2, 0.1});
    List<boolean[]> gold = List.of(new boolean[] {true, true}, new boolean[] {false, true});

    // Post 1: subject 0 only (0.3 < 0.5); post 2: none reaches, so the most probable (0, wrong).
    assertThat(DetectionThresholds.microF1(p, gold, new double[] {0.5, 0.5})).as("tp 1, predicted 2, gold 3")
        .isCloseTo(2 * 0.5 * (1 / 3.0) / (0.5 + 1 / 3.0), within(1e-9));
    // Subject 1 at 0.1: post 1 both, post 2 subject 1: tp 3 of 3 predicted, 3 gold.
    assertThat(DetectionThresholds.microF1(p, gold, new double[] {0.5, 0.1})).isEqualTo(1.0);
  }

  @Test
  void tuneLowersTheThresholdOfAQuietSubjectOnly() {
    // Subject 0 is confident and right at 0.4; subject 1 is labelled whenever its probability is 0.2-0.3.
    List<double[]> p = List.of(new double[] {0.9, 0.25}, new double[] {0.8, 0.05}, new double[] {0.1, 0.3},
        new double[] {0.2, 0.02});
    List<boolean[]> gold = List.of(new boolean[] {true, true}, new boolean[] {true, false},
        new boolean[] {false, true}, new boolean[] {false, false});

    double[] t = DetectionThresholds.tune(p, gold, 0.4);

    assertThat(t[0]).as("subject 0 keeps the start value: nothing is better").isEqualTo(0.4);
    assertThat(t[1]).as("subject 1 detected at 0.25 but not at 0.05").isBetween(0.1, 0.25);
    assertThat(DetectionThresholds.microF1(p, gold, t)).isGreaterThan(DetectionThresholds.microF1(p, gold,
        new double[] {0.4, 0.4}));
  }
}
