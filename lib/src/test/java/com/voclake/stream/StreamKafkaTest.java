package com.voclake.stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.PublishConfig;
import com.voclake.config.StreamConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.QuarantineSchema;
import com.voclake.io.RejectReason;
import com.voclake.io.Warehouse;
import com.voclake.publish.AlertStateSchema;
import com.voclake.publish.LiveAlerts;
import com.voclake.publish.LocalRobot;
import com.voclake.testing.LocalKafka;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import com.voclake.text.EnrichedInteractionSchema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kafka.testkit.KafkaClusterTestKit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream end to end against a real Kafka broker (KRaft, in-process): touchpoints and
 * interactions produced to their topics are merged into one customer across two channels,
 * enriched, counted in windows and alerted on (robot, alerts topic, state/alerts); a malformed
 * message, one that is not UTF-8, one of 2 MB and a topic of another schema go to the quarantine
 * while the stream keeps running; SIGTERM's stop request ends it between batches.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class StreamKafkaTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final String TOUCHPOINTS = "voc.touchpoints";
  private static final String INTERACTIONS = "voc.interactions";
  private static final String ORDERS = "dms.orders";
  private static final String ALERTS = "voc.alerts";
  private static final Duration PATIENCE = Duration.ofMinutes(4);
  private final SparkSession spark;
  private final StopRequest stop = new StopRequest();

  StreamKafkaTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void aCustomerOnTwoChannelsIsOneProfileAndBadMessagesGoToQuarantineWhileTheStreamRuns(@TempDir Path tmp)
      throws Exception {
    try (KafkaClusterTestKit kafka = LocalKafka.start(Map.of()); LocalRobot robot = new LocalRobot()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic(TOUCHPOINTS, 1, (short) 1), new NewTopic(INTERACTIONS, 1, (short) 1),
            new NewTopic(ORDERS, 1, (short) 1), new NewTopic(ALERTS, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      Warehouse warehouse = new Warehouse(tmp.resolve("wh").toString());
      VoclakeConfig config = config(tmp, kafka.bootstrapServers(), robot.url());
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
        // The hotline call and its touchpoint, and what a stream must survive.
        send(producer, TOUCHPOINTS, "{\"event_id\":\"ev-call-1\",\"event_time\":\"" + time(now.minusSeconds(600))
            + "\",\"channel\":\"hotline\",\"event_type\":\"inbound_call\",\"phone\":\"13912345678\"}");
        send(producer, INTERACTIONS, "{\"interaction_id\":\"call-1\",\"start_time\":\"" + time(now.minusSeconds(590))
            + "\",\"channel\":\"hotline\",\"kind\":\"call\",\"phone\":\"13912345678\",\"province\":\"广东\","
            + "\"city\":\"广州\",\"car_model\":\"星岚 S7\",\"turns\":[{\"speaker\":\"customer\",\"offset_s\":0,"
            + "\"text\":\"你好，我的车机升级以后一直黑屏\"},{\"speaker\":\"agent\",\"offset_s\":9,\"text\":\"请您稍等\"},"
            + "{\"speaker\":\"customer\",\"offset_s\":30,\"text\":\"太过分了！我要投诉，找你们领导，简直气死我了！\"}]}");
        send(producer, TOUCHPOINTS, "{\"event_id\":\"ev-broken\",\"event_time\":");
        producer.send(new ProducerRecord<>(TOUCHPOINTS, concat("{\"event_id\":\"ev-latin1\",\"channel\":\"web\","
            + "\"cookie_id\":\"c-", new byte[] {(byte) 0xC3, (byte) 0x28}, "\"}"))).get();
        send(producer, INTERACTIONS, "{\"interaction_id\":\"huge\",\"channel\":\"chat\",\"text\":\""
            + "慢".repeat(700_000) + "\"}");
        send(producer, ORDERS, "{\"order_no\":\"SO-1\",\"vin\":\"LXLSA7C20PS965584\",\"amount\":199000}");
      }

      CompletableFuture<StreamJob.Report> running = CompletableFuture.supplyAsync(
          () -> StreamJob.run(spark, config, stop));
      awaitTrue("the call is enriched", running, () -> count(warehouse.interactionsEnriched()) == 1);
      try (KafkaProducer<byte[], byte[]> producer = producer(kafka.bootstrapServers())) {
        // Later, the same customer binds the phone on WeChat and chats there.
        send(producer, TOUCHPOINTS, "{\"event_id\":\"ev-wx-1\",\"event_time\":\"" + time(now.minusSeconds(60))
            + "\",\"channel\":\"wechat_oa\",\"event_type\":\"bind_phone\",\"phone\":\"+86 139 1234 5678\","
            + "\"wechat_openid\":\"oX-123\",\"wechat_appid\":\"wx-app\"}");
        send(producer, INTERACTIONS, "{\"interaction_id\":\"chat-1\",\"start_time\":\"" + time(now.minusSeconds(50))
            + "\",\"channel\":\"wechat_oa\",\"kind\":\"chat\",\"wechat_openid\":\"oX-123\",\"wechat_appid\":\"wx-app\","
            + "\"province\":\"广东\",\"text\":\"请问车机黑屏什么时候能修好\"}");
      }
      awaitTrue("the chat is enriched", running, () -> count(warehouse.interactionsEnriched()) == 2);
      awaitTrue("the windows counted both", running, () -> windowRequests(warehouse) == 2L * 5);
      stop.request();
      StreamJob.Report report = running.get(2, TimeUnit.MINUTES);

      assertThat(report.stoppedByRequest()).isTrue();
      assertThat(report.batches()).as("the stream went on after the bad messages").isGreaterThanOrEqualTo(2);
      Dataset<Row> journey = spark.read().format("delta").load(warehouse.customerJourney());
      assertThat(journey.select("one_id").distinct().count())
          .as("hotline call, WeChat binding and chat are one customer").isEqualTo(1);
      assertThat(journey.count()).isEqualTo(4);
      assertThat(spark.read().format("delta").load(warehouse.customerProfile()).count()).isEqualTo(1);
      Dataset<Row> enriched = spark.read().format("delta").load(warehouse.interactionsEnriched());
      assertThat(enriched.where(col(EnrichedInteractionSchema.ESCALATE)).select("interaction_id").as(
          org.apache.spark.sql.Encoders.STRING()).collectAsList()).containsExactly("call-1");
      assertThat(enriched.select(EnrichedInteractionSchema.ONE_ID).distinct().count()).isEqualTo(1);

      assertThat(reasons(warehouse.quarantine("touchpoints")))
          .containsExactlyInAnyOrder(RejectReason.MALFORMED_JSON, RejectReason.INVALID_ENCODING, RejectReason.MISSING_ID);
      assertThat(reasons(warehouse.quarantine("interactions"))).containsExactly(RejectReason.LINE_TOO_LONG);

      List<Row> alerts = spark.read().format("delta").load(warehouse.alertState())
          .where(col(AlertStateSchema.SOURCE).equalTo(AlertStateSchema.STREAM)).collectAsList();
      assertThat(alerts).as("the escalated call").singleElement().satisfies(a -> {
        assertThat(a.<String>getAs(AlertStateSchema.RULE)).isEqualTo(LiveAlerts.CONVERSATION_RULE);
        assertThat(a.<String>getAs(AlertStateSchema.SCOPE)).startsWith("interaction_id=call-1;channel=hotline");
        assertThat(a.getList(a.fieldIndex(AlertStateSchema.NOTIFIED))).as("delivered to the robot and the topic")
            .hasSize(2).anyMatch(id -> id.toString().startsWith("wecom/")).anyMatch(id -> id.toString().startsWith("kafka/"));
      });
      assertThat(robot.messages()).singleElement().asString().contains("conversation_escalation", "call-1")
          .doesNotContain("13912345678");
      assertThat(topic(kafka.bootstrapServers(), ALERTS)).singleElement().asString()
          .contains("\"rule\":\"conversation_escalation\"", "\"kind\":\"firing\"");
      assertThat(Files.readString(Path.of(warehouse.streamCheckpoint("voc", "windows"), "offsets", "0")))
          .as("the windows' state lives in RocksDB").contains(RequestWindows.ROCKSDB);
    }
  }

  private static VoclakeConfig config(Path tmp, String bootstrap, String robotUrl) {
    VoclakeConfig base = TestConfigs.local(tmp.resolve("landing-unused"), tmp.resolve("wh"));
    StreamConfig s = base.stream();
    StreamConfig.Kafka kafka = new StreamConfig.Kafka(bootstrap, List.of(TOUCHPOINTS, ORDERS), List.of(INTERACTIONS),
        ALERTS, "earliest", 1000, Map.of("max.request.size", String.valueOf(LocalKafka.MAX_MESSAGE_BYTES)));
    PublishConfig p = base.publish();
    PublishConfig.Robots r = p.robots();
    return base.withStream(new StreamConfig("voc", StreamConfig.Trigger.parse("1s"), s.maxFilesPerTrigger(),
            new StreamConfig.Windows(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofDays(1)), true, kafka))
        .withPublish(new PublishConfig(p.alerts(), p.preferenceWindowDays(), p.topKeywords(), p.page(),
            new PublishConfig.Robots(robotUrl, "", r.dingtalkSecretEnv(), r.maxMessagesPerMinute(), r.timeout(), 0,
                Duration.ZERO)));
  }

  private long count(String table) {
    return DeltaTables.exists(spark, table) ? spark.read().format("delta").load(table).count() : 0;
  }

  private long windowRequests(Warehouse warehouse) {
    Row sum = spark.read().format("delta").load(warehouse.requestWindows())
        .agg(org.apache.spark.sql.functions.sum(RequestWindows.REQUESTS)).first();
    return sum.isNullAt(0) ? 0 : sum.getLong(0);
  }

  private List<String> reasons(String quarantine) {
    return spark.read().format("delta").load(quarantine).select(QuarantineSchema.REASON)
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  /** Waits for {@code condition}, failing early when the stream failed. */
  private static void awaitTrue(String what, CompletableFuture<?> running, BooleanSupplier condition)
      throws Exception {
    Instant until = Instant.now().plus(PATIENCE);
    while (!condition.getAsBoolean()) {
      if (running.isDone()) {
        running.get(); // throws the stream's failure
        throw new AssertionError("The stream stopped before " + what);
      }
      assertThat(Instant.now()).as("waiting until %s", what).isBefore(until);
      Thread.sleep(1000);
    }
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    p.put("max.request.size", String.valueOf(LocalKafka.MAX_MESSAGE_BYTES));
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String value) throws Exception {
    producer.send(new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8))).get();
  }

  private static byte[] concat(String before, byte[] middle, String after) {
    byte[] a = before.getBytes(StandardCharsets.UTF_8);
    byte[] c = after.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[a.length + middle.length + c.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(middle, 0, out, a.length, middle.length);
    System.arraycopy(c, 0, out, a.length + middle.length, c.length);
    return out;
  }

  private static List<String> topic(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", bootstrap);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
        new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(Set.of(partition));
      consumer.seekToBeginning(Set.of(partition));
      long end = consumer.endOffsets(Set.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(2))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }

  private static String time(Instant instant) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(ZONE));
  }
}
