package com.voclake.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.voclake.publish.AlertState.Status;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The daily HTML page ({@code publish/summary/dt=.../index.html}): top request categories and
 * their change, the hour profile, alerts with their state and baseline, rising product features
 * and escalations. One self-contained file (inline CSS and SVG charts, no script, nothing
 * fetched), readable from a file share or an e-mail attachment. Built from the day's published
 * frames; holds aggregates only, like them.
 */
public final class SummaryPage {
  /** The published name of the page's folder. */
  public static final String NAME = "summary";
  public static final String FILE = "index.html";
  private static final int TOP = 10;

  private SummaryPage() {}

  /** A request category of the day. */
  public record Category(String l1, String l2, long requests, Long previousDay, Long lastWeek, double negativeShare,
      long escalations) {}

  /** A product feature whose share of voice among all customers rose against the week before. */
  public record Feature(String feature, long mentions, double shareOfVoice, Double previousShare, double netSentiment) {}

  /** Escalations of one province. */
  public record Escalations(String province, long escalations, long requests) {}

  /** Everything the page shows. */
  public record Data(String dt, long requests, long customers, List<Category> categories, long[] hours,
      List<AlertState> alerts, Map<String, Long> silentRules, List<Feature> risingFeatures,
      List<Escalations> escalations) {}

  /**
   * Collects the page's figures (small) from the day's frames.
   *
   * @param daily rows of {@code request_map_daily} for the day
   * @param hourly rows of {@code request_map} for the day
   * @param preference rows of {@code product_preference} for the day
   * @param customers distinct customers of the day
   */
  public static Data collect(String dt, Dataset<Row> daily, Dataset<Row> hourly, Dataset<Row> preference,
      long customers, List<AlertState> alerts, Map<String, Long> silentRules) {
    List<Category> categories = new ArrayList<>();
    long requests = 0;
    for (Row r : daily.groupBy(PublishedSchemas.CATEGORY_L1, PublishedSchemas.CATEGORY_L2).agg(
            sum(PublishedSchemas.REQUESTS).as("r"), sum(PublishedSchemas.REQUESTS_PREVIOUS_DAY).as("p"),
            sum(PublishedSchemas.REQUESTS_LAST_WEEK).as("w"),
            sum(col(PublishedSchemas.NEGATIVE_SHARE).multiply(col(PublishedSchemas.REQUESTS))).as("n"),
            sum(PublishedSchemas.ESCALATIONS).as("e"))
        .orderBy(desc("r"), col(PublishedSchemas.CATEGORY_L2)).collectAsList()) {
      long n = r.getLong(2);
      requests += n;
      if (categories.size() < TOP) {
        categories.add(new Category(r.getString(0), r.getString(1), n, r.isNullAt(3) ? null : r.getLong(3),
            r.isNullAt(4) ? null : r.getLong(4), r.getDouble(5) / n, r.getLong(6)));
      }
    }
    long[] hours = new long[24];
    for (Row r : hourly.where(col(PublishedSchemas.HOUR).isNotNull()).groupBy(PublishedSchemas.HOUR)
        .agg(sum(PublishedSchemas.REQUESTS)).collectAsList()) {
      hours[r.getInt(0)] = r.getLong(1);
    }
    List<Feature> features = new ArrayList<>();
    for (Row r : preference.where(col(PublishedSchemas.PERIOD_TYPE).equalTo("week")
            .and(col(PublishedSchemas.SEGMENT_TYPE).equalTo(ProductPreference.SEGMENT_ALL)))
        .withColumn("rise", col(PublishedSchemas.SHARE_OF_VOICE)
            .minus(when(col(PublishedSchemas.PREVIOUS_SHARE_OF_VOICE).isNull(), lit(0.0))
                .otherwise(col(PublishedSchemas.PREVIOUS_SHARE_OF_VOICE))))
        .where(col("rise").gt(0)).orderBy(desc("rise"), col(PublishedSchemas.FEATURE)).limit(TOP)
        .select(PublishedSchemas.FEATURE, PublishedSchemas.MENTIONS, PublishedSchemas.SHARE_OF_VOICE,
            PublishedSchemas.PREVIOUS_SHARE_OF_VOICE, PublishedSchemas.NET_SENTIMENT).collectAsList()) {
      features.add(new Feature(r.getString(0), r.getLong(1), r.getDouble(2), r.isNullAt(3) ? null : r.getDouble(3),
          r.getDouble(4)));
    }
    List<Escalations> escalations = new ArrayList<>();
    for (Row r : daily.groupBy(PublishedSchemas.PROVINCE).agg(sum(PublishedSchemas.ESCALATIONS).as("e"),
            sum(PublishedSchemas.REQUESTS).as("r"))
        .where(col("e").gt(0)).orderBy(desc("e"), col(PublishedSchemas.PROVINCE)).limit(TOP).collectAsList()) {
      escalations.add(new Escalations(r.getString(0), r.getLong(1), r.getLong(2)));
    }
    return new Data(dt, requests, customers, categories, hours, alerts, silentRules, features, escalations);
  }

  /** The page's HTML. Pure. */
  public static String render(Data data, ZoneId zone) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>VOCLake ").append(data.dt()).append("</title>\n<style>\n").append(CSS).append("</style>\n")
        .append("</head>\n<body>\n");
    html.append("<h1>VOCLake 每日概览 · ").append(data.dt()).append("</h1>\n");
    html.append(String.format(Locale.ROOT, "<p class=\"totals\"><span id=\"total-requests\">%d</span> requests ·"
        + " <span id=\"total-customers\">%d</span> customers · <span id=\"total-alerts\">%d</span> alerts</p>%n",
        data.requests(), data.customers(), data.alerts().stream().filter(a -> a.status() == Status.FIRING).count()));
    alerts(html, data, zone);
    categories(html, data);
    hours(html, data.hours());
    features(html, data.risingFeatures());
    escalations(html, data.escalations());
    html.append("<footer>Published by VOCLake publish for ").append(data.dt())
        .append(". Figures are aggregates; the Parquet beside this page holds every row.</footer>\n");
    return html.append("</body>\n</html>\n").toString();
  }

  private static void alerts(StringBuilder html, Data data, ZoneId zone) {
    html.append("<section id=\"alerts\">\n<h2>告警 Alerts</h2>\n");
    if (data.alerts().isEmpty()) {
      html.append("<p class=\"empty\">No alert fired.</p>\n");
    } else {
      html.append("<table>\n<tr><th>severity</th><th>state</th><th>rule</th><th>scope</th><th>metric</th>"
          + "<th>observed</th><th>expected</th><th>threshold</th><th>band</th><th>since</th></tr>\n");
      for (AlertState a : data.alerts()) {
        html.append(String.format(Locale.ROOT, "<tr class=\"alert %s\" data-state=\"%s\" data-severity=\"%s\">"
                + "<td>%s</td><td>%s%s</td><td>%s <small>(%s)</small></td><td>%s</td><td>%s</td><td>%s</td>"
                + "<td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
            a.severity().configName(), a.status().configName(), a.severity().configName(), a.severity().configName(),
            a.status().configName(), a.inhibited() ? " (inhibited)" : "", escape(a.rule()), a.kind(),
            escape(a.scope()), a.metric(), AlertMessages.number(a.observed()), AlertMessages.number(a.expected()),
            AlertMessages.number(a.threshold()), band(a), Alerts.iso(a.activeSince(), zone)));
      }
      html.append("</table>\n");
    }
    for (Map.Entry<String, Long> silent : data.silentRules().entrySet()) {
      html.append(String.format(Locale.ROOT, "<p class=\"silent\">Rule %s stayed silent: no baseline yet"
          + " (windows without enough history: %d).</p>%n", escape(silent.getKey()), silent.getValue()));
    }
    html.append("</section>\n");
  }

  /** A small SVG: the expected value, the threshold and the observed value on one scale. */
  private static String band(AlertState a) {
    double max = Math.max(Math.max(Math.abs(a.observed()), Math.abs(a.expected())), Math.abs(a.threshold()));
    double scale = max == 0 ? 0 : 110 / max;
    double low = Math.min(a.expected(), a.threshold());
    double high = Math.max(a.expected(), a.threshold());
    return String.format(Locale.ROOT, "<svg class=\"band\" width=\"120\" height=\"14\" role=\"img\">"
            + "<rect x=\"%.1f\" y=\"3\" width=\"%.1f\" height=\"8\" fill=\"#cfe3f7\"/>"
            + "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"14\" stroke=\"#1f5f99\"/>"
            + "<circle class=\"observed\" cx=\"%.1f\" cy=\"7\" r=\"4\" fill=\"#c0392b\"/></svg>",
        5 + Math.abs(low) * scale, Math.max(1, (high - low) * scale), 5 + Math.abs(a.expected()) * scale,
        5 + Math.abs(a.expected()) * scale, 5 + Math.abs(a.observed()) * scale);
  }

  private static void categories(StringBuilder html, Data data) {
    html.append("<section id=\"categories\">\n<h2>请求类别 Top categories</h2>\n");
    long max = data.categories().stream().mapToLong(Category::requests).max().orElse(1);
    int row = 22;
    html.append(String.format(Locale.ROOT, "<svg class=\"chart\" width=\"640\" height=\"%d\" role=\"img\">%n",
        row * data.categories().size() + 4));
    for (int i = 0; i < data.categories().size(); i++) {
      Category c = data.categories().get(i);
      double width = 360.0 * c.requests() / max;
      html.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text><rect class=\"bar\" x=\"170\" y=\"%d\""
              + " width=\"%.1f\" height=\"16\" fill=\"#3b7dd8\"/><text x=\"%.1f\" y=\"%d\">%d %s</text>%n",
          i * row + 15, escape(c.l2()), i * row + 3, width, 175 + width, i * row + 15, c.requests(),
          change(c.requests(), c.previousDay())));
    }
    html.append("</svg>\n<table>\n<tr><th>category</th><th>requests</th><th>vs previous day</th>"
        + "<th>vs same weekday last week</th><th>negative share</th><th>escalations</th></tr>\n");
    for (Category c : data.categories()) {
      html.append(String.format(Locale.ROOT, "<tr class=\"category\"><td>%s / %s</td><td>%d</td><td>%s</td>"
              + "<td>%s</td><td>%.0f%%</td><td>%d</td></tr>%n", escape(c.l1()), escape(c.l2()), c.requests(),
          change(c.requests(), c.previousDay()), change(c.requests(), c.lastWeek()), 100 * c.negativeShare(),
          c.escalations()));
    }
    html.append("</table>\n</section>\n");
  }

  private static void hours(StringBuilder html, long[] hours) {
    html.append("<section id=\"hours\">\n<h2>每小时请求 Requests by hour</h2>\n")
        .append("<svg class=\"chart\" width=\"640\" height=\"140\" role=\"img\">\n");
    long max = 1;
    for (long h : hours) {
      max = Math.max(max, h);
    }
    for (int h = 0; h < 24; h++) {
      double height = 110.0 * hours[h] / max;
      html.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"20\" height=\"%.1f\""
          + " fill=\"#2e8b57\"><title>%02d:00 %d</title></rect>", h * 26 + 4, 115 - height, height, h, hours[h]));
      if (h % 3 == 0) {
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"132\">%02d</text>", h * 26 + 6, h));
      }
      html.append('\n');
    }
    html.append("</svg>\n</section>\n");
  }

  private static void features(StringBuilder html, List<Feature> features) {
    html.append("<section id=\"features\">\n<h2>上升的产品特性 Rising features (7 days vs the 7 before)</h2>\n");
    if (features.isEmpty()) {
      html.append("<p class=\"empty\">No feature gained share of voice.</p>\n</section>\n");
      return;
    }
    html.append("<table>\n<tr><th>feature</th><th>mentions</th><th>share of voice</th><th>before</th>"
        + "<th>net sentiment</th></tr>\n");
    for (Feature f : features) {
      html.append(String.format(Locale.ROOT, "<tr class=\"feature\"><td>%s</td><td>%d</td><td>%.1f%%</td><td>%s</td>"
              + "<td>%+.2f</td></tr>%n", escape(f.feature()), f.mentions(), 100 * f.shareOfVoice(),
          f.previousShare() == null ? "new" : String.format(Locale.ROOT, "%.1f%%", 100 * f.previousShare()),
          f.netSentiment()));
    }
    html.append("</table>\n</section>\n");
  }

  private static void escalations(StringBuilder html, List<Escalations> escalations) {
    html.append("<section id=\"escalations\">\n<h2>升级 Escalations</h2>\n");
    if (escalations.isEmpty()) {
      html.append("<p class=\"empty\">No conversation was escalated.</p>\n</section>\n");
      return;
    }
    html.append("<table>\n<tr><th>province</th><th>escalations</th><th>of requests</th></tr>\n");
    for (Escalations e : escalations) {
      html.append(String.format(Locale.ROOT, "<tr class=\"escalation\"><td>%s</td><td>%d</td><td>%d</td></tr>%n",
          escape(e.province()), e.escalations(), e.requests()));
    }
    html.append("</table>\n</section>\n");
  }

  /** {@code +12%} against an earlier count; {@code new} when it was 0, {@code n/a} without data. */
  static String change(long now, Long before) {
    if (before == null) {
      return "n/a";
    }
    if (before == 0) {
      return now == 0 ? "0%" : "new";
    }
    return String.format(Locale.ROOT, "%+.0f%%", 100.0 * (now - before) / before);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static final String CSS = """
      body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
             margin: 24px; color: #222; max-width: 1100px; }
      h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; }
      table { border-collapse: collapse; font-size: 13px; margin-top: 8px; }
      th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
      tr.critical td:first-child { background: #c0392b; color: #fff; }
      tr.warning td:first-child { background: #e67e22; color: #fff; }
      tr.info td:first-child { background: #7f8c8d; color: #fff; }
      svg.chart text { font-size: 12px; }
      .totals { font-size: 15px; } .silent, .empty, footer { color: #777; font-size: 12px; }
      """;
}
