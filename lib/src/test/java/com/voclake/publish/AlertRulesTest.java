package com.voclake.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.config.ConfigException;
import com.voclake.publish.AlertRule.Comparison;
import com.voclake.publish.AlertRule.Metric;
import com.voclake.publish.AlertRule.Severity;
import com.voclake.testing.TestConfigs;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
  private static final String FILE = "conf/test-alerts.conf";

  @Test
  void theRepositorysRulesLoadAndCoverEveryMetricTheBriefNeeds() throws Exception {
    String path = TestConfigs.repoRoot().resolve("conf/alerts.conf").toString();
    List<AlertRule> rules = AlertRules.parse(Files.readString(java.nio.file.Path.of(path)), path);

    assertThat(rules).extracting(AlertRule::name).doesNotHaveDuplicates().contains(
        "head_unit_failure_surge", "category_negative_share", "category_l1_sentiment", "daily_escalations");
    AlertRule surge = rules.stream().filter(r -> r.name().equals("head_unit_failure_surge")).findFirst().orElseThrow();
    assertThat(surge.scope()).containsExactly("category_l2", "province");
    assertThat(surge.filter()).containsEntry("category_l2", List.of("车机死机", "OTA升级"));
    assertThat(surge.metric()).isEqualTo(Metric.REQUESTS);
    assertThat(surge.thresholds()).containsExactly(Map.entry(Severity.WARNING, 20.0), Map.entry(Severity.CRITICAL, 50.0));
    assertThat(rules).extracting(AlertRule::metric)
        .contains(Metric.REQUESTS, Metric.NEGATIVE_SHARE, Metric.AVG_SENTIMENT, Metric.ESCALATIONS);
  }

  @Test
  void parsesScopeFilterComparisonAndLevels() {
    List<AlertRule> rules = AlertRules.parse("""
        rules = [{
          name = low_mood
          scope = [category_l1, province]
          where { channel = [app, web] }
          metric = avg_sentiment
          comparison = below
          thresholds { warning = -0.4, critical = -0.7 }
          min-volume = 5
        }]
        """, FILE);

    assertThat(rules).containsExactly(AlertRule.daily("low_mood", List.of("category_l1", "province"),
        Map.of("channel", List.of("app", "web")), Metric.AVG_SENTIMENT, Comparison.BELOW,
        Map.of(Severity.WARNING, -0.4, Severity.CRITICAL, -0.7), 5));
  }

  @Test
  void parsesBaselinesGrainAndLifecycle() {
    AlertRule rule = AlertRules.parse("""
        rules = [{
          name = hourly_surge, scope = [category_l2], metric = requests, comparison = above, grain = hour
          baseline { season = week, periods = 6, min-periods = 2, min-spread = 1.5, min-relative-spread = 0.2 }
          thresholds { warning = 3, critical = 6 }
          min-volume = 8, for = 1h, keep-firing-for = 2h, repeat-interval = 12h
        }]
        """, FILE).get(0);

    assertThat(rule.dynamic()).isTrue();
    assertThat(rule.kind()).isEqualTo("dynamic");
    assertThat(rule.grain()).isEqualTo(AlertRule.Grain.HOUR);
    assertThat(rule.baseline()).isEqualTo(new AlertRule.Baseline(AlertRule.Season.WEEK, 6, 2, 1.5, 0.2));
    assertThat(rule.lifecycle()).isEqualTo(new AlertRule.Lifecycle(Duration.ofHours(1), Duration.ofHours(2),
        Duration.ofHours(12)));
    assertThat(AlertRules.parse(rule("baseline {}"), FILE).get(0).baseline())
        .as("defaults: 4 weeks, 3 needed").isEqualTo(new AlertRule.Baseline(AlertRule.Season.WEEK, 4, 3, 0.0, 0.0));
  }

  @Test
  void badRulesFailWithMessagesNamingTheFileAndTheRule() {
    assertRejected(rule("metric = complaints"), "rule 'r1'", "metric 'complaints' is not one of",
        "negative_share");
    assertRejected(rule("scope = [dealer]"), "rule 'r1'", "scope dimension 'dealer'");
    assertRejected(rule("thresholds { warning = 0.9, critical = 0.8 }"), "rule 'r1'",
        "the critical threshold (0.8) must be greater than the warning threshold (0.9)");
    assertRejected(rule("thresholds { urgent = 0.9 }"), "severity 'urgent'");
    assertRejected(rule("min-volume = 0"), "min-volume to 0");
    assertRejected(rule("thresholds { warning = lots }"), "rule 'r1'", "thresholds.warning");
    assertRejected(rule("colour = red"), "unknown key [colour]");
    assertRejected("rules = [{ metric = requests }]", "rule #1", "'name' is required");
    assertRejected("rules = [" + body("") + ", " + body("") + "]", "rule 'r1' is defined twice");
    assertRejected("rule = []", "must have a list 'rules");
    assertRejected(rule("grain = week"), "grain 'week' is not one of hour | day");
    assertRejected(rule("baseline { periods = 0 }"), "baseline.periods to 0");
    assertRejected(rule("baseline { periods = 2, min-periods = 3 }"), "baseline.min-periods to 3");
    assertRejected(rule("baseline { season = month }"), "baseline.season 'month'");
    assertRejected(rule("baseline { lag = 1 }"), "unknown baseline key [lag]");
    assertRejected(rule("baseline {}, thresholds { warning = -1 }"), "thresholds count spreads");
    assertRejected(rule("for = soon"), "'for' must be a duration");
    assertRejected(rule("repeat-interval = 0s"), "repeat-interval to 0");
    assertRejected("rules = [ {", "Cannot parse alert rules file");
  }

  private static String rule(String override) {
    return "rules = [" + body(override) + "]";
  }

  private static String body(String override) {
    return "{ name = r1, scope = [category_l2], metric = negative_share, comparison = above,"
        + " thresholds { warning = 0.6, critical = 0.8 }, min-volume = 10\n" + override + " }";
  }

  private static void assertRejected(String text, String... fragments) {
    assertThatThrownBy(() -> AlertRules.parse(text, FILE))
        .as("rules %s", text)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(FILE)
        .hasMessageContainingAll(fragments);
  }
}
