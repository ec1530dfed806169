package com.voclake.config;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Publishing settings.
 *
 * @param alerts path of the alert rules (HOCON)
 * @param preferenceWindowDays days of product preference's "month" period, the run's date included
 * @param topKeywords keywords kept per request-map row
 * @param page whether publish writes the daily HTML page ({@code publish/summary/dt=.../index.html})
 * @param robots the chat-group robots that receive alert notifications
 */
public record PublishConfig(
    String alerts,
    int preferenceWindowDays,
    int topKeywords,
    boolean page,
    Robots robots) {

  /**
   * Group robots (both off when their URL is empty). The URLs hold the robots' keys and the
   * DingTalk secret is read from the environment variable named here: {@link #toString()} masks
   * the one and never sees the other.
   *
   * @param wecomUrl WeCom (企业微信) group robot webhook
   * @param dingtalkUrl DingTalk (钉钉) robot webhook
   * @param dingtalkSecretEnv environment variable holding the DingTalk robot's signing secret
   *     ({@code SEC...}); when it is unset or empty, messages are sent unsigned
   * @param maxMessagesPerMinute messages one robot may get in a minute; the rest of a run's
   *     notifications go in one digest message
   * @param timeout time one call may take (connect + response)
   * @param retries further attempts after a failed call
   * @param retryBackoff wait before the first retry; doubled for each further one
   */
  public record Robots(String wecomUrl, String dingtalkUrl, String dingtalkSecretEnv, int maxMessagesPerMinute,
      Duration timeout, int retries, Duration retryBackoff) {
    public Robots {
      wecomUrl = checkedUrl("wecom-url", wecomUrl);
      dingtalkUrl = checkedUrl("dingtalk-url", dingtalkUrl);
      if (maxMessagesPerMinute < 1) {
        throw new ConfigException(String.format(
            "Cannot set publish.robots.max-messages-per-minute to %d: the value must be at least 1 (WeCom and"
                + " DingTalk allow 20)", maxMessagesPerMinute));
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new ConfigException(String.format(
            "Cannot set publish.robots.timeout to %s: the value must be a positive duration such as 10s", timeout));
      }
      if (retries < 0 || retries > 10) {
        throw new ConfigException(String.format(
            "Cannot set publish.robots.retries to %d: the value must be from 0 to 10", retries));
      }
      if (retryBackoff == null || retryBackoff.isNegative()) {
        throw new ConfigException(String.format(
            "Cannot set publish.robots.retry-backoff to %s: the value must be a duration of 0 or more", retryBackoff));
      }
    }

    public boolean any() {
      return !wecomUrl.isEmpty() || !dingtalkUrl.isEmpty();
    }

    @Override
    public String toString() {
      return String.format("Robots[wecomUrl=%s, dingtalkUrl=%s, dingtalkSecretEnv=%s, maxMessagesPerMinute=%d,"
              + " timeout=%s, retries=%d, retryBackoff=%s]", masked(wecomUrl), masked(dingtalkUrl), dingtalkSecretEnv,
          maxMessagesPerMinute, timeout, retries, retryBackoff);
    }

    private static String masked(String url) {
      return url.isEmpty() ? "(off)" : maskedUrl(url);
    }

    private static String checkedUrl(String key, String url) {
      String value = url == null ? "" : url.strip();
      if (!value.isEmpty() && !isHttpUrl(value)) {
        throw new ConfigException(String.format(
            "Cannot set publish.robots.%s to %s: the value must be an http(s) URL or empty (off)", key,
            maskedUrl(value)));
      }
      return value;
    }
  }

  static PublishConfig from(Config c, ConfigLoader.PathResolver resolver) {
    Config robots = c.getConfig("robots");
    return new PublishConfig(
        resolver.resolve("voclake.publish.alerts", c.getString("alerts")),
        VoclakeConfig.positive(c, "publish", "preference-window-days"),
        VoclakeConfig.positive(c, "publish", "top-keywords"),
        c.getBoolean("page"),
        new Robots(robots.getString("wecom-url"), robots.getString("dingtalk-url"),
            robots.getString("dingtalk-secret-env"), robots.getInt("max-messages-per-minute"),
            robots.getDuration("timeout"), robots.getInt("retries"), robots.getDuration("retry-backoff")));
  }

  /** The URL without its query, user info or fragment, fit for logs and messages. */
  public static String maskedUrl(String url) {
    try {
      URI uri = new URI(url);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return "(not a URL)";
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
          + path + (uri.getRawQuery() != null ? "?***" : "");
    } catch (URISyntaxException e) {
      return "(not a URL)";
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = new URI(url);
      return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
