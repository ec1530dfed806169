package com.voclake.publish;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A WeCom-like group robot on 127.0.0.1 that keeps every body it is sent and answers errcode 0. */
public final class LocalRobot implements AutoCloseable {
  private final HttpServer server;
  private final List<String> messages = new CopyOnWriteArrayList<>();

  public LocalRobot() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/cgi-bin/webhook/send", exchange -> {
      messages.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] ok = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
      exchange.close();
    });
    server.start();
  }

  /** The webhook URL, with a key as WeCom's have. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/cgi-bin/webhook/send?key=robot-key";
  }

  /** The JSON bodies received so far, in order. */
  public List<String> messages() {
    return messages;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
