package com.voclake.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.publish.AlertRule.Comparison;
import com.voclake.publish.AlertRule.Grain;
import com.voclake.publish.AlertRule.Lifecycle;
import com.voclake.publish.AlertRule.Metric;
import com.voclake.publish.AlertRule.Severity;
import com.voclake.publish.AlertState.Status;
import com.voclake.publish.Notification.Kind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The stream's alerting against the daily publish's: a window fired early has the ids the publish
 * gives it, so the publish does not notify it again; escalated conversations alert once.
 */
class LiveAlertsTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private static final Instant T0 = DAY.atStartOfDay(ZONE).toInstant();
  private static final String SCOPE = "category_l2=车机死机;province=广东";
  private static final AlertRule HOURLY = new AlertRule("hourly", List.of("category_l2", "province"), Map.of(),
      Metric.REQUESTS, Comparison.ABOVE, Grain.HOUR, new TreeMap<>(Map.of(Severity.WARNING, 10.0,
      Severity.CRITICAL, 20.0)), 1, null, Lifecycle.IMMEDIATE);
  private static final AlertRule DAILY = AlertRule.daily("daily", List.of("category_l2", "province"), Map.of(),
      Metric.REQUESTS, Comparison.ABOVE, Map.of(Severity.WARNING, 30.0), 1);
  private static final Map<String, AlertRule> RULES = Map.of("hourly", HOURLY, "daily", DAILY);

  private static Condition hour(int h, Severity severity, double observed) {
    Instant start = T0.plus(Duration.ofHours(h));
    return new Condition("hourly", SCOPE, start, start.plus(Duration.ofHours(1)), severity, observed, 10,
        severity == Severity.CRITICAL ? 20 : 10);
  }

  private static List<String> ids(List<Notification> notifications) {
    return notifications.stream().map(n -> n.kind().configName() + ":" + n.notificationId()).toList();
  }

  @Test
  void aWindowFiredEarlyHasTheAlertAndNotificationIdsOfThePublishForTheWholeDay() {
    Condition dayCrossed = new Condition("daily", SCOPE, T0, T0.plus(Duration.ofDays(1)), Severity.WARNING, 31, 30, 30);
    // The stream sees hour 9 crossed mid-hour, and the day's count crossed by 11:00.
    LiveAlerts.Step stream = LiveAlerts.early(List.of(), List.of(hour(9, Severity.WARNING, 12), dayCrossed), RULES);

    AlertDay.Result publish = AlertDay.evaluate(List.of(), List.of(hour(9, Severity.WARNING, 14), dayCrossed),
        RULES, DAY, ZONE);

    assertThat(stream.states()).extracting(AlertState::status).containsOnly(Status.FIRING);
    List<String> streamFiring = ids(stream.notifications());
    assertThat(streamFiring).as("one firing notification per alert").hasSize(2).allMatch(id -> id.startsWith("firing:"));
    assertThat(ids(publish.notifications())).as("the publish's notifications of the same windows")
        .containsAll(streamFiring);
    assertThat(publish.episodes()).extracting(AlertState::alertId)
        .containsAll(stream.states().stream().map(AlertState::alertId).toList());
  }

  @Test
  void windowsTheStreamDidNotSeeCrossedEndTheEpisodeAsThePublishWould() {
    LiveAlerts.Step first = LiveAlerts.early(List.of(), List.of(hour(9, Severity.WARNING, 12)), RULES);
    // Hours 10 and 11 were clear; hour 12 crosses again: a new episode, after a resolved one.
    LiveAlerts.Step later = LiveAlerts.early(first.states(), List.of(hour(12, Severity.CRITICAL, 25)), RULES);

    AlertDay.Result publish = AlertDay.evaluate(List.of(), List.of(hour(9, Severity.WARNING, 12),
        hour(12, Severity.CRITICAL, 25)), Map.of("hourly", HOURLY), DAY, ZONE);
    List<String> streamed = new ArrayList<>(ids(first.notifications()));
    streamed.addAll(ids(later.notifications()));

    assertThat(streamed).as("firing, resolved at 11:00, firing of the new episode")
        .containsExactlyElementsOf(ids(publish.notifications()).subList(0, 3));
    assertThat(later.states()).singleElement().satisfies(s -> {
      assertThat(s.alertId()).isEqualTo(AlertState.id("hourly", SCOPE, T0.plus(Duration.ofHours(12))));
      assertThat(s.severity()).isEqualTo(Severity.CRITICAL);
    });
  }

  @Test
  void theSameWindowSeenAgainEscalatesOnceAndAnOlderWindowChangesNothing() {
    LiveAlerts.Step warned = LiveAlerts.early(List.of(), List.of(hour(9, Severity.WARNING, 12)), RULES);
    LiveAlerts.Step again = LiveAlerts.early(warned.states(), List.of(hour(9, Severity.WARNING, 13)), RULES);
    LiveAlerts.Step worse = LiveAlerts.early(again.states(), List.of(hour(9, Severity.CRITICAL, 22)), RULES);
    LiveAlerts.Step older = LiveAlerts.early(worse.states(), List.of(hour(8, Severity.CRITICAL, 30)), RULES);

    assertThat(again.notifications()).as("no new message for a window that still crosses the same level").isEmpty();
    assertThat(worse.notifications()).singleElement().extracting(Notification::kind).isEqualTo(Kind.ESCALATED);
    assertThat(older.states()).as("a window before the one evaluated is not evaluated again").isEmpty();
  }

  @Test
  void anEscalatedConversationAlertsOnceWithAStateThatNoLaterRunCarries() {
    Instant start = T0.plus(Duration.ofHours(10));
    LiveAlerts.Escalation angry = new LiveAlerts.Escalation("call-1", "hotline", "广东", start, 0.1, -0.95, -0.85);
    LiveAlerts.Escalation other = new LiveAlerts.Escalation("call-2", "chat", "unknown", start, 0.0, -0.9, -0.85);

    LiveAlerts.Step first = LiveAlerts.conversations(List.of(), List.of(angry));
    LiveAlerts.Step replay = LiveAlerts.conversations(first.states(), List.of(angry, other));

    assertThat(first.notifications()).singleElement().satisfies(n -> {
      assertThat(n.kind()).isEqualTo(Kind.FIRING);
      assertThat(n.alert().scope()).isEqualTo("interaction_id=call-1;channel=hotline;province=广东");
      assertThat(n.alert().observed()).isEqualTo(-0.95);
    });
    assertThat(first.states()).singleElement().extracting(AlertState::status).isEqualTo(Status.RESOLVED);
    assertThat(replay.states()).as("only the conversation not alerted before").singleElement()
        .extracting(AlertState::scope).asString().contains("call-2");
    assertThat(LiveAlerts.json(first.notifications().get(0), ZONE)).contains("\"rule\":\"conversation_escalation\"",
        "\"kind\":\"firing\"", "\"active_since\":\"2026-11-20T10:00:00+08:00\"");
  }
}
