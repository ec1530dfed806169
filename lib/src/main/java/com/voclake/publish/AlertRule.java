package com.voclake.publish;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One static alert rule of {@code conf/alerts.conf}: group the day's interactions by
 * {@code scope}, compute {@code metric} per group, and fire with the most severe level whose
 * threshold the value crosses, provided the group has at least {@code minVolume} requests.
 * Immutable; built and validated by {@link AlertRules}.
 *
 * @param name unique rule name, part of each alert's id
 * @param scope dimensions the rule groups by, in the order they appear in an alert's scope; empty
 *     for the whole day
 * @param filter optional restriction: only rows whose dimension has one of the listed values
 * @param metric what is measured per group
 * @param comparison whether a value above or below the thresholds fires
 * @param thresholds threshold per severity, least severe first
 * @param minVolume requests a group needs before the rule may fire
 */
public record AlertRule(
    String name,
    List<String> scope,
    Map<String, List<String>> filter,
    Metric metric,
    Comparison comparison,
    NavigableMap<Severity, Double> thresholds,
    long minVolume) {

  public AlertRule {
    scope = List.copyOf(scope);
    filter = Map.copyOf(filter);
    thresholds = Collections.unmodifiableNavigableMap(new TreeMap<>(thresholds));
  }

  /** What a rule measures in a group of interactions. */
  public enum Metric {
    /** Interactions. */
    REQUESTS,
    /** Distinct customers (one_id). */
    CUSTOMERS,
    /** Share of interactions with negative sentiment, 0–1. */
    NEGATIVE_SHARE,
    /** Mean sentiment score, −1–1. */
    AVG_SENTIMENT,
    /** Interactions flagged for escalation. */
    ESCALATIONS;

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
}
