package com.voclake.publish;

import java.time.Instant;
import java.util.Locale;

/**
 * A message due about one alert: it started firing, got more severe, is still firing after the
 * rule's repeat interval, or resolved. The id is deterministic ({@code alertId|kind|severity} and,
 * for a reminder, its time), so a sink that recorded it can tell a rerun's copy from a new one.
 *
 * @param alert the alert's state right after the change
 */
public record Notification(String notificationId, Kind kind, Instant at, AlertState alert) {

  /** Why a notification is due. */
  public enum Kind {
    FIRING,
    ESCALATED,
    REMINDER,
    RESOLVED;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static Notification of(Kind kind, Instant at, AlertState alert) {
    String id = alert.alertId() + "|" + kind.configName()
        + (kind == Kind.RESOLVED ? "" : "|" + alert.severity().configName())
        + (kind == Kind.REMINDER ? "|" + at : "");
    return new Notification(AlertState.sha256(id), kind, at, alert);
  }
}
