package com.voclake.publish;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One alert rule of {@code conf/alerts.conf}: group the interactions of each window (an hour or a
 * day) by {@code scope}, compute {@code metric} per group, and find the most severe level the
 * value crosses, provided the group has at least {@code minVolume} requests. Immutable; built and
 * validated by {@link AlertRules}.
 *
 * <p>A static rule ({@code baseline == null}) compares with fixed thresholds. A dynamic rule
 * compares with a seasonal baseline: each level's number is how many robust spreads (scaled MAD)
 * the value must lie beyond the median of the same window in the past {@code baseline.periods}
 * seasons. How long a condition must hold, and how it clears, is the rule's {@link Lifecycle}.
 *
 * @param name unique rule name, part of each alert's id
 * @param scope dimensions the rule groups by, in the order they appear in an alert's scope; empty
 *     for everything
 * @param filter optional restriction: only rows whose dimension has one of the listed values
 * @param metric what is measured per group
 * @param comparison whether a value above or below the thresholds fires
 * @param grain the window a value is measured over
 * @param thresholds per severity: the threshold (static) or the number of spreads k (dynamic)
 * @param minVolume requests a group needs in the window before the rule may fire
 * @param baseline the seasonal baseline of a dynamic rule; null for a static rule
 * @param lifecycle pending period, keep-firing period and reminder interval
 */
public record AlertRule(
    String name,
    List<String> scope,
    Map<String, List<String>> filter,
    Metric metric,
    Comparison comparison,
    Grain grain,
    NavigableMap<Severity, Double> thresholds,
    long minVolume,
    Baseline baseline,
    Lifecycle lifecycle) {

  public AlertRule {
    scope = List.copyOf(scope);
    filter = Map.copyOf(filter);
    thresholds = Collections.unmodifiableNavigableMap(new TreeMap<>(thresholds));
  }

  /** A static day rule that fires at once and resolves as soon as it clears. */
  public static AlertRule daily(String name, List<String> scope, Map<String, List<String>> filter,
      Metric metric, Comparison comparison, Map<Severity, Double> thresholds, long minVolume) {
    return new AlertRule(name, scope, filter, metric, comparison, Grain.DAY, new TreeMap<>(thresholds),
        minVolume, null, Lifecycle.IMMEDIATE);
  }

  /** Whether the rule compares with a seasonal baseline. */
  public boolean dynamic() {
    return baseline != null;
  }

  /** {@code static} or {@code dynamic}, as published. */
  public String kind() {
    return dynamic() ? "dynamic" : "static";
  }

  /** What a rule measures in a group of interactions. */
  public enum Metric {
    /** Interactions. */
    REQUESTS(true),
    /** Distinct customers (one_id). */
    CUSTOMERS(true),
    /** Share of interactions with negative sentiment, 0–1. */
    NEGATIVE_SHARE(false),
    /** Mean sentiment score, −1–1. */
    AVG_SENTIMENT(false),
    /** Interactions flagged for escalation. */
    ESCALATIONS(true);

    private final boolean count;

    Metric(boolean count) {
      this.count = count;
    }

    /** Whether the metric counts: a group without rows in a window has the value 0, not none. */
    public boolean isCount() {
      return count;
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whether values above or below the thresholds fire; the value must strictly cross it. */
  public enum Comparison {
    ABOVE,
    BELOW;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Alert severities, least severe first. */
  public enum Severity {
    INFO,
    WARNING,
    CRITICAL;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The window a rule measures: an hour or a day of the run's time zone. */
  public enum Grain {
    HOUR(Duration.ofHours(1), "PT1H"),
    DAY(Duration.ofDays(1), "P1D");

    private final Duration length;
    private final String iso;

    Grain(Duration length, String iso) {
      this.length = length;
      this.iso = iso;
    }

    public Duration length() {
      return length;
    }

    /** ISO-8601 period, the {@code window} column of published alerts. */
    public String iso() {
      return iso;
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The seasonal baseline of a dynamic rule: the values of the same window one season back, two
   * seasons back, ... {@code periods} seasons back (the same hour or day of the week for
   * {@code WEEK}, of the day for {@code DAY}). Expected = their median; spread = the largest of
   * 1.4826 × their median absolute deviation, {@code minSpread}, {@code minRelativeSpread} ×
   * |expected| (day-to-day swings that a few seasons of history under-estimate) and the metric's
   * sampling noise (see {@link SeasonalBaseline}). With fewer than {@code minPeriods} seasons of
   * history the rule stays silent.
   */
  public record Baseline(Season season, int periods, int minPeriods, double minSpread, double minRelativeSpread) {}

  /** How far back a baseline looks for the same window. */
  public enum Season {
    WEEK(Duration.ofDays(7)),
    DAY(Duration.ofDays(1));

    private final Duration lag;

    Season(Duration lag) {
      this.lag = lag;
    }

    public Duration lag() {
      return lag;
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * How an alert of the rule moves between states (as in Prometheus): {@code pendingFor} how long
   * its condition must hold before it fires (0: at once); {@code keepFiringFor} how long it keeps
   * firing after the condition cleared (so a flapping value does not resolve and re-fire);
   * {@code repeatInterval} how often a firing alert is notified again.
   */
  public record Lifecycle(Duration pendingFor, Duration keepFiringFor, Duration repeatInterval) {
    public static final Lifecycle IMMEDIATE = new Lifecycle(Duration.ZERO, Duration.ZERO, Duration.ofHours(24));
  }
}
