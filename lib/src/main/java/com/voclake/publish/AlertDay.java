package com.voclake.publish;

import com.voclake.publish.AlertLifecycle.Evaluation;
import com.voclake.publish.AlertLifecycle.Step;
import com.voclake.publish.AlertState.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the lifecycle over one day, the way the batch publish evaluates it: every window of the
 * day in time order (each hour for hour rules, the day for day rules), each an
 * {@link AlertLifecycle#advance} step from the states the step before left. Pure.
 */
public final class AlertDay {
  private AlertDay() {}

  /**
   * The day's outcome.
   *
   * @param episodes every alert that fired during the day (firing or resolved at its end, last
   *     version) and every alert pending at its end: the rows of the alert state table and of
   *     published {@code alerts} for the day
   * @param notifications the notifications due during the day, in time order
   */
  public record Result(List<AlertState> episodes, List<Notification> notifications) {}

  /**
   * @param previous the states at the start of the day (pending and firing ones)
   * @param conditions the day's crossed windows, of any rule
   */
  public static Result evaluate(Collection<AlertState> previous, Collection<Condition> conditions,
      Map<String, AlertRule> rules, LocalDate day, ZoneId zone) {
    TreeMap<Instant, Set<String>> evaluatedRules = new TreeMap<>();
    for (AlertRule rule : rules.values()) {
      for (Instant end : windowEnds(rule, day, zone)) {
        evaluatedRules.computeIfAbsent(end, e -> new HashSet<>()).add(rule.name());
      }
    }
    Map<Instant, List<Condition>> byEnd = new TreeMap<>();
    for (Condition condition : conditions) {
      byEnd.computeIfAbsent(condition.windowEnd(), e -> new ArrayList<>()).add(condition);
    }
    List<AlertState> states = new ArrayList<>(previous);
    Map<String, AlertState> episodes = new LinkedHashMap<>();
    List<Notification> notifications = new ArrayList<>();
    for (Map.Entry<Instant, Set<String>> evaluation : evaluatedRules.entrySet()) {
      Step step = AlertLifecycle.advance(states, new Evaluation(evaluation.getKey(), evaluation.getValue(),
          byEnd.getOrDefault(evaluation.getKey(), List.of())), rules);
      states = step.states();
      notifications.addAll(step.notifications());
      for (AlertState state : states) {
        if (state.status() != Status.PENDING) {
          episodes.put(state.alertId(), state);
        }
      }
    }
    for (AlertState state : states) {
      if (state.status() == Status.PENDING) {
        episodes.put(state.alertId(), state);
      }
    }
    return new Result(List.copyOf(episodes.values()), List.copyOf(notifications));
  }

  /** Ends of the rule's windows that start on {@code day}, in time order. */
  static List<Instant> windowEnds(AlertRule rule, LocalDate day, ZoneId zone) {
    Instant start = day.atStartOfDay(zone).toInstant();
    Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
    if (rule.grain() == AlertRule.Grain.DAY) {
      return List.of(end);
    }
    List<Instant> ends = new ArrayList<>();
    for (Instant at = start.plus(rule.grain().length()); !at.isAfter(end); at = at.plus(rule.grain().length())) {
      ends.add(at);
    }
    return ends;
  }
}
