package com.voclake.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.voclake.publish.AlertRule.Severity;
import com.voclake.publish.AlertState.Status;
import com.voclake.publish.Notification.Kind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The robots against a real local HTTP server that plays WeCom and DingTalk: it parses each
 * payload, checks DingTalk's signature the way DingTalk does, and answers like them.
 */
class RobotNotifierTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String SECRET = "SECtest0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private final List<JsonNode> wecom = new CopyOnWriteArrayList<>();
  private final List<JsonNode> dingtalk = new CopyOnWriteArrayList<>();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final AtomicInteger failFirst = new AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void sendsMarkdownToWeComAndSignedMarkdownToDingTalk() throws IOException {
    int port = start();
    RobotNotifier notifier = notifier(port, 20, 0);

    RobotNotifier.Delivery delivery = notifier.send(List.of(notification(1, Severity.CRITICAL, Kind.FIRING)),
        Set.of(), "2026-11-20", ZONE);

    assertThat(refusals).as("every signature checked out").isEmpty();
    assertThat(delivery.messages()).isEqualTo(2);
    assertThat(delivery.failures()).isZero();
    assertThat(wecom).singleElement().satisfies(body -> {
      assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
      assertThat(body.path("markdown").path("content").asText())
          .startsWith("### VOCLake [CRITICAL] firing: category_l2=车机死机;city=城市1")
          .contains("rule **surge** (dynamic, window P1D)", "requests: **64** (above 20, expected 8)",
              "since 2026-11-20T00:00:00+08:00");
    });
    assertThat(dingtalk).singleElement().satisfies(body -> {
      assertThat(body.path("markdown").path("title").asText()).isEqualTo("VOCLake critical firing surge");
      assertThat(body.path("markdown").path("text").asText()).contains("requests: **64**");
    });
    assertThat(delivery.delivered()).hasSize(2).allSatisfy(id -> assertThat(id).matches("(wecom|dingtalk)/[0-9a-f]{64}"));
  }

  @Test
  void atMostTheRateLimitPerRobotTheRestInOneDigest() throws IOException {
    RobotNotifier notifier = notifier(start(), 5, 0);
    List<Notification> many = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      many.add(notification(i, Severity.WARNING, Kind.FIRING));
    }

    RobotNotifier.Delivery delivery = notifier.send(many, Set.of(), "2026-11-20", ZONE);

    assertThat(wecom).as("4 single messages and 1 digest of the other 8").hasSize(5);
    assertThat(wecom.get(4).path("markdown").path("content").asText())
        .startsWith("### VOCLake: 8 more alert notifications for 2026-11-20")
        .contains("city=城市4", "city=城市11");
    assertThat(delivery.delivered()).as("all 12 delivered to each robot").hasSize(24);
    assertThat(delivery.messages()).isEqualTo(10);
  }

  @Test
  void skipsWhatWasDeliveredBeforeAndRetriesAFailedCall() throws IOException {
    RobotNotifier notifier = notifier(start(), 20, 1);
    Notification first = notification(1, Severity.WARNING, Kind.FIRING);
    Notification second = notification(2, Severity.WARNING, Kind.RESOLVED);
    failFirst.set(1);

    RobotNotifier.Delivery delivery = notifier.send(List.of(first, second),
        Set.of("wecom/" + first.notificationId(), "dingtalk/" + first.notificationId()), "2026-11-20", ZONE);

    assertThat(delivery.skipped()).isEqualTo(2);
    assertThat(delivery.delivered()).containsExactlyInAnyOrder("wecom/" + second.notificationId(),
        "dingtalk/" + second.notificationId());
    assertThat(wecom.size() + dingtalk.size()).as("the refused first attempt was retried").isEqualTo(2);
    assertThat(wecom.get(0).path("markdown").path("content").asText()).contains("resolved");
  }

  @Test
  void aRobotThatIsDownOrSlowIsCountedNeverThrown() throws IOException {
    int dead;
    try (ServerSocket socket = new ServerSocket(0)) {
      dead = socket.getLocalPort();
    }
    RobotNotifier down = new RobotNotifier(List.of(new Robot(Robot.Type.WECOM,
        URI.create("http://127.0.0.1:" + dead + "/cgi-bin/webhook/send?key=k"), null)), 20, Duration.ofSeconds(2), 2,
        Duration.ofMillis(10));
    RobotNotifier.Delivery delivery = down.send(List.of(notification(1, Severity.CRITICAL, Kind.FIRING)), Set.of(),
        "2026-11-20", ZONE);
    assertThat(delivery.failures()).isEqualTo(1);
    assertThat(delivery.delivered()).isEmpty();

    failFirst.set(100);
    RobotNotifier refused = notifier(start(), 20, 2);
    assertThat(refused.send(List.of(notification(1, Severity.CRITICAL, Kind.FIRING)), Set.of(), "2026-11-20", ZONE)
        .failures()).as("errcode on every attempt, both robots").isEqualTo(2);
  }

  private RobotNotifier notifier(int port, int perMinute, int retries) {
    return new RobotNotifier(List.of(
        new Robot(Robot.Type.WECOM, URI.create("http://127.0.0.1:" + port + "/cgi-bin/webhook/send?key=wk"), null),
        new Robot(Robot.Type.DINGTALK, URI.create("http://127.0.0.1:" + port + "/robot/send?access_token=dt"), SECRET)),
        perMinute, Duration.ofSeconds(5), retries, Duration.ofMillis(10));
  }

  private static Notification notification(int city, Severity severity, Kind kind) {
    Instant since = Instant.parse("2026-11-19T16:00:00Z");
    String scope = "category_l2=车机死机;city=城市" + city;
    AlertState state = new AlertState(AlertState.key("surge", scope), AlertState.id("surge", scope, since), "surge",
        "dynamic", scope, "requests", "P1D", kind == Kind.RESOLVED ? Status.RESOLVED : Status.FIRING, severity, 64, 8,
        20, since, since.plusSeconds(86400), since.plusSeconds(86400),
        kind == Kind.RESOLVED ? since.plusSeconds(2 * 86400) : null, null, null, false, since.plusSeconds(86400),
        Set.of());
    return Notification.of(kind, since.plusSeconds(86400), state);
  }

  private int start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/cgi-bin/webhook/send", exchange -> answer(exchange, wecom, null));
    server.createContext("/robot/send", exchange -> answer(exchange, dingtalk, checkSignature(exchange.getRequestURI())));
    server.start();
    return server.getAddress().getPort();
  }

  /** DingTalk's check: timestamp within an hour, sign = base64(HMAC-SHA256(secret, timestamp\nsecret)). */
  private static String checkSignature(URI uri) {
    Map<String, String> query = new HashMap<>();
    for (String pair : uri.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    if (!"dt".equals(query.get("access_token")) || query.get("timestamp") == null) {
      return "missing access_token or timestamp";
    }
    long timestamp = Long.parseLong(query.get("timestamp"));
    if (Math.abs(System.currentTimeMillis() - timestamp) > 3_600_000) {
      return "timestamp too far off";
    }
    return Robot.sign(timestamp, SECRET).equals(query.get("sign")) ? null : "bad signature";
  }

  private void answer(HttpExchange exchange, List<JsonNode> into, String refusal) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String answer;
    if (refusal != null) {
      refusals.add(refusal);
      answer = "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
    } else if (failFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      answer = "{\"errcode\":45009,\"errmsg\":\"api freq out of limit\"}";
    } else {
      into.add(JSON.readTree(body));
      answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    }
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
