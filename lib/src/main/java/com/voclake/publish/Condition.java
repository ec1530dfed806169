package com.voclake.publish;

import com.voclake.publish.AlertRule.Severity;
import java.time.Instant;

/**
 * A rule's verdict on one scope in one window: the value crossed {@code threshold}, the most
 * severe level crossed. Only crossed windows become conditions.
 *
 * @param expected the baseline's median for a dynamic rule; the threshold for a static rule
 */
public record Condition(String rule, String scope, Instant windowStart, Instant windowEnd, Severity severity,
    double observed, double expected, double threshold) {}
