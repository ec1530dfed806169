package com.voclake.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertWebhookTest {
  private static final List<Alert> ALERTS = List.of(
      new Alert("id1", "category_negative_share", "category_l2=充电", "P1D", "negative_share", 0.65, null, 0.6, "warning"),
      new Alert("id2", "head_unit_failure_surge", "category_l2=车机死机;province=广东", "P1D", "requests", 64, null, 50, "critical"));

  private HttpServer server;
  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private final AtomicReference<String> contentType = new AtomicReference<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void postsOneRobotTextMessageWithTheAlertsMostSevereFirst() throws IOException {
    String url = start(200, "{\"errcode\":0,\"errmsg\":\"ok\"}", 0);

    int failures = new AlertWebhook(url, Duration.ofSeconds(5)).send("2026-11-20", ALERTS);

    assertThat(failures).isZero();
    assertThat(bodies).hasSize(1);
    assertThat(contentType.get()).startsWith("application/json");
    assertThat(bodies.get(0))
        .startsWith("{\"msgtype\":\"text\",\"text\":{\"content\":\"VOCLake alerts 2026-11-20: 1 critical, 1 warning, 2 in total")
        .contains("\\n[critical] head_unit_failure_surge category_l2=车机死机;province=广东: requests 64 > 50"
            + "\\n[warning] category_negative_share category_l2=充电: negative_share 0.65 > 0.60\"}}")
        .doesNotContainPattern("1[3-9][0-9]{9}").doesNotContain("@");
  }

  @Test
  void failuresAreCountedNeverThrown() throws IOException {
    assertThat(new AlertWebhook(start(500, "oops", 0), Duration.ofSeconds(5)).send("2026-11-20", ALERTS))
        .as("HTTP 500").isEqualTo(1);
    stop();
    assertThat(new AlertWebhook(start(200, "{\"errcode\":93000,\"errmsg\":\"invalid webhook url\"}", 0),
        Duration.ofSeconds(5)).send("2026-11-20", ALERTS)).as("robot refuses with errcode").isEqualTo(1);
    stop();
    assertThat(new AlertWebhook(start(200, "{\"errcode\":0}", 1500), Duration.ofMillis(300))
        .send("2026-11-20", ALERTS)).as("slower than the timeout").isEqualTo(1);
    stop();
    server = null;
    assertThat(new AlertWebhook("http://127.0.0.1:" + freePort() + "/robot", Duration.ofSeconds(2))
        .send("2026-11-20", ALERTS)).as("nobody listening").isEqualTo(1);
  }

  @Test
  void noAlertsMeansNoMessage() throws IOException {
    assertThat(new AlertWebhook(start(200, "{\"errcode\":0}", 0), Duration.ofSeconds(5)).send("2026-11-20", List.of()))
        .isZero();
    assertThat(bodies).isEmpty();
  }

  @Test
  void longListsAreCutToFitTheRobotsMessageLimit() {
    List<Alert> many = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      many.add(new Alert("id" + i, "category_negative_share", "category_l2=类别" + i, "P1D", "negative_share",
          0.7, null, 0.6, "warning"));
    }
    String message = AlertWebhook.message("2026-11-20", many);
    assertThat(message.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(AlertWebhook.MAX_CONTENT_BYTES);
    assertThat(message).contains("200 in total").containsPattern("\\.\\.\\. and \\d+ more in publish/alerts dt=2026-11-20$");
  }

  private String start(int status, String response, long delayMillis) throws IOException {
    AtomicInteger calls = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/cgi-bin/webhook/send", exchange -> {
      calls.incrementAndGet();
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      contentType.set(exchange.getRequestHeaders().getFirst("Content-Type"));
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/cgi-bin/webhook/send?key=secret-robot-key";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
