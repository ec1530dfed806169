package com.voclake.publish;

import com.voclake.publish.AlertRule.Severity;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The markdown text of robot messages: one notification, or a digest of several. Every message
 * starts with "VOCLake" (a DingTalk robot's keyword guard) and holds rule names, scopes, metrics,
 * numbers and times only: no customer data. Pure.
 */
final class AlertMessages {
  private AlertMessages() {}

  /** A short title (DingTalk shows it in the chat list). */
  static String title(Notification n) {
    return String.format(Locale.ROOT, "VOCLake %s %s %s", n.alert().severity().configName(), n.kind().configName(),
        n.alert().rule());
  }

  /** The message of one notification. */
  static String markdown(Notification n, ZoneId zone) {
    AlertState a = n.alert();
    StringBuilder text = new StringBuilder();
    text.append(String.format(Locale.ROOT, "### VOCLake %s %s: %s%n", marker(a.severity()), label(n), a.scope()));
    text.append(String.format(Locale.ROOT, "> rule **%s** (%s, window %s)%n%n", a.rule(), a.kind(), a.window()));
    text.append(String.format(Locale.ROOT, "- %s: **%s** (%s %s, expected %s)%n", a.metric(), number(a.observed()),
        a.observed() >= a.threshold() ? "above" : "below", number(a.threshold()), number(a.expected())));
    text.append(String.format(Locale.ROOT, "- since %s", Alerts.iso(a.activeSince(), zone)));
    if (a.resolvedAt() != null) {
      text.append(String.format(Locale.ROOT, ", resolved %s", Alerts.iso(a.resolvedAt(), zone)));
    }
    text.append(String.format(Locale.ROOT, "%n- alert %s", a.alertId().substring(0, 12)));
    return text.toString();
  }

  /** One message for {@code notifications}: a line each, as many as fit in {@code maxBytes}. */
  static String digest(List<Notification> notifications, String dt, int maxBytes) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "### VOCLake: %d more alert notifications for %s%n", notifications.size(), dt));
    int shown = 0;
    for (Notification n : notifications) {
      AlertState a = n.alert();
      String line = String.format(Locale.ROOT, "- %s %s %s %s: %s %s%n", marker(a.severity()), label(n), a.rule(),
          a.scope(), a.metric(), number(a.observed()));
      String more = String.format(Locale.ROOT, "- ... and %d more in publish/alerts dt=%s%n",
          notifications.size() - shown, dt);
      if (bytes(text) + bytes(line) + bytes(more) > maxBytes) {
        return text.append(more).toString();
      }
      text.append(line);
      shown++;
    }
    return text.toString();
  }

  private static String label(Notification n) {
    return switch (n.kind()) {
      case FIRING -> "firing";
      case ESCALATED -> "escalated";
      case REMINDER -> "still firing";
      case RESOLVED -> "resolved";
    };
  }

  private static String marker(Severity severity) {
    return "[" + severity.configName().toUpperCase(Locale.ROOT) + "]";
  }

  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  private static int bytes(CharSequence text) {
    return text.toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
