package com.voclake.publish;

import com.voclake.publish.AlertRule.Comparison;
import com.voclake.publish.AlertRule.Severity;
import java.util.Map;
import java.util.Optional;

/**
 * Judges one {@link Observation} against its rule: pure, no Spark, shared by batch and stream.
 *
 * <p>Below the rule's min-volume, or with an undefined value, nothing fires. A static rule fires
 * at the most severe level whose threshold the value strictly crosses. A dynamic rule with fewer
 * than {@code baseline.min-periods} seasons of history is silent ({@link Verdict#noBaseline});
 * otherwise it fires at the most severe level k whose bound, expected ± k × spread, the value
 * strictly crosses (see {@link SeasonalBaseline}).
 */
public final class RuleEvaluation {
  private RuleEvaluation() {}

  /**
   * What a rule made of one observation.
   *
   * @param condition the crossed level, when one was
   * @param noBaseline true when a dynamic rule lacked history (and so said nothing)
   */
  public record Verdict(Optional<Condition> condition, boolean noBaseline) {
    static final Verdict QUIET = new Verdict(Optional.empty(), false);
    static final Verdict NO_BASELINE = new Verdict(Optional.empty(), true);
  }

  public static Verdict evaluate(AlertRule rule, Observation observation) {
    if (observation.volume() < rule.minVolume() || Double.isNaN(observation.observed())) {
      return Verdict.QUIET;
    }
    boolean above = rule.comparison() == Comparison.ABOVE;
    double value = observation.observed();
    if (!rule.dynamic()) {
      for (Map.Entry<Severity, Double> level : rule.thresholds().descendingMap().entrySet()) {
        double threshold = level.getValue();
        if (above ? value > threshold : value < threshold) {
          return crossed(observation, level.getKey(), threshold, threshold);
        }
      }
      return Verdict.QUIET;
    }
    if (observation.history().length < rule.baseline().minPeriods()) {
      return Verdict.NO_BASELINE;
    }
    SeasonalBaseline baseline = SeasonalBaseline.of(observation.history(), rule.metric(), observation.volume(),
        rule.baseline().minSpread(), rule.baseline().minRelativeSpread());
    for (Map.Entry<Severity, Double> level : rule.thresholds().descendingMap().entrySet()) {
      double bound = baseline.bound(level.getValue(), above);
      if (above ? value > bound : value < bound) {
        return crossed(observation, level.getKey(), baseline.expected(), bound);
      }
    }
    return Verdict.QUIET;
  }

  private static Verdict crossed(Observation o, Severity severity, double expected, double threshold) {
    return new Verdict(Optional.of(new Condition(o.rule(), o.scope(), o.windowStart(), o.windowEnd(), severity,
        o.observed(), expected, threshold)), false);
  }
}
