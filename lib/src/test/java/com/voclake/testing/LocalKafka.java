package com.voclake.testing;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import kafka.testkit.KafkaClusterTestKit;
import kafka.testkit.TestKitNodes;

/**
 * A real Kafka broker (KRaft, one combined broker and controller node) in this JVM, on loopback:
 * what the streaming tests produce to, and, run as a program, the broker of {@code bench stream}
 * on a machine without one:
 *
 * <pre>
 * ./mvnw -o -q -pl lib exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=com.voclake.testing.LocalKafka -Dexec.args=/tmp/kafka-bootstrap.txt
 * </pre>
 *
 * <p>The program writes the bootstrap address to the file named by its argument (and prints it),
 * then serves until the JVM is stopped. The broker's logs live in a temporary folder the test kit
 * removes when it closes.
 */
public final class LocalKafka {
  /** The largest message the broker takes: above the stream's 1 MB line limit, for the 2 MB test. */
  public static final int MAX_MESSAGE_BYTES = 4 << 20;

  private LocalKafka() {}

  /** A started broker, ready for clients; close it to stop it. */
  public static KafkaClusterTestKit start(Map<String, String> settings) throws Exception {
    KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
    settings.forEach(builder::setConfigProp);
    KafkaClusterTestKit kafka = builder.build();
    kafka.format();
    kafka.startup();
    kafka.waitForReadyBrokers();
    return kafka;
  }

  public static void main(String[] args) throws Exception {
    KafkaClusterTestKit kafka = start(Map.of());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        kafka.close();
      } catch (Exception e) {
        System.err.println("LocalKafka: the broker did not close cleanly: " + e);
      }
    }));
    if (args.length > 0) {
      java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), kafka.bootstrapServers());
    }
    System.out.println("LocalKafka: serving on " + kafka.bootstrapServers());
    new CountDownLatch(1).await();
  }
}
