package com.voclake.config;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Publishing settings.
 *
 * @param alerts path of the static alert rules (HOCON)
 * @param preferenceWindowDays days that product preference looks back, the run's date included
 * @param topKeywords keywords kept per request-map row
 * @param alertWebhookUrl group-robot webhook that receives alerts; empty when off. A secret (it
 *     holds the robot's key): {@link #toString()} masks it
 * @param alertWebhookTimeout time one webhook call may take before it counts as failed
 */
public record PublishConfig(
    String alerts,
    int preferenceWindowDays,
    int topKeywords,
    String alertWebhookUrl,
    Duration alertWebhookTimeout) {

  public PublishConfig {
    alertWebhookUrl = alertWebhookUrl == null ? "" : alertWebhookUrl.strip();
    if (!alertWebhookUrl.isEmpty() && !isHttpUrl(alertWebhookUrl)) {
      throw new ConfigException(String.format(
          "Cannot set publish.alert-webhook-url to %s: the value must be an http(s) URL or empty (off)",
          maskedUrl(alertWebhookUrl)));
    }
    if (alertWebhookTimeout == null || alertWebhookTimeout.isNegative() || alertWebhookTimeout.isZero()) {
      throw new ConfigException(String.format(
          "Cannot set publish.alert-webhook-timeout to %s: the value must be a positive duration such as 10s",
          alertWebhookTimeout));
    }
  }

  static PublishConfig from(Config c, ConfigLoader.PathResolver resolver) {
    return new PublishConfig(
        resolver.resolve("voclake.publish.alerts", c.getString("alerts")),
        VoclakeConfig.positive(c, "publish", "preference-window-days"),
        VoclakeConfig.positive(c, "publish", "top-keywords"),
        c.getString("alert-webhook-url"),
        c.getDuration("alert-webhook-timeout"));
  }

  /** Whether alerts are also sent to a webhook. */
  public boolean alertWebhookEnabled() {
    return !alertWebhookUrl.isEmpty();
  }

  /** Prints the webhook as scheme, host and path only: its query holds the robot's key. */
  @Override
  public String toString() {
    return String.format(
        "PublishConfig[alerts=%s, preferenceWindowDays=%d, topKeywords=%d, alertWebhookUrl=%s,"
            + " alertWebhookTimeout=%s]",
        alerts, preferenceWindowDays, topKeywords,
        alertWebhookUrl.isEmpty() ? "(off)" : maskedUrl(alertWebhookUrl), alertWebhookTimeout);
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
