package com.voclake.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MeanProbabilityTest {
  @Test
  void theRidgeScoresAreNormalisedThenAveragedWithTheProbabilities() {
    // Ridge sigmoids 0.2 and 0.6 normalise to 0.25 and 0.75.
    double[] mean = MeanProbability.mean(new double[] {0.6, 0.4}, new double[] {0.2, 0.6});
    assertThat(mean[0]).isCloseTo((0.6 + 0.25) / 2, within(1e-12));
    assertThat(mean[1]).isCloseTo((0.4 + 0.75) / 2, within(1e-12));
    assertThat(mean[0] + mean[1]).isCloseTo(1, within(1e-12));
  }

  @Test
  void withoutRidgesTheProbabilitiesPassThrough() {
    assertThat(MeanProbability.mean(new double[] {0.1, 0.9}, new double[0])).containsExactly(0.1, 0.9);
  }
}
