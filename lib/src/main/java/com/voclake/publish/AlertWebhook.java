package com.voclake.publish;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.voclake.config.PublishConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert sink for a chat group robot: posts one text message per run to a WeCom (企业微信) or
 * DingTalk (钉钉) robot webhook. Both accept {@code {"msgtype":"text","text":{"content":...}}} and
 * answer {@code {"errcode":0,...}} on success.
 *
 * <p>Delivery is best effort: a failure (connection, timeout, HTTP status, non-zero errcode) is
 * logged with the URL masked and counted, and never fails the run; the alerts table remains the
 * record. The message holds rule names, scopes, metrics and numbers only. Thread-safe.
 */
public final class AlertWebhook {
  private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
  /** WeCom caps a text message at 2048 bytes; stay below it with room for the JSON envelope. */
  static final int MAX_CONTENT_BYTES = 1800;
  private static final Pattern ERRCODE = Pattern.compile("\"errcode\"\\s*:\\s*(-?\\d+)");

  private final URI url;
  private final String maskedUrl;
  private final Duration timeout;
  private final HttpClient client;

  public AlertWebhook(String url, Duration timeout) {
    this.url = URI.create(url);
    this.maskedUrl = PublishConfig.maskedUrl(url);
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** Posts the alerts of date {@code dt}; returns the number of failed deliveries (0 or 1). */
  public int send(String dt, List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return 0;
    }
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(payload(message(dt, alerts)), StandardCharsets.UTF_8))
        .build();
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String body = response.body() == null ? "" : response.body();
      Matcher errcode = ERRCODE.matcher(body);
      if (response.statusCode() / 100 != 2) {
        LOG.warn("Alert webhook {} answered HTTP {}; {} alerts not delivered there (they are in the alerts table)",
            maskedUrl, response.statusCode(), alerts.size());
        return 1;
      }
      if (errcode.find() && !"0".equals(errcode.group(1))) {
        LOG.warn("Alert webhook {} refused the message with errcode {}; {} alerts not delivered there",
            maskedUrl, errcode.group(1), alerts.size());
        return 1;
      }
      LOG.info("Sent {} alerts to webhook {} in {} ms", alerts.size(), maskedUrl,
          (System.nanoTime() - start) / 1_000_000);
      return 0;
    } catch (IOException e) {
      LOG.warn("Alert webhook {} failed ({}: {}); {} alerts not delivered there", maskedUrl,
          e.getClass().getSimpleName(), e.getMessage(), alerts.size());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Alert webhook {} interrupted; {} alerts not delivered there", maskedUrl, alerts.size());
      return 1;
    }
  }

  /**
   * The text of the message: a summary line, then the alerts, most severe first, as many as fit
   * in {@link #MAX_CONTENT_BYTES}. Starts with "VOCLake" (a DingTalk robot's keyword guard).
   */
  static String message(String dt, List<Alert> alerts) {
    List<Alert> sorted = new ArrayList<>(alerts);
    sorted.sort(Comparator.comparingInt(Alert::severityRank).reversed()
        .thenComparing(Alert::rule).thenComparing(Alert::scope));
    long critical = alerts.stream().filter(a -> "critical".equals(a.severity())).count();
    long warning = alerts.stream().filter(a -> "warning".equals(a.severity())).count();
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "VOCLake alerts %s: %d critical, %d warning, %d in total", dt, critical, warning, alerts.size()));
    int shown = 0;
    for (Alert alert : sorted) {
      String line = String.format(Locale.ROOT, "\n[%s] %s %s: %s %s %s %s", alert.severity(),
          alert.rule(), alert.scope(), alert.metric(), number(alert.observed()),
          alert.observed() < alert.threshold() ? "<" : ">",
          number(alert.threshold()));
      String more = String.format(Locale.ROOT, "\n... and %d more in publish/alerts dt=%s",
          sorted.size() - shown, dt);
      if (utf8Length(text) + utf8Length(line) + utf8Length(more) > MAX_CONTENT_BYTES) {
        text.append(more);
        return text.toString();
      }
      text.append(line);
      shown++;
    }
    return text.toString();
  }

  /** The robot's JSON body for a text message. */
  static String payload(String content) {
    return "{\"msgtype\":\"text\",\"text\":{\"content\":\"" + jsonEscape(content) + "\"}}";
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  private static int utf8Length(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  private static String jsonEscape(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(text));
  }
}
