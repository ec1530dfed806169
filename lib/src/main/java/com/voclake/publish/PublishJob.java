package com.voclake.publish;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.PublishConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.ParquetPublisher;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code publish} batch stage: from {@code voc/interactions_enriched} and
 * {@code cdp/customer_profile}, publishes the run date's {@code request_map}, {@code alerts} and
 * {@code product_preference} as plain Parquet under {@code publish/<name>/dt=<date>/}, and sends
 * the alerts to the webhook when one is configured.
 *
 * <p>Idempotent per date: each dataset's partition is replaced as a whole, alert ids are
 * deterministic, and other dates are left untouched. A webhook failure is counted, not thrown.
 */
public final class PublishJob {
  private static final Logger LOG = LoggerFactory.getLogger(PublishJob.class);
  public static final String STAGE = "publish";

  private PublishJob() {}

  public static StageResult run(SparkSession spark, RunContext ctx) {
    long start = System.nanoTime();
    PublishConfig config = ctx.config().publish();
    String dt = ctx.dt();
    List<AlertRule> rules = AlertRules.load(spark, config.alerts());

    Dataset<Row> enriched = DeltaTables.read(spark, ctx.warehouse().interactionsEnriched(), "enrich");
    Dataset<Row> profile = DeltaTables.read(spark, ctx.warehouse().customerProfile(), "identity");
    // Several aggregations read the day; it is one partition of an aggregate-sized table.
    Dataset<Row> day = enriched.where(col(EnrichedColumns.DT).equalTo(dt)).persist();
    try {
      long dayRows = day.count();
      if (dayRows == 0) {
        LOG.warn("No enriched interactions for {}: publishing empty request_map and alerts", dt);
      }

      LocalDate windowStart = ProductPreference.windowStart(ctx.date(), config.preferenceWindowDays());
      Dataset<Row> window = enriched.where(col(EnrichedColumns.DT).between(windowStart.toString(), dt));

      Map<String, Dataset<Row>> outputs = new LinkedHashMap<>();
      outputs.put(PublishedSchemas.REQUEST_MAP, RequestMap.build(day, config.topKeywords()));
      outputs.put(PublishedSchemas.ALERTS, Alerts.evaluate(day, rules, dt));
      outputs.put(PublishedSchemas.PRODUCT_PREFERENCE, ProductPreference.build(window, profile,
          ProductPreference.period(ctx.date(), config.preferenceWindowDays())));

      Map<String, Long> published = new LinkedHashMap<>();
      for (Map.Entry<String, Dataset<Row>> output : outputs.entrySet()) {
        String name = output.getKey();
        Dataset<Row> rows = PublishedSchemas.conform(output.getValue(), name).persist();
        try {
          PublishedPii.requireClean(rows, name);
          published.put(name, ParquetPublisher.replacePartition(
              spark, ctx.warehouse(), name, rows, dt, ctx.runId()));
        } finally {
          rows.unpersist();
        }
      }

      List<Alert> alerts = spark.read().parquet(ctx.warehouse().published(PublishedSchemas.ALERTS) + "/dt=" + dt)
          .collectAsList().stream().map(Alert::fromRow).toList();
      long critical = alerts.stream()
          .filter(a -> AlertRule.Severity.CRITICAL.configName().equals(a.severity())).count();
      int webhookFailures = 0;
      if (config.alertWebhookEnabled()) {
        webhookFailures = new AlertWebhook(config.alertWebhookUrl(), config.alertWebhookTimeout())
            .send(dt, alerts);
      }
      for (Alert alert : alerts) {
        LOG.info("Alert {} {} {} {}={} (threshold {})", alert.severity(), alert.rule(), alert.scope(),
            alert.metric(), alert.observed(), alert.threshold());
      }

      long out = published.values().stream().mapToLong(Long::longValue).sum();
      Map<String, Long> figures = new LinkedHashMap<>();
      figures.put("request_map_rows", published.get(PublishedSchemas.REQUEST_MAP));
      figures.put("alerts", published.get(PublishedSchemas.ALERTS));
      figures.put("alerts_critical", critical);
      figures.put("preference_rows", published.get(PublishedSchemas.PRODUCT_PREFERENCE));
      figures.put("webhook_failures", (long) webhookFailures);
      StageResult result = new StageResult(STAGE, dayRows, out, 0,
          (System.nanoTime() - start) / 1e9, figures);
      LOG.info("{}", result.summary());
      return result;
    } finally {
      day.unpersist();
    }
  }
}
