package com.voclake.publish;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alert notifications to chat-group robots, best effort: each robot gets at most
 * {@code maxPerMinute} messages in any minute (the robots' own limit is 20) and the rest of a
 * batch as one digest; a failed call (connection, time-out, HTTP status, non-zero errcode) is
 * retried with doubling back-off, and one that still fails is logged with the URL masked and
 * counted, never thrown. A message that looks like it holds a phone number or e-mail address is
 * not sent at all. Not thread-safe: one notifier per job.
 */
public final class RobotNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(RobotNotifier.class);
  private static final Pattern ERRCODE = Pattern.compile("\"errcode\"\\s*:\\s*(-?\\d+)");
  private static final Pattern PII = Pattern.compile(PublishedPii.PATTERN);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final List<Robot> robots;
  private final int maxPerMinute;
  private final Duration timeout;
  private final int retries;
  private final Duration backoff;
  private final HttpClient client;
  private final Map<String, Deque<Long>> sentAt = new HashMap<>();

  public RobotNotifier(List<Robot> robots, int maxPerMinute, Duration timeout, int retries, Duration backoff) {
    this.robots = List.copyOf(robots);
    this.maxPerMinute = maxPerMinute;
    this.timeout = timeout;
    this.retries = retries;
    this.backoff = backoff;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * What a send did.
   *
   * @param delivered sink-qualified ids ({@code robot/notification_id}) now delivered
   * @param messages messages the robots took
   * @param failures messages that failed after every retry (or were refused as unsafe)
   * @param skipped notifications left out because they were delivered before
   */
  public record Delivery(Set<String> delivered, int messages, int failures, int skipped) {}

  /** The sink-qualified ids under which deliveries of {@code notification} to each robot are recorded. */
  public List<String> deliveryIds(Notification notification) {
    return robots.stream().map(r -> deliveryId(r, notification)).toList();
  }

  /** The sink-qualified id under which a delivery to {@code robot} is recorded. */
  public static String deliveryId(Robot robot, Notification notification) {
    return robot.name() + "/" + notification.notificationId();
  }

  /**
   * Sends every notification that {@code alreadyDelivered} does not hold for a robot, in order.
   *
   * @param dt the date the digest names
   */
  public Delivery send(List<Notification> notifications, Set<String> alreadyDelivered, String dt, ZoneId zone) {
    Set<String> delivered = new HashSet<>();
    int messages = 0;
    int failures = 0;
    int skipped = 0;
    for (Robot robot : robots) {
      List<Notification> due = new ArrayList<>();
      for (Notification n : notifications) {
        if (alreadyDelivered.contains(deliveryId(robot, n))) {
          skipped++;
        } else {
          due.add(n);
        }
      }
      int room = waitForRoom(robot);
      List<Notification> single = due.size() <= room ? due : due.subList(0, room - 1);
      for (Notification n : single) {
        if (post(robot, AlertMessages.title(n), AlertMessages.markdown(n, zone))) {
          delivered.add(deliveryId(robot, n));
          messages++;
        } else {
          failures++;
        }
      }
      if (single.size() < due.size()) {
        List<Notification> rest = due.subList(single.size(), due.size());
        if (post(robot, "VOCLake digest " + dt, AlertMessages.digest(rest, dt, robot.maxBytes()))) {
          rest.forEach(n -> delivered.add(deliveryId(robot, n)));
          messages++;
        } else {
          failures++;
        }
      }
    }
    if (!robots.isEmpty()) {
      LOG.info("Robots: {} messages sent, {} failed, {} notifications already delivered before", messages, failures,
          skipped);
    }
    return new Delivery(Set.copyOf(delivered), messages, failures, skipped);
  }

  /** Messages the robot may still get this minute, waiting for a slot when there is none. */
  private int waitForRoom(Robot robot) {
    Deque<Long> sent = sentAt.computeIfAbsent(robot.name(), r -> new ArrayDeque<>());
    long now = System.nanoTime();
    while (!sent.isEmpty() && now - sent.peekFirst() >= MINUTE.toNanos()) {
      sent.pollFirst();
    }
    if (sent.size() < maxPerMinute) {
      return maxPerMinute - sent.size();
    }
    sleep(Duration.ofNanos(MINUTE.toNanos() - (now - sent.peekFirst())));
    sent.pollFirst();
    return maxPerMinute - sent.size();
  }

  /** Posts one message, with retries; true when the robot took it. */
  private boolean post(Robot robot, String title, String markdown) {
    if (PII.matcher(markdown).find() || PII.matcher(title).find()) {
      LOG.warn("Not sending a message to {}: it looks like it holds a phone number or e-mail address", robot.name());
      return false;
    }
    String body = robot.payload(title, markdown);
    sentAt.computeIfAbsent(robot.name(), r -> new ArrayDeque<>()).addLast(System.nanoTime());
    String problem = null;
    for (int attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) {
        sleep(backoff.multipliedBy(1L << (attempt - 1)));
      }
      problem = attempt(robot, robot.target(System.currentTimeMillis()), body);
      if (problem == null) {
        return true;
      }
      LOG.info("Robot {} {} (attempt {} of {})", robot.masked(), problem, attempt + 1, retries + 1);
    }
    LOG.warn("Robot {} did not take a message after {} attempts ({}); the alert is in publish/alerts",
        robot.masked(), retries + 1, problem);
    return false;
  }

  /** One call; null on success, else what went wrong (without the URL's secrets). */
  private String attempt(Robot robot, URI target, String body) {
    HttpRequest request = HttpRequest.newBuilder(target)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() / 100 != 2) {
        return "answered HTTP " + response.statusCode();
      }
      Matcher errcode = ERRCODE.matcher(response.body() == null ? "" : response.body());
      if (errcode.find() && !"0".equals(errcode.group(1))) {
        return "refused the message with errcode " + errcode.group(1);
      }
      return null;
    } catch (IOException e) {
      return "failed (" + e.getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(Math.max(0, duration.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
