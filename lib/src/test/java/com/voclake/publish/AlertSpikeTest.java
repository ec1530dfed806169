package com.voclake.publish;

import static com.voclake.publish.EnrichedFixtures.many;
import static com.voclake.publish.EnrichedFixtures.profile;
import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.ConfigLoader;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.DeltaTables;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A planted spike through the whole publish stage and its state table: five times the usual
 * 车机死机 complaints in one city for one day fire one critical alert, with one notification, and
 * the alert resolves the day after, with one more.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class AlertSpikeTest {
  private static final LocalDate FIRST = LocalDate.parse("2026-11-10");
  private static final LocalDate SPIKE = LocalDate.parse("2026-11-16");
  private static final int USUAL = 8;

  private final SparkSession spark;
  private LocalRobot robot;

  AlertSpikeTest(SparkSession spark) {
    this.spark = spark;
  }

  @AfterEach
  void stopRobot() {
    if (robot != null) {
      robot.close();
    }
  }

  @Test
  void aFiveFoldSpikeInOneCityFiresOnceCriticalAndResolvesWhenItIsOver(@TempDir Path tmp) throws Exception {
    String warehouse = tmp.resolve("wh").toString();
    List<EnrichedFixtures.Interaction> rows = new ArrayList<>();
    for (LocalDate day = FIRST; !day.isAfter(SPIKE.plusDays(1)); day = day.plusDays(1)) {
      String dt = day.toString();
      int headUnit = day.equals(SPIKE) ? 5 * USUAL : USUAL;
      rows.addAll(many(headUnit, "gz-" + dt, i -> i.dt(dt).category("智能座舱", "车机死机").sentiment("neg", -0.6)));
      rows.addAll(many(USUAL, "sz-" + dt, i -> i.dt(dt).region("广东", "深圳").category("智能座舱", "车机死机")));
      rows.addAll(many(12, "ch-" + dt, i -> i.dt(dt).category("补能", "充电")));
    }
    DeltaTables.overwrite(EnrichedFixtures.enriched(spark, rows), warehouse + "/voc/interactions_enriched", "dt");
    DeltaTables.overwrite(EnrichedFixtures.profiles(spark, profile("c1", "星舰7", "一线", "25-34")),
        warehouse + "/cdp/customer_profile");
    PublishJobTest.writeLinks(spark, warehouse, "c1");
    Path rules = tmp.resolve("alerts.conf");
    Files.writeString(rules, """
        rules = [{
          name = city_surge, scope = [category_l2, city], metric = requests, comparison = above,
          baseline { season = day, periods = 6, min-periods = 4 }
          thresholds { warning = 4, critical = 8 }, min-volume = 10
        }]
        """);
    VoclakeConfig config = ConfigLoader.load(TestConfigs.repoRoot().resolve("conf/local.conf").toString(), Map.of(
        "voclake.paths.input", tmp.toString(), "voclake.paths.warehouse", warehouse,
        "voclake.publish.alerts", rules.toString(), "voclake.publish.page", "false",
        "voclake.publish.robots.wecom-url", startRobot()));

    StageResult spike = publish(config, SPIKE);
    StageResult rerun = publish(config, SPIKE);
    StageResult after = publish(config, SPIKE.plusDays(1));

    // Expected 8 a day, spread sqrt(8) = 2.83: critical above 8 + 8 x 2.83 = 30.6; 40 crosses it.
    assertThat(Rows.of(alerts(warehouse, SPIKE), "rule", "scope", "severity", "state", "observed", "expected",
        "round(threshold, 2)"))
        .as("深圳 kept its usual 8 and stays quiet")
        .containsExactly(row("city_surge", "category_l2=车机死机;city=广州", "critical", "firing", 40.0, 8.0, 30.63));
    assertThat(rerun.figures()).containsEntry("robot_messages", 0L);
    assertThat(Rows.of(alerts(warehouse, SPIKE.plusDays(1)), "scope", "state", "resolved_at", "alert_id"))
        .containsExactly(row("category_l2=车机死机;city=广州", "resolved", "2026-11-18T00:00:00+08:00",
            Rows.of(alerts(warehouse, SPIKE), "alert_id").get(0).get(0)));
    assertThat(spike.figures()).containsEntry("robot_messages", 1L);
    assertThat(after.figures()).containsEntry("robot_messages", 1L);
    assertThat(robot.messages()).as("one message when it fired, one when it resolved, none on the rerun").hasSize(2);
    assertThat(robot.messages().get(0)).contains("[CRITICAL] firing: category_l2=车机死机;city=广州");
    assertThat(robot.messages().get(1)).contains("resolved: category_l2=车机死机;city=广州");
  }

  private StageResult publish(VoclakeConfig config, LocalDate day) {
    return PublishJob.run(spark, RunContext.start("publish", day, config));
  }

  private org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> alerts(String warehouse, LocalDate day) {
    return spark.read().parquet(warehouse + "/publish/alerts/dt=" + day);
  }

  private String startRobot() throws java.io.IOException {
    robot = new LocalRobot();
    return robot.url();
  }

}
