package com.voclake.publish;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.voclake.config.PublishConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A chat-group robot: where its webhook is and how it wants a markdown message. Immutable.
 *
 * <ul>
 *   <li>WeCom (企业微信): {@code {"msgtype":"markdown","markdown":{"content":...}}}, content at most
 *       4096 bytes.
 *   <li>DingTalk (钉钉): {@code {"msgtype":"markdown","markdown":{"title":...,"text":...}}}, signed
 *       when it has a secret: {@code &timestamp=<ms>&sign=<url-encoded base64 of
 *       HMAC-SHA256(secret, timestamp + "\n" + secret)>} on the URL.
 * </ul>
 * Both answer {@code {"errcode":0,...}} when they took the message.
 *
 * @param secret DingTalk signing secret; null for WeCom or an unsigned DingTalk robot
 */
public record Robot(Type type, URI url, String secret) {

  /** The robots VOCLake speaks to. */
  public enum Type {
    WECOM("wecom", 4096),
    DINGTALK("dingtalk", 18000);

    private final String sinkName;
    private final int maxBytes;

    Type(String sinkName, int maxBytes) {
      this.sinkName = sinkName;
      this.maxBytes = maxBytes;
    }
  }

  /** The sink's name in logs and in the sink-qualified notification ids of the state table. */
  public String name() {
    return type.sinkName;
  }

  /** The most bytes of markdown one message may carry. */
  public int maxBytes() {
    return type.maxBytes;
  }

  /** The URL to post to at {@code timestampMillis}: signed for a DingTalk robot with a secret. */
  public URI target(long timestampMillis) {
    if (type != Type.DINGTALK || secret == null || secret.isEmpty()) {
      return url;
    }
    String signature = URLEncoder.encode(sign(timestampMillis, secret), StandardCharsets.UTF_8);
    String separator = url.getRawQuery() == null ? "?" : "&";
    return URI.create(url + separator + "timestamp=" + timestampMillis + "&sign=" + signature);
  }

  /** The JSON body of a markdown message. */
  public String payload(String title, String markdown) {
    return switch (type) {
      case WECOM -> "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"" + json(markdown) + "\"}}";
      case DINGTALK -> "{\"msgtype\":\"markdown\",\"markdown\":{\"title\":\"" + json(title) + "\",\"text\":\""
          + json(markdown) + "\"}}";
    };
  }

  /** The URL fit for logs: no key, token or signature. */
  public String masked() {
    return PublishConfig.maskedUrl(url.toString());
  }

  /** DingTalk's signature: base64 of HMAC-SHA256 over {@code timestamp\nsecret} keyed by the secret. */
  public static String sign(long timestampMillis, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }

  @Override
  public String toString() {
    return "Robot[" + name() + " " + masked() + (secret == null || secret.isEmpty() ? "" : ", signed") + "]";
  }

  private static String json(String text) {
    return new String(JsonStringEncoder.getInstance().quoteAsString(text));
  }
}
