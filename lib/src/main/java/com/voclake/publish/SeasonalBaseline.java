package com.voclake.publish;

import com.voclake.publish.AlertRule.Metric;
import java.util.Arrays;

/**
 * The expected value and robust spread of a dynamic rule's window, from the values of the same
 * window in past seasons. Pure and thread-safe.
 *
 * <p>Expected is the median of the history. The spread is the largest of: 1.4826 × the median
 * absolute deviation (the standard deviation a normal distribution with that MAD would have),
 * the rule's {@code min-spread}, {@code min-relative-spread} × |expected|, and the sampling noise of the metric at today's volume, so that
 * a history that happened to be flat (MAD 0) does not make every small wobble an alert:
 * <ul>
 *   <li>counts: √max(expected, 1), a Poisson count's standard deviation;
 *   <li>negative_share: √(max(p(1 − p), 0.0475) / volume) with p = expected, a proportion's;
 *   <li>avg_sentiment: 0.5 / √volume (scores spread about 0.5 around their mean).
 * </ul>
 *
 * @param expected median of the history
 * @param spread robust spread, always positive
 * @param periods seasons of history it was computed from
 */
public record SeasonalBaseline(double expected, double spread, int periods) {
  /** 1 / Φ⁻¹(3/4): makes the MAD of normal data estimate its standard deviation. */
  static final double MAD_SCALE = 1.4826;

  /**
   * The baseline of {@code history} (values of past seasons, any order, no NaN) for a window of
   * {@code volume} requests.
   */
  public static SeasonalBaseline of(double[] history, Metric metric, long volume, double minSpread) {
    return of(history, metric, volume, minSpread, 0);
  }

  /** As {@link #of(double[], Metric, long, double)}, with a spread of at least {@code minRelativeSpread} × |expected|. */
  public static SeasonalBaseline of(double[] history, Metric metric, long volume, double minSpread,
      double minRelativeSpread) {
    if (history.length == 0) {
      throw new IllegalArgumentException("a baseline needs at least one past value");
    }
    double median = median(history);
    double[] deviations = new double[history.length];
    for (int i = 0; i < history.length; i++) {
      deviations[i] = Math.abs(history[i] - median);
    }
    double floor = Math.max(Math.max(minSpread, minRelativeSpread * Math.abs(median)), noise(metric, median, volume));
    double spread = Math.max(MAD_SCALE * median(deviations), floor);
    return new SeasonalBaseline(median, spread, history.length);
  }

  /** The value k spreads beyond expected: above it for {@code above}, below it otherwise. */
  public double bound(double k, boolean above) {
    return above ? expected + k * spread : expected - k * spread;
  }

  static double noise(Metric metric, double expected, long volume) {
    double n = Math.max(volume, 1);
    return switch (metric) {
      case REQUESTS, CUSTOMERS, ESCALATIONS -> Math.sqrt(Math.max(expected, 1.0));
      case NEGATIVE_SHARE -> Math.sqrt(Math.max(expected * (1 - expected), 0.05 * 0.95) / n);
      case AVG_SENTIMENT -> 0.5 / Math.sqrt(n);
    };
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
