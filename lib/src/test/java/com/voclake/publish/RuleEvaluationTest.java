package com.voclake.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.voclake.publish.AlertRule.Metric;
import com.voclake.publish.AlertRule.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleEvaluationTest {
  private static final Instant START = Instant.parse("2026-11-19T16:00:00Z");

  private static AlertRule rule(String text) {
    return AlertRules.parse("rules = [{ name = r, scope = [category_l2], metric = requests, comparison = above,\n"
        + text + " }]", "test").get(0);
  }

  private static Observation observed(long volume, double value, double... history) {
    return new Observation("r", "category_l2=车机死机", START, START.plusSeconds(86400), volume, value, history);
  }

  @Test
  void medianAndScaledMadWithTheSamplingNoiseAsFloor() {
    SeasonalBaseline wide = SeasonalBaseline.of(new double[] {40, 10, 20, 30}, Metric.REQUESTS, 25, 0);
    assertThat(wide.expected()).isEqualTo(25.0);
    assertThat(wide.spread()).as("1.4826 x MAD(10)").isCloseTo(14.826, within(1e-9));

    SeasonalBaseline flat = SeasonalBaseline.of(new double[] {16, 16, 16}, Metric.REQUESTS, 16, 0);
    assertThat(flat.spread()).as("MAD 0: a Poisson count's sqrt(16)").isEqualTo(4.0);
    assertThat(SeasonalBaseline.of(new double[] {0.1, 0.1, 0.1}, Metric.NEGATIVE_SHARE, 100, 0).spread())
        .as("sqrt(0.09 / 100)").isCloseTo(0.03, within(1e-9));
    assertThat(SeasonalBaseline.of(new double[] {0.1, 0.1, 0.1}, Metric.NEGATIVE_SHARE, 100, 0.05).spread())
        .as("min-spread").isEqualTo(0.05);
  }

  @Test
  void dynamicRulesFireKSpreadsAwayAndStaySilentWithoutHistory() {
    AlertRule rule = rule("baseline { periods = 4, min-periods = 3 }, thresholds { warning = 3, critical = 6 },"
        + " min-volume = 5");
    // Expected 16, spread 4: warning above 28, critical above 40.
    assertThat(RuleEvaluation.evaluate(rule, observed(28, 28, 16, 16, 16, 16)).condition()).isEmpty();
    assertThat(RuleEvaluation.evaluate(rule, observed(29, 29, 16, 16, 16, 16)).condition()).get()
        .satisfies(c -> {
          assertThat(c.severity()).isEqualTo(Severity.WARNING);
          assertThat(c.expected()).isEqualTo(16.0);
          assertThat(c.threshold()).isEqualTo(28.0);
        });
    assertThat(RuleEvaluation.evaluate(rule, observed(80, 80, 16, 16, 16)).condition()).get()
        .extracting(Condition::severity).isEqualTo(Severity.CRITICAL);

    RuleEvaluation.Verdict young = RuleEvaluation.evaluate(rule, observed(80, 80, 16, 16));
    assertThat(young.noBaseline()).isTrue();
    assertThat(young.condition()).isEmpty();
    assertThat(RuleEvaluation.evaluate(rule, observed(4, 80, 1, 1, 1)).condition()).as("below min-volume").isEmpty();
  }

  @Test
  void staticRulesCompareWithTheirThresholdWhichIsAlsoWhatIsExpected() {
    AlertRule rule = rule("thresholds { warning = 20, critical = 50 }, min-volume = 20");
    assertThat(RuleEvaluation.evaluate(rule, observed(64, 64)).condition()).get().satisfies(c -> {
      assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(List.of(c.expected(), c.threshold())).containsExactly(50.0, 50.0);
    });
    assertThat(RuleEvaluation.evaluate(rule, observed(20, 20)).condition()).as("must strictly cross").isEmpty();
  }
}
