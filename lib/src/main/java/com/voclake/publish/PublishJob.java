package com.voclake.publish;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.PublishConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.ParquetPublisher;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.publish.AlertState.Status;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code publish} batch stage: from {@code voc/interactions_enriched} and the CDP, publishes
 * the run date's {@code request_map} (hour grain), {@code request_map_daily}, {@code alerts} and
 * {@code product_preference} as plain Parquet under {@code publish/<name>/dt=<date>/}, advances
 * the alert lifecycle in {@code state/alerts}, notifies the robots, and writes the daily page
 * {@code publish/summary/dt=<date>/index.html}.
 *
 * <p>Idempotent per date: each dataset's partition is replaced as a whole, alert ids are
 * deterministic, the day's state rows are replaced, and a notification recorded as delivered is
 * not sent again. The lifecycle starts from the state as of the start of the date (the latest
 * rows of earlier dates), so rerunning a date recomputes it the same way; dates after it keep the
 * state they computed, so rerun them in order when an earlier date's data changed. A notification
 * is recorded after it was sent: if the run dies in between, a rerun sends it again (at least
 * once). A robot failure is counted, not thrown.
 */
public final class PublishJob {
  private static final Logger LOG = LoggerFactory.getLogger(PublishJob.class);
  public static final String STAGE = "publish";

  private PublishJob() {}

  public static StageResult run(SparkSession spark, RunContext ctx) {
    long start = System.nanoTime();
    PublishConfig config = ctx.config().publish();
    LocalDate day = ctx.date();
    String dt = ctx.dt();
    ZoneId zone = ZoneId.of(ctx.config().run().timeZone());
    List<AlertRule> rules = AlertRules.load(spark, config.alerts());
    RobotNotifier notifier = notifier(config.robots());
    List<ProductPreference.Period> periods = ProductPreference.periods(config.preferenceWindowDays());

    Dataset<Row> enriched = DeltaTables.read(spark, ctx.warehouse().interactionsEnriched(), "enrich");
    Dataset<Row> profile = DeltaTables.read(spark, ctx.warehouse().customerProfile(), "identity");
    Dataset<Row> owners = DeltaTables.read(spark, ctx.warehouse().identityLinks(), "identity")
        .where(col(EnrichedColumns.LINK_ID_TYPE).equalTo(EnrichedColumns.VIN)
            .and(col(EnrichedColumns.LINK_STATUS).equalTo(EnrichedColumns.LINK_ACTIVE)))
        .select(col(EnrichedColumns.LINK_ONE_ID).as(EnrichedColumns.ONE_ID));
    LocalDate first = min(min(Alerts.firstDate(rules, day), ProductPreference.firstDate(day, periods)), day.minusDays(7));
    // Every output reads these dates; a few weeks of an aggregate-sized table.
    Dataset<Row> range = enriched.where(col(EnrichedColumns.DT).between(first.toString(), dt)).persist();
    try {
      Set<String> datesWithData = new TreeSet<>();
      range.select(EnrichedColumns.DT).distinct().collectAsList().forEach(r -> datesWithData.add(r.getString(0)));
      Dataset<Row> ofDay = range.where(col(EnrichedColumns.DT).equalTo(dt));
      long dayRows = ofDay.count();
      if (dayRows == 0) {
        LOG.warn("No enriched interactions for {}: publishing empty request maps", dt);
      }

      Alerts.Judged judged = Alerts.judge(range, rules, day, zone);
      AlertStateStore store = new AlertStateStore(spark, ctx.warehouse().alertState());
      AlertDay.Result alerting = AlertDay.evaluate(store.openAt(day), judged.conditions(),
          rules.stream().collect(Collectors.toMap(AlertRule::name, Function.identity())), day, zone);

      Map<String, Dataset<Row>> outputs = new LinkedHashMap<>();
      outputs.put(PublishedSchemas.REQUEST_MAP, RequestMap.build(range, day, true, config.topKeywords(), datesWithData));
      outputs.put(PublishedSchemas.REQUEST_MAP_DAILY,
          RequestMap.build(range, day, false, config.topKeywords(), datesWithData));
      outputs.put(PublishedSchemas.ALERTS, Alerts.rows(spark, alerting.episodes(), zone));
      outputs.put(PublishedSchemas.PRODUCT_PREFERENCE, ProductPreference.build(range, profile, owners, day, periods));
      Map<String, Long> published = publish(spark, ctx, outputs);

      Set<String> recordedOnDay = store.deliveredOn(day);
      RobotNotifier.Delivery delivery = notifier.send(alerting.notifications(),
          alreadyDelivered(recordedOnDay, alerting.episodes()), dt, zone);
      List<AlertState> episodes = recordDeliveries(alerting, recordedOnDay, delivery, notifier);
      store.replace(day, AlertStateSchema.BATCH, episodes, ctx.runId());
      List<AlertState> shown = Alerts.firedOrFiring(episodes);
      for (AlertState alert : shown) {
        LOG.info("Alert {} {} {} {} {}={} (expected {}, threshold {})", alert.severity().configName(),
            alert.status().configName(), alert.rule(), alert.scope(), alert.metric(),
            AlertMessages.number(alert.observed()), AlertMessages.number(alert.expected()),
            AlertMessages.number(alert.threshold()));
      }
      if (config.page()) {
        writePage(spark, ctx, ofDay.select(EnrichedColumns.ONE_ID).distinct().count(), shown, judged.noBaseline());
      }

      Map<String, Long> figures = new LinkedHashMap<>();
      figures.put("request_map_rows", published.get(PublishedSchemas.REQUEST_MAP));
      figures.put("request_map_daily_rows", published.get(PublishedSchemas.REQUEST_MAP_DAILY));
      figures.put("alerts", published.get(PublishedSchemas.ALERTS));
      figures.put("alerts_firing", episodes.stream().filter(a -> a.status() == Status.FIRING).count());
      figures.put("alerts_critical", shown.stream().filter(a -> a.severity() == AlertRule.Severity.CRITICAL).count());
      figures.put("notifications", (long) alerting.notifications().size());
      figures.put("robot_messages", (long) delivery.messages());
      figures.put("robot_failures", (long) delivery.failures());
      figures.put("preference_rows", published.get(PublishedSchemas.PRODUCT_PREFERENCE));
      long out = published.values().stream().mapToLong(Long::longValue).sum();
      StageResult result = new StageResult(STAGE, dayRows, out, 0, (System.nanoTime() - start) / 1e9, figures);
      LOG.info("{}", result.summary());
      return result;
    } finally {
      range.unpersist();
    }
  }

  /** Conforms, checks for PII and publishes each output; returns rows published per dataset. */
  private static Map<String, Long> publish(SparkSession spark, RunContext ctx, Map<String, Dataset<Row>> outputs) {
    Map<String, Long> published = new LinkedHashMap<>();
    for (Map.Entry<String, Dataset<Row>> output : outputs.entrySet()) {
      String name = output.getKey();
      Dataset<Row> rows = PublishedSchemas.conform(output.getValue(), name).persist();
      try {
        PublishedPii.requireClean(rows, name);
        published.put(name, ParquetPublisher.replacePartition(spark, ctx.warehouse(), name, rows, ctx.dt(), ctx.runId()));
      } finally {
        rows.unpersist();
      }
    }
    return published;
  }

  /** The robots of the configuration; the DingTalk secret comes from the environment. */
  public static RobotNotifier notifier(PublishConfig.Robots config) {
    List<Robot> robots = new ArrayList<>();
    if (!config.wecomUrl().isEmpty()) {
      robots.add(new Robot(Robot.Type.WECOM, URI.create(config.wecomUrl()), null));
    }
    if (!config.dingtalkUrl().isEmpty()) {
      robots.add(new Robot(Robot.Type.DINGTALK, URI.create(config.dingtalkUrl()),
          System.getenv(config.dingtalkSecretEnv())));
    }
    return new RobotNotifier(robots, config.maxMessagesPerMinute(), config.timeout(), config.retries(),
        config.retryBackoff());
  }

  private static Set<String> alreadyDelivered(Set<String> recordedOnDay, List<AlertState> episodes) {
    Set<String> out = new HashSet<>(recordedOnDay);
    episodes.forEach(e -> out.addAll(e.notified()));
    return out;
  }

  /** The day's episodes with every delivery of their notifications recorded, earlier runs' included. */
  private static List<AlertState> recordDeliveries(AlertDay.Result alerting, Set<String> recordedOnDay,
      RobotNotifier.Delivery delivery, RobotNotifier notifier) {
    Map<String, Set<String>> byAlert = new HashMap<>();
    for (Notification n : alerting.notifications()) {
      for (String id : notifier.deliveryIds(n)) {
        if (recordedOnDay.contains(id) || delivery.delivered().contains(id)) {
          byAlert.computeIfAbsent(n.alert().alertId(), a -> new HashSet<>()).add(id);
        }
      }
    }
    return alerting.episodes().stream()
        .map(e -> e.withNotified(byAlert.getOrDefault(e.alertId(), Set.of())))
        .toList();
  }

  private static void writePage(SparkSession spark, RunContext ctx, long customers, List<AlertState> alerts,
      Map<String, Long> silentRules) {
    String dt = ctx.dt();
    SummaryPage.Data data = SummaryPage.collect(dt, readPublished(spark, ctx, PublishedSchemas.REQUEST_MAP_DAILY),
        readPublished(spark, ctx, PublishedSchemas.REQUEST_MAP),
        readPublished(spark, ctx, PublishedSchemas.PRODUCT_PREFERENCE), customers, alerts, silentRules);
    ParquetPublisher.replacePartitionFile(spark, ctx.warehouse(), SummaryPage.NAME, dt, SummaryPage.FILE,
        SummaryPage.render(data, ZoneId.of(ctx.config().run().timeZone())), ctx.runId());
  }

  private static Dataset<Row> readPublished(SparkSession spark, RunContext ctx, String name) {
    return spark.read().parquet(ctx.warehouse().published(name) + "/dt=" + ctx.dt());
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
