package com.voclake.publish;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.voclake.publish.AlertLifecycle.Evaluation;
import com.voclake.publish.AlertRule.Severity;
import com.voclake.publish.AlertState.Status;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The streaming job's alerting, as pure functions over the alert lifecycle of the batch publish
 * ({@link AlertLifecycle}): the same rules, states and deterministic ids, evaluated while a window
 * is still open.
 *
 * <p>{@link #early}: a static rule's window (an hour or a day) that has already crossed its
 * threshold fires now, as of the window's end, instead of when the daily publish runs. Its alert
 * and notification ids are those the publish computes for the same window, so the publish does
 * not send them again. For count metrics (requests, escalations, customers) a crossed window stays
 * crossed; a share or mean can still fall back below once the window is complete, and then the
 * stream has fired an alert that the publish does not (it is still recorded, and the publish
 * resolves what it carries). Windows the stream does not see crossed are left to the publish,
 * which resolves alerts: the stream never sends a resolved notification of its own, except for
 * an episode whose windows in between it knows were clear.
 *
 * <p>{@link #conversations}: an escalated conversation is one alert of the built-in rule
 * {@value #CONVERSATION_RULE}, notified once; its state row is written resolved at once, so that
 * no later evaluation carries it.
 */
public final class LiveAlerts {
  /** The rule of per-conversation escalation alerts (not a rule of the rules file). */
  public static final String CONVERSATION_RULE = "conversation_escalation";

  private LiveAlerts() {}

  /** States that changed, and the notifications due. */
  public record Step(List<AlertState> states, List<Notification> notifications) {}

  /**
   * One escalated conversation.
   *
   * @param emotionStart the customer's emotion at the start (the expected value shown)
   * @param emotionMin the lowest emotion (the observed value)
   * @param threshold {@code text.escalate-below}
   */
  public record Escalation(String interactionId, String channel, String province, Instant startTime,
      double emotionStart, double emotionMin, double threshold) {}

  /**
   * Fires the crossed windows {@code conditions} of the static rules in {@code rules}, window end
   * by window end, from the {@code known} states (the latest per alert key is used).
   */
  public static Step early(Collection<AlertState> known, List<Condition> conditions, Map<String, AlertRule> rules) {
    Map<String, AlertState> byKey = latestByKey(known);
    Map<String, AlertState> changed = new LinkedHashMap<>();
    List<Notification> notifications = new ArrayList<>();
    List<Condition> ordered = new ArrayList<>(conditions);
    ordered.sort(Comparator.comparing(Condition::windowEnd).thenComparing(Condition::rule)
        .thenComparing(Condition::scope));
    for (Condition condition : ordered) {
      AlertRule rule = rules.get(condition.rule());
      if (rule == null || rule.dynamic()) {
        continue;
      }
      String key = AlertState.key(rule.name(), condition.scope());
      AlertState state = byKey.get(key);
      if (state != null && state.evaluatedAt().isAfter(condition.windowEnd())) {
        continue; // a later window of this alert was evaluated already: never go back in time
      }
      List<AlertState> previous = new ArrayList<>();
      if (state != null && state.status() != Status.RESOLVED) {
        previous.add(state);
        // The windows since the last evaluation that the stream has not seen crossed were clear:
        // step through them as the publish does, so an episode ends (and a new one starts) alike.
        for (Instant at = state.evaluatedAt().plus(rule.grain().length()); at.isBefore(condition.windowEnd());
            at = at.plus(rule.grain().length())) {
          AlertLifecycle.Step step = AlertLifecycle.advance(previous, new Evaluation(at, Set.of(rule.name()),
              List.of()), rules);
          notifications.addAll(step.notifications());
          previous = new ArrayList<>(step.states());
        }
      }
      // Other rules' critical alerts on the same scope take part, untouched: they inhibit this one.
      for (AlertState other : byKey.values()) {
        if (!other.rule().equals(rule.name()) && other.scope().equals(condition.scope())
            && other.status() == Status.FIRING && other.severity() == Severity.CRITICAL) {
          previous.add(other);
        }
      }
      AlertLifecycle.Step step = AlertLifecycle.advance(previous,
          new Evaluation(condition.windowEnd(), Set.of(rule.name()), List.of(condition)), rules);
      notifications.addAll(step.notifications());
      for (AlertState after : step.states()) {
        if (after.alertKey().equals(key)) {
          byKey.put(key, after);
          changed.put(key, after);
        }
      }
    }
    return new Step(List.copyOf(changed.values()), List.copyOf(notifications));
  }

  /** Alerts of the escalated conversations that {@code known} does not hold yet, and their notifications. */
  public static Step conversations(Collection<AlertState> known, List<Escalation> escalations) {
    Set<String> seen = new HashSet<>();
    known.forEach(s -> seen.add(s.alertId()));
    List<AlertState> states = new ArrayList<>();
    List<Notification> notifications = new ArrayList<>();
    for (Escalation e : escalations) {
      String scope = String.format(Locale.ROOT, "interaction_id=%s;channel=%s;province=%s", e.interactionId(),
          e.channel(), e.province());
      String id = AlertState.id(CONVERSATION_RULE, scope, e.startTime());
      if (!seen.add(id)) {
        continue;
      }
      // Times are the conversation's own, so a replayed batch writes the same row and the same id.
      Instant at = e.startTime();
      AlertState fired = new AlertState(AlertState.key(CONVERSATION_RULE, scope), id, CONVERSATION_RULE, "static",
          scope, "emotion_min", "conversation", Status.FIRING, Severity.WARNING, e.emotionMin(), e.emotionStart(),
          e.threshold(), at, at, at, null, at, Severity.WARNING, false, at, Set.of());
      notifications.add(Notification.of(Notification.Kind.FIRING, at, fired));
      states.add(fired.with(Status.RESOLVED, at, at, at, Severity.WARNING, false, at));
    }
    return new Step(List.copyOf(states), List.copyOf(notifications));
  }

  /** One notification as the JSON value of the alerts topic. */
  public static String json(Notification n, ZoneId zone) {
    AlertState a = n.alert();
    return String.format(Locale.ROOT, "{\"notification_id\":\"%s\",\"kind\":\"%s\",\"alert_id\":\"%s\","
            + "\"rule\":\"%s\",\"scope\":\"%s\",\"severity\":\"%s\",\"state\":\"%s\",\"metric\":\"%s\","
            + "\"window\":\"%s\",\"observed\":%s,\"expected\":%s,\"threshold\":%s,\"active_since\":\"%s\",\"at\":\"%s\"}",
        n.notificationId(), n.kind().configName(), a.alertId(), text(a.rule()), text(a.scope()),
        a.severity().configName(), a.status().configName(), text(a.metric()), text(a.window()), number(a.observed()),
        number(a.expected()), number(a.threshold()), Alerts.iso(a.activeSince(), zone), Alerts.iso(n.at(), zone));
  }

  private static Map<String, AlertState> latestByKey(Collection<AlertState> states) {
    Map<String, AlertState> out = new LinkedHashMap<>();
    for (AlertState s : states) {
      AlertState held = out.get(s.alertKey());
      if (held == null || s.evaluatedAt().isAfter(held.evaluatedAt())) {
        out.put(s.alertKey(), s);
      }
    }
    return out;
  }

  private static String text(String value) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(value));
  }

  private static String number(double value) {
    return Double.isFinite(value) ? String.valueOf(value) : "null";
  }
}
