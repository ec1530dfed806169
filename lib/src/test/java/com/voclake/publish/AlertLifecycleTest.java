package com.voclake.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.publish.AlertLifecycle.Evaluation;
import com.voclake.publish.AlertLifecycle.Step;
import com.voclake.publish.AlertRule.Comparison;
import com.voclake.publish.AlertRule.Grain;
import com.voclake.publish.AlertRule.Lifecycle;
import com.voclake.publish.AlertRule.Metric;
import com.voclake.publish.AlertRule.Severity;
import com.voclake.publish.AlertState.Status;
import com.voclake.publish.Notification.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The lifecycle as a pure function, hour by hour, without Spark. */
class AlertLifecycleTest {
  private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
  private static final String SCOPE = "category_l2=车机死机;province=广东";

  private static AlertRule hourly(String name, Duration pendingFor, Duration keepFiringFor, Duration repeat) {
    return new AlertRule(name, List.of("category_l2", "province"), Map.of(), Metric.REQUESTS, Comparison.ABOVE,
        Grain.HOUR, new TreeMap<>(Map.of(Severity.WARNING, 10.0, Severity.CRITICAL, 20.0)), 1, null,
        new Lifecycle(pendingFor, keepFiringFor, repeat));
  }

  /** Runs {@code rule} over hours whose crossed severity is given (null: clear); returns each step. */
  private static List<Step> run(Map<String, AlertRule> rules, List<Map<String, Severity>> hours) {
    List<Step> steps = new ArrayList<>();
    List<AlertState> states = List.of();
    for (int h = 0; h < hours.size(); h++) {
      Instant start = T0.plus(Duration.ofHours(h));
      List<Condition> conditions = new ArrayList<>();
      for (Map.Entry<String, Severity> crossed : hours.get(h).entrySet()) {
        String[] ruleScope = crossed.getKey().split("@");
        conditions.add(new Condition(ruleScope[0], ruleScope[1], start, start.plusSeconds(3600), crossed.getValue(),
            crossed.getValue() == Severity.CRITICAL ? 25 : 12, 5, crossed.getValue() == Severity.CRITICAL ? 20 : 10));
      }
      Step step = AlertLifecycle.advance(states, new Evaluation(start.plusSeconds(3600), rules.keySet(), conditions),
          rules);
      steps.add(step);
      states = step.states();
    }
    return steps;
  }

  private static Map<String, Severity> crossed(String rule, Severity severity) {
    return Map.of(rule + "@" + SCOPE, severity);
  }

  private static List<String> kinds(List<Step> steps) {
    List<String> out = new ArrayList<>();
    for (int h = 0; h < steps.size(); h++) {
      for (Notification n : steps.get(h).notifications()) {
        out.add(h + ":" + n.kind().configName() + ":" + n.alert().severity().configName());
      }
    }
    return out;
  }

  @Test
  void pendsForTheRulesForPeriodThenFiresOnceAndResolvesWithOneMessageEach() {
    AlertRule rule = hourly("r", Duration.ofHours(1), Duration.ZERO, Duration.ofHours(24));
    List<Step> steps = run(Map.of("r", rule), List.of(
        crossed("r", Severity.WARNING), crossed("r", Severity.WARNING), crossed("r", Severity.WARNING), Map.of(),
        Map.of()));

    assertThat(steps.get(0).states()).singleElement().extracting(AlertState::status).isEqualTo(Status.PENDING);
    assertThat(steps.get(1).states()).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(Status.FIRING);
      assertThat(s.activeSince()).as("the first crossed window's start").isEqualTo(T0);
      assertThat(s.firedAt()).as("fired at the end of the second window").isEqualTo(T0.plusSeconds(7200));
      assertThat(s.alertId()).isEqualTo(AlertState.id("r", SCOPE, T0));
    });
    assertThat(steps.get(3).states()).singleElement().satisfies(s -> {
      assertThat(s.status()).isEqualTo(Status.RESOLVED);
      assertThat(s.resolvedAt()).isEqualTo(T0.plusSeconds(4 * 3600));
    });
    assertThat(steps.get(4).states()).as("a resolved alert is gone at the next evaluation").isEmpty();
    assertThat(kinds(steps)).containsExactly("1:firing:warning", "3:resolved:warning");
  }

  @Test
  void aPendingAlertWhoseConditionClearsEndsWithoutAWord() {
    AlertRule rule = hourly("r", Duration.ofHours(2), Duration.ZERO, Duration.ofHours(24));
    List<Step> steps = run(Map.of("r", rule), List.of(crossed("r", Severity.CRITICAL), Map.of()));
    assertThat(steps.get(1).states()).isEmpty();
    assertThat(kinds(steps)).isEmpty();
  }

  @Test
  void keepFiringForBridgesAFlappingValueAndRemindersFollowTheRepeatInterval() {
    AlertRule rule = hourly("r", Duration.ZERO, Duration.ofHours(1), Duration.ofHours(3));
    Map<String, Severity> on = crossed("r", Severity.WARNING);
    List<Step> steps = run(Map.of("r", rule), List.of(on, Map.of(), on, Map.of(), on, on, Map.of(), Map.of()));

    assertThat(steps.subList(0, 6)).allSatisfy(s -> assertThat(s.states()).singleElement()
        .extracting(AlertState::status).isEqualTo(Status.FIRING));
    assertThat(steps.get(5).states().get(0).alertId()).as("one episode throughout").isEqualTo(AlertState.id("r", SCOPE, T0));
    assertThat(kinds(steps)).as("fires once, a reminder each 3 hours while firing (kept firing in hour 6 too),"
            + " resolves after two clear hours")
        .containsExactly("0:firing:warning", "3:reminder:warning", "6:reminder:warning", "7:resolved:warning");
  }

  @Test
  void escalatesOnceToCriticalAndDoesNotRepeatWhenItFallsBack() {
    AlertRule rule = hourly("r", Duration.ZERO, Duration.ZERO, Duration.ofHours(24));
    List<Step> steps = run(Map.of("r", rule), List.of(crossed("r", Severity.WARNING), crossed("r", Severity.CRITICAL),
        crossed("r", Severity.WARNING), crossed("r", Severity.CRITICAL)));
    assertThat(kinds(steps)).containsExactly("0:firing:warning", "1:escalated:critical");
  }

  @Test
  void aCriticalAlertOnTheSameScopeInhibitsAWarningOfAnotherRule() {
    AlertRule surge = hourly("surge", Duration.ZERO, Duration.ZERO, Duration.ofHours(24));
    AlertRule mood = hourly("mood", Duration.ZERO, Duration.ZERO, Duration.ofHours(24));
    Map<String, Severity> both = Map.of("surge@" + SCOPE, Severity.CRITICAL, "mood@" + SCOPE, Severity.WARNING);
    List<Step> steps = run(Map.of("surge", surge, "mood", mood), List.of(both, both,
        crossed("mood", Severity.WARNING), Map.of()));

    assertThat(steps.get(0).states()).filteredOn(s -> s.rule().equals("mood")).singleElement()
        .satisfies(s -> assertThat(s.inhibited()).isTrue());
    assertThat(kinds(steps)).as("the warning speaks only once the critical alert is gone")
        .containsExactlyInAnyOrder("0:firing:critical", "2:resolved:critical", "2:firing:warning",
            "3:resolved:warning");
  }

  @Test
  void rerunningTheSameEvaluationsGivesTheSameIdsAndNotifications() {
    AlertRule rule = hourly("r", Duration.ZERO, Duration.ZERO, Duration.ofHours(2));
    List<Map<String, Severity>> hours = List.of(crossed("r", Severity.WARNING), crossed("r", Severity.WARNING),
        crossed("r", Severity.CRITICAL), Map.of());
    List<String> first = run(Map.of("r", rule), hours).stream().flatMap(s -> s.notifications().stream())
        .map(Notification::notificationId).toList();
    List<String> second = run(Map.of("r", rule), hours).stream().flatMap(s -> s.notifications().stream())
        .map(Notification::notificationId).toList();
    assertThat(first).as("firing, escalated, resolved").hasSize(3).doesNotHaveDuplicates().isEqualTo(second);
  }

  @Test
  void rulesNotEvaluatedNowKeepTheirStateAndRemovedRulesAreDropped() {
    AlertRule rule = hourly("r", Duration.ZERO, Duration.ZERO, Duration.ofHours(24));
    Step firing = run(Map.of("r", rule), List.of(crossed("r", Severity.WARNING))).get(0);
    Step other = AlertLifecycle.advance(firing.states(),
        new Evaluation(T0.plusSeconds(7200), Set.of("other"), List.of()), Map.of("r", rule));
    assertThat(other.states()).isEqualTo(firing.states());
    assertThat(AlertLifecycle.advance(firing.states(), new Evaluation(T0.plusSeconds(7200), Set.of("r"), List.of()),
        Map.of()).states()).isEmpty();
  }

  @Test
  void notificationIdsDependOnEpisodeKindAndSeverity() {
    AlertRule rule = hourly("r", Duration.ZERO, Duration.ZERO, Duration.ofHours(24));
    Notification firing = run(Map.of("r", rule), List.of(crossed("r", Severity.WARNING))).get(0).notifications().get(0);
    assertThat(firing.kind()).isEqualTo(Kind.FIRING);
    assertThat(firing.notificationId()).isEqualTo(AlertState.sha256(AlertState.id("r", SCOPE, T0) + "|firing|warning"));
  }
}
