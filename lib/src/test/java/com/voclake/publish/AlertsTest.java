package com.voclake.publish;

import static com.voclake.publish.EnrichedFixtures.interaction;
import static com.voclake.publish.EnrichedFixtures.many;
import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Measuring and judging rules over enriched rows with Spark (the lifecycle has its own test). */
@ExtendWith(SparkExtension.class)
class AlertsTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private final SparkSession spark;

  AlertsTest(SparkSession spark) {
    this.spark = spark;
  }

  private List<List<Object>> judged(List<EnrichedFixtures.Interaction> rows, List<AlertRule> rules) {
    return Alerts.judge(EnrichedFixtures.enriched(spark, rows), rules, DAY, ZONE).conditions().stream()
        .map(c -> row(c.rule(), c.scope(), c.severity().configName(), Math.round(c.observed() * 1e4) / 1e4,
            c.expected(), c.threshold(), c.windowStart().toString()))
        .toList();
  }

  @Test
  void staticRulesFireTheMostSevereLevelCrossedOnlyForGroupsWithEnoughVolume() {
    List<EnrichedFixtures.Interaction> day = new ArrayList<>();
    // 车机死机 in 广东: 4 of 5 negative (0.8) -> critical; in 浙江: 2 of 3 negative but below min volume.
    day.addAll(many(4, "gd-neg", i -> i.category("车机系统", "车机死机").sentiment("neg", -0.9)));
    day.add(interaction("gd-pos").category("车机系统", "车机死机").sentiment("pos", 0.6));
    day.addAll(many(2, "zj-neg", i -> i.region("浙江", "杭州").category("车机系统", "车机死机").sentiment("neg", -0.9)));
    day.add(interaction("zj-neu").region("浙江", "杭州").category("车机系统", "车机死机"));
    // 充电 in 广东: 2 of 5 negative (0.4) -> warning; province missing -> unknown, 1 of 5 negative -> quiet.
    day.addAll(many(2, "ch-neg", i -> i.category("补能", "充电").sentiment("neg", -0.5)));
    day.addAll(many(3, "ch-pos", i -> i.category("补能", "充电").sentiment("pos", 0.5).escalate()));
    day.addAll(many(1, "un-neg", i -> i.region(null, null).category("补能", "充电").sentiment("neg", -0.5)));
    day.addAll(many(4, "un-neu", i -> i.region(null, null).category("补能", "充电")));

    List<AlertRule> rules = AlertRules.parse("""
        rules = [
          { name = neg_share, scope = [category_l2, province], metric = negative_share, comparison = above,
            thresholds { warning = 0.3, critical = 0.75 }, min-volume = 4 }
          { name = mood, scope = [category_l1], metric = avg_sentiment, comparison = below,
            thresholds { critical = -0.5 }, min-volume = 3, where { province = [广东] } }
          { name = escalations, scope = [], metric = escalations, comparison = above,
            thresholds { info = 2 }, min-volume = 1 }
        ]""", "test");

    String midnight = DAY.atStartOfDay(ZONE).toInstant().toString();
    assertThat(judged(day, rules)).containsExactlyInAnyOrder(
        row("neg_share", "category_l2=车机死机;province=广东", "critical", 0.8, 0.75, 0.75, midnight),
        row("neg_share", "category_l2=充电;province=广东", "warning", 0.4, 0.3, 0.3, midnight),
        row("mood", "category_l1=车机系统", "critical", -0.6, -0.5, -0.5, midnight),
        row("escalations", "all", "info", 3.0, 2.0, 2.0, midnight));
  }

  @Test
  void theRepositorysRulesCatchTheOtaIncidentAndStayQuietOnANormalDay() throws Exception {
    String path = TestConfigs.repoRoot().resolve("conf/alerts.conf").toString();
    List<AlertRule> rules = AlertRules.parse(Files.readString(java.nio.file.Path.of(path)), path);

    List<EnrichedFixtures.Interaction> normal = normalDay();
    assertThat(judged(normal, rules)).as("a normal day fires nothing").isEmpty();

    List<EnrichedFixtures.Interaction> incident = new ArrayList<>(normal);
    // An OTA push bricks head units in 广东: 60 negative 车机死机 calls, a third escalated.
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    incident.addAll(many(60, "ota", i -> {
      i.category("车机系统", "车机死机").sentiment("neg", -0.8).carModel("星舰7");
      if (n.getAndIncrement() % 3 == 0) {
        i.escalate();
      }
    }));
    List<List<Object>> fired = judged(incident, rules).stream().map(r -> r.subList(0, 3)).toList();
    assertThat(fired).as("the incident fires the head-unit rules as critical for 广东; the dynamic rules have"
            + " no history in a one-day warehouse and stay silent")
        .contains(
            row("head_unit_failure_surge", "category_l2=车机死机;province=广东", "critical"),
            row("head_unit_failure_negative", "category_l2=车机死机;province=广东", "critical"))
        .allSatisfy(alert -> assertThat(alert.get(1).toString()).doesNotContain("浙江"))
        .allSatisfy(alert -> assertThat(rules.stream().filter(r -> r.name().equals(alert.get(0))).findFirst()
            .orElseThrow().dynamic()).as("%s is static", alert.get(0)).isFalse());
  }

  @Test
  void dynamicRulesCompareWithTheSameWindowOfPastSeasonsThatHadData() {
    AlertRule rule = AlertRules.parse("""
        rules = [{ name = hourly, scope = [category_l2], metric = requests, comparison = above, grain = hour,
          baseline { season = week, periods = 4, min-periods = 2 }, thresholds { warning = 3, critical = 6 },
          min-volume = 3 }]""", "test").get(0);
    List<EnrichedFixtures.Interaction> rows = new ArrayList<>();
    // The same Friday 09:00 hour in three past weeks: 4, 4 and 6 requests (week 4 had no data at all).
    int[] past = {4, 4, 6};
    for (int week = 1; week <= past.length; week++) {
      String dt = DAY.minusWeeks(week).toString();
      rows.addAll(many(past[week - 1], "w" + week, i -> i.dt(dt).category("车机系统", "车机死机")));
      rows.add(interaction("other" + week).dt(dt).at(dt + "T14:00:00+08:00").category("补能", "充电"));
    }
    // Today: 30 at 09:00 (expected 4, spread max(1.4826 x 0, sqrt(4)) = 2: critical above 16), 5 at 10:00.
    rows.addAll(many(30, "spike", i -> i.category("车机系统", "车机死机")));
    rows.addAll(many(5, "later", i -> i.at("2026-11-20T10:05:00+08:00").category("车机系统", "车机死机")));

    List<List<Object>> fired = judged(rows, List.of(rule));

    assertThat(fired).as("only 09:00 fires; 10:00 has 0 in each past week, so 5 is above 0 + 3 x 1 as well")
        .containsExactlyInAnyOrder(
            row("hourly", "category_l2=车机死机", "critical", 30.0, 4.0, 16.0, "2026-11-20T01:00:00Z"),
            row("hourly", "category_l2=车机死机", "warning", 5.0, 0.0, 3.0, "2026-11-20T02:00:00Z"));
    Alerts.Judged young = Alerts.judge(EnrichedFixtures.enriched(spark, rows.subList(rows.size() - 35, rows.size())),
        List.of(rule), DAY, ZONE);
    assertThat(young.conditions()).as("no past week had data").isEmpty();
    assertThat(young.noBaseline()).containsEntry("hourly", 2L);
  }

  /** A few hundred ordinary requests across provinces and categories, mostly neutral or positive. */
  static List<EnrichedFixtures.Interaction> normalDay() {
    List<EnrichedFixtures.Interaction> day = new ArrayList<>();
    String[][] categories = {{"车机系统", "车机死机"}, {"车机系统", "OTA升级"}, {"补能", "充电"},
        {"销售", "试驾预约"}, {"售后", "保养预约"}};
    String[][] regions = {{"广东", "广州"}, {"浙江", "杭州"}, {"北京", "北京"}};
    int n = 0;
    for (String[] category : categories) {
      for (String[] region : regions) {
        for (int i = 0; i < 12; i++, n++) {
          String sentiment = i < 3 ? "neg" : i < 8 ? "neu" : "pos";
          double score = i < 3 ? -0.6 : i < 8 ? 0.0 : 0.6;
          EnrichedFixtures.Interaction interaction = interaction("n" + n).oneId("nc" + n)
              .region(region[0], region[1]).category(category[0], category[1]).sentiment(sentiment, score);
          if (i == 0) {
            interaction.escalate();
          }
          day.add(interaction);
        }
      }
    }
    return day;
  }
}
