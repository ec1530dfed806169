package com.voclake.publish;

import static com.voclake.publish.EnrichedFixtures.interaction;
import static com.voclake.publish.EnrichedFixtures.many;
import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class AlertsTest {
  private static final String DT = "2026-11-20";
  private final SparkSession spark;

  AlertsTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void firesTheMostSevereLevelCrossedOnlyForGroupsWithEnoughVolume() {
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

    Dataset<Row> alerts = Alerts.evaluate(EnrichedFixtures.enriched(spark, day), rules, DT);

    assertThat(alerts.columns()).containsExactly(PublishedSchemas.ALERTS_SCHEMA.fieldNames());
    assertThat(Rows.of(alerts, "rule", "scope", "window", "metric", "round(observed, 4)", "expected",
        "threshold", "severity", "alert_id"))
        .containsExactlyInAnyOrder(
            row("neg_share", "category_l2=车机死机;province=广东", "P1D", "negative_share", 0.8, null, 0.75,
                "critical", id("neg_share", "category_l2=车机死机;province=广东")),
            row("neg_share", "category_l2=充电;province=广东", "P1D", "negative_share", 0.4, null, 0.3,
                "warning", id("neg_share", "category_l2=充电;province=广东")),
            row("mood", "category_l1=车机系统", "P1D", "avg_sentiment", -0.6, null, -0.5,
                "critical", id("mood", "category_l1=车机系统")),
            row("escalations", "all", "P1D", "escalations", 3.0, null, 2.0,
                "info", id("escalations", "all")));
  }

  @Test
  void theRepositorysRulesCatchTheOtaIncidentAndStayQuietOnANormalDay() throws Exception {
    String path = TestConfigs.repoRoot().resolve("conf/alerts.conf").toString();
    List<AlertRule> rules = AlertRules.parse(Files.readString(java.nio.file.Path.of(path)), path);

    List<EnrichedFixtures.Interaction> normal = normalDay();
    assertThat(Rows.of(Alerts.evaluate(EnrichedFixtures.enriched(spark, normal), rules, DT), "rule", "scope"))
        .as("a normal day fires nothing").isEmpty();

    List<EnrichedFixtures.Interaction> incident = new ArrayList<>(normal);
    // An OTA push bricks head units in 广东: 60 negative 车机死机 calls, a third escalated.
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    incident.addAll(many(60, "ota", i -> {
      i.category("车机系统", "车机死机").sentiment("neg", -0.8).carModel("星舰7");
      if (n.getAndIncrement() % 3 == 0) {
        i.escalate();
      }
    }));
    List<List<Object>> fired = Rows.of(Alerts.evaluate(EnrichedFixtures.enriched(spark, incident), rules, DT),
        "rule", "scope", "severity");
    assertThat(fired).as("the incident fires the head-unit rules as critical for 广东")
        .contains(
            row("head_unit_failure_surge", "category_l2=车机死机;province=广东", "critical"),
            row("head_unit_failure_negative", "category_l2=车机死机;province=广东", "critical"))
        .allSatisfy(alert -> assertThat(alert.get(1).toString()).doesNotContain("浙江"));
  }

  /** A few hundred ordinary requests across provinces and categories, mostly neutral or positive. */
  private static List<EnrichedFixtures.Interaction> normalDay() {
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

  private static String id(String rule, String scope) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest((rule + "|" + scope + "|P1D|" + DT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
