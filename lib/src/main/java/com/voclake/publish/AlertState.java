package com.voclake.publish;

import com.voclake.publish.AlertRule.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One alert's lifecycle state: a row of the alert state table ({@link AlertStateSchema}), shared by
 * the batch publish and the streaming job. Immutable.
 *
 * <p>{@code alertKey} names the rule and scope (hex SHA-256 of {@code rule|scope}); {@code alertId}
 * names one episode of it, from the moment its condition first held to its resolution (hex
 * SHA-256 of {@code rule|scope|activeSince}). Both are deterministic: the same data gives the same
 * ids on every rerun and in every job.
 *
 * @param activeSince start of the first window of the episode whose condition held
 * @param lastActiveAt end of the latest window whose condition held
 * @param firedAt when it became firing; null while pending
 * @param resolvedAt when it resolved; null until then
 * @param lastNotifiedAt when a notification of it was last due; null when none was (pending, or
 *     inhibited throughout)
 * @param peakSeverity the most severe level notified in the episode; null before the first
 * @param inhibited a critical alert of another rule fires on the same scope: no notifications
 * @param evaluatedAt the evaluation that last changed or confirmed this state
 * @param notified sink-qualified ids ({@code sink/notification_id}) of the notifications
 *     delivered for this episode: what a rerun must not send again
 */
public record AlertState(
    String alertKey,
    String alertId,
    String rule,
    String kind,
    String scope,
    String metric,
    String window,
    Status status,
    Severity severity,
    double observed,
    double expected,
    double threshold,
    Instant activeSince,
    Instant lastActiveAt,
    Instant firedAt,
    Instant resolvedAt,
    Instant lastNotifiedAt,
    Severity peakSeverity,
    boolean inhibited,
    Instant evaluatedAt,
    Set<String> notified) {

  public AlertState {
    notified = java.util.Collections.unmodifiableSet(new TreeSet<>(notified));
  }

  /** Lifecycle states, in the order an episode passes them. */
  public enum Status {
    PENDING,
    FIRING,
    RESOLVED;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The key of a rule's alert on one scope. */
  public static String key(String rule, String scope) {
    return sha256(rule + "|" + scope);
  }

  /** The id of the episode of {@code rule} on {@code scope} whose condition first held in the window starting then. */
  public static String id(String rule, String scope, Instant activeSince) {
    return sha256(rule + "|" + scope + "|" + activeSince);
  }

  AlertState with(Status newStatus, Instant newFiredAt, Instant newResolvedAt, Instant newLastNotifiedAt,
      Severity newPeak, boolean newInhibited, Instant at) {
    return new AlertState(alertKey, alertId, rule, kind, scope, metric, window, newStatus, severity, observed,
        expected, threshold, activeSince, lastActiveAt, newFiredAt, newResolvedAt, newLastNotifiedAt, newPeak,
        newInhibited, at, notified);
  }

  /** This episode with the latest crossed window's values. */
  AlertState observe(Condition condition) {
    return new AlertState(alertKey, alertId, rule, kind, scope, metric, window, status, condition.severity(),
        condition.observed(), condition.expected(), condition.threshold(), activeSince, condition.windowEnd(),
        firedAt, resolvedAt, lastNotifiedAt, peakSeverity, inhibited, condition.windowEnd(), notified);
  }

  /** This state with more delivered notifications recorded. */
  public AlertState withNotified(Set<String> delivered) {
    Set<String> all = new TreeSet<>(notified);
    all.addAll(delivered);
    return new AlertState(alertKey, alertId, rule, kind, scope, metric, window, status, severity, observed,
        expected, threshold, activeSince, lastActiveAt, firedAt, resolvedAt, lastNotifiedAt, peakSeverity,
        inhibited, evaluatedAt, all);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
