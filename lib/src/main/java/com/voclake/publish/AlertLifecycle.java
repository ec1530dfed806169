package com.voclake.publish;

import com.voclake.publish.AlertRule.Severity;
import com.voclake.publish.AlertState.Status;
import com.voclake.publish.Notification.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The alert lifecycle as a pure function, shared by the batch publish and the streaming job:
 * previous states + one evaluation's conditions + rules + the evaluation time → new states +
 * notifications. No I/O, no clock: the time is the evaluation's, so a rerun over the same data
 * gives the same states and the same notification ids.
 *
 * <p>Per rule and scope (as in Prometheus and Alertmanager):
 * <ul>
 *   <li>a condition starts an episode as {@code pending}; it becomes {@code firing} once the
 *       condition has held for the rule's {@code for} since the end of its first window (at once
 *       when {@code for} is 0); a pending episode whose condition clears ends silently;
 *   <li>a firing episode whose condition cleared keeps firing until it has been clear for more
 *       than {@code keep-firing-for}, then it is {@code resolved}; the next evaluation drops it,
 *       and a new condition starts a new episode (a new alert id);
 *   <li>notifications: one when it starts firing, one when it escalates to a more severe level
 *       than any notified, a reminder each {@code repeat-interval} while it fires, and one when
 *       it resolves (only if anyone was told it fired);
 *   <li>inhibition: while a critical alert of another rule fires on the same scope, a warning or
 *       info alert there is marked inhibited and sends nothing; if it still fires once the
 *       critical one is gone, its firing notification goes out then.
 * </ul>
 * Rules not evaluated at this time keep their states untouched; states of rules that no longer
 * exist are dropped.
 */
public final class AlertLifecycle {
  private AlertLifecycle() {}

  /**
   * One evaluation: at time {@code at}, the rules named in {@code rules} were evaluated (their
   * windows ending at {@code at}) and {@code conditions} are the crossed ones among them.
   */
  public record Evaluation(Instant at, Set<String> rules, List<Condition> conditions) {
    public Evaluation {
      rules = Set.copyOf(rules);
      conditions = List.copyOf(conditions);
    }
  }

  /** The states after an evaluation (pending, firing and just-resolved ones) and the notifications due. */
  public record Step(List<AlertState> states, List<Notification> notifications) {}

  public static Step advance(Collection<AlertState> previous, Evaluation evaluation, Map<String, AlertRule> rules) {
    Instant at = evaluation.at();
    Map<String, Condition> crossed = new LinkedHashMap<>();
    for (Condition condition : evaluation.conditions()) {
      if (evaluation.rules().contains(condition.rule()) && rules.containsKey(condition.rule())) {
        crossed.put(AlertState.key(condition.rule(), condition.scope()), condition);
      }
    }
    Map<String, AlertState> next = new LinkedHashMap<>();
    Set<String> evaluatedKeys = new HashSet<>();
    for (AlertState state : previous) {
      AlertRule rule = rules.get(state.rule());
      if (rule == null) {
        continue;
      }
      if (!evaluation.rules().contains(state.rule())) {
        next.put(state.alertKey(), state);
        continue;
      }
      evaluatedKeys.add(state.alertKey());
      Condition condition = crossed.remove(state.alertKey());
      AlertState after = condition == null ? clear(state, rule, at)
          : state.status() == Status.RESOLVED ? start(condition, rule, at)
          : hold(state.observe(condition), rule, at);
      if (after != null) {
        next.put(after.alertKey(), after);
      }
    }
    for (Map.Entry<String, Condition> fresh : crossed.entrySet()) {
      Condition condition = fresh.getValue();
      evaluatedKeys.add(fresh.getKey());
      next.put(fresh.getKey(), start(condition, rules.get(condition.rule()), at));
    }
    return notify(next, evaluatedKeys, rules, at);
  }

  private static AlertState start(Condition condition, AlertRule rule, Instant at) {
    AlertState pending = new AlertState(AlertState.key(rule.name(), condition.scope()),
        AlertState.id(rule.name(), condition.scope(), condition.windowStart()), rule.name(), rule.kind(),
        condition.scope(), rule.metric().configName(), rule.grain().iso(), Status.PENDING, condition.severity(),
        condition.observed(), condition.expected(), condition.threshold(), condition.windowStart(),
        condition.windowEnd(), null, null, null, null, false, at, Set.of());
    return hold(pending, rule, at);
  }

  /** The condition holds at {@code at}: a pending episode fires once it has held long enough. */
  private static AlertState hold(AlertState state, AlertRule rule, Instant at) {
    if (state.status() != Status.PENDING) {
      return state;
    }
    Instant firstEvaluated = state.activeSince().plus(rule.grain().length());
    boolean heldLongEnough = Duration.between(firstEvaluated, at).compareTo(rule.lifecycle().pendingFor()) >= 0;
    return heldLongEnough
        ? state.with(Status.FIRING, at, null, state.lastNotifiedAt(), state.peakSeverity(), state.inhibited(), at)
        : state;
  }

  /** The condition does not hold at {@code at}; null when the episode ends without a trace. */
  private static AlertState clear(AlertState state, AlertRule rule, Instant at) {
    return switch (state.status()) {
      case PENDING, RESOLVED -> null;
      case FIRING -> Duration.between(state.lastActiveAt(), at).compareTo(rule.lifecycle().keepFiringFor()) > 0
          ? state.with(Status.RESOLVED, state.firedAt(), at, state.lastNotifiedAt(), state.peakSeverity(), false, at)
          : state.with(Status.FIRING, state.firedAt(), null, state.lastNotifiedAt(), state.peakSeverity(),
              state.inhibited(), at);
    };
  }

  /** Marks inhibited alerts and finds the notifications due among the evaluated states. */
  private static Step notify(Map<String, AlertState> states, Set<String> evaluatedKeys,
      Map<String, AlertRule> rules, Instant at) {
    Map<String, Set<String>> criticalRulesByScope = new HashMap<>();
    for (AlertState state : states.values()) {
      if (state.status() == Status.FIRING && state.severity() == Severity.CRITICAL) {
        criticalRulesByScope.computeIfAbsent(state.scope(), s -> new HashSet<>()).add(state.rule());
      }
    }
    List<AlertState> out = new ArrayList<>();
    List<Notification> notifications = new ArrayList<>();
    for (AlertState state : states.values()) {
      if (!evaluatedKeys.contains(state.alertKey())) {
        out.add(state);
        continue;
      }
      boolean inhibited = state.status() == Status.FIRING && state.severity() != Severity.CRITICAL
          && criticalRulesByScope.getOrDefault(state.scope(), Set.of()).stream().anyMatch(r -> !r.equals(state.rule()));
      Kind due = inhibited ? null : due(state, rules.get(state.rule()), at);
      AlertState after = state.with(state.status(), state.firedAt(), state.resolvedAt(),
          due == null ? state.lastNotifiedAt() : at,
          due == null || due == Kind.RESOLVED ? state.peakSeverity() : more(state.peakSeverity(), state.severity()),
          inhibited, at);
      if (due != null) {
        notifications.add(Notification.of(due, at, after));
      }
      out.add(after);
    }
    return new Step(List.copyOf(out), List.copyOf(notifications));
  }

  private static Kind due(AlertState state, AlertRule rule, Instant at) {
    if (state.status() == Status.RESOLVED) {
      return state.lastNotifiedAt() != null && at.equals(state.resolvedAt()) ? Kind.RESOLVED : null;
    }
    if (state.status() != Status.FIRING) {
      return null;
    }
    if (state.lastNotifiedAt() == null) {
      return Kind.FIRING;
    }
    if (state.peakSeverity() == null || state.severity().compareTo(state.peakSeverity()) > 0) {
      return Kind.ESCALATED;
    }
    return Duration.between(state.lastNotifiedAt(), at).compareTo(rule.lifecycle().repeatInterval()) >= 0
        ? Kind.REMINDER : null;
  }

  private static Severity more(Severity a, Severity b) {
    return a == null || b.compareTo(a) > 0 ? b : a;
  }
}
