package com.voclake.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a stage did: records read, written and quarantined, its wall time, and stage-specific
 * figures (customers, alerts fired, ...) for the log and the {@code _runs} table.
 */
public record StageResult(
    String stage, long recordsIn, long recordsOut, long quarantined, double seconds,
    Map<String, Long> figures) {

  public StageResult {
    figures = Map.copyOf(figures);
  }

  /** The same result with another wall time (a stage that timed more than the step it reports). */
  public StageResult withSeconds(double newSeconds) {
    return new StageResult(stage, recordsIn, recordsOut, quarantined, newSeconds, figures);
  }

  /** One log line: counts, seconds and the extra figures, sorted. */
  public String summary() {
    String extra = new TreeMap<>(figures).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
    return String.format("%-8s in=%d out=%d quarantined=%d %.1fs%s", stage, recordsIn, recordsOut,
        quarantined, seconds, extra.isEmpty() ? "" : " (" + extra + ")");
  }
}
