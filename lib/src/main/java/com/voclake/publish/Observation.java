package com.voclake.publish;

import java.time.Instant;

/**
 * A rule's measurement of one scope in one window, with the values of the same window in past
 * seasons for a dynamic rule. What {@link AlertObservations} collects and {@link RuleEvaluation}
 * judges; the streaming job builds the same from its windowed counts.
 *
 * @param rule rule name
 * @param scope {@code dim=value;dim=value}, or {@code all}
 * @param windowStart start of the window
 * @param windowEnd end of the window (exclusive); the time the window is evaluated at
 * @param volume requests in the window
 * @param observed the metric's value; NaN when undefined (no sentiment scores)
 * @param history the values of past seasons that had data; empty for a static rule
 */
public record Observation(String rule, String scope, Instant windowStart, Instant windowEnd, long volume,
    double observed, double[] history) {}
