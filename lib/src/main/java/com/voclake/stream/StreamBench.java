package com.voclake.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.voclake.VoclakeException;
import com.voclake.config.IdentityConfig;
import com.voclake.config.StreamConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.identity.IdentityJob;
import com.voclake.identity.bench.IdentityBench;
import com.voclake.io.HadoopFiles;
import com.voclake.io.InputValidation;
import com.voclake.io.LandingReader;
import com.voclake.io.Source;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunContext;
import com.voclake.publish.LiveAlerts;
import com.voclake.sample.GeneratorOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench stream}: the streaming job against a real broker, with full identity and
 * enrichment, on a CDP built from {@code --events} generated touchpoints.
 *
 * <ol>
 *   <li>The CDP: identity run in full over the generated input (the identity bench's, reused when
 *       present), kept as a base warehouse and copied for every run.
 *   <li>Load: the newest day's touchpoints and interactions (customers who come back: their
 *       identifiers are in the CDP) produced to fresh topics at {@code --rate} records a second
 *       for {@code --minutes}, cycled under new ids and stamped with the time they are sent.
 *   <li>Planted alerts: every {@code plantEvery} an angry call (its customer's emotion falls below
 *       {@code text.escalate-below}), which the stream alerts on as an escalated conversation. Its
 *       latency runs from the call's Kafka timestamp to the alert's, in the alerts topic.
 * </ol>
 *
 * <p>The load starts once a warm-up micro-batch of {@value #WARM_UP} records has committed (the
 * session's start-up, first Delta reads and JIT are not measured). Throughput is the records of
 * the batches after it, per second from the load's start to the end of the last batch. Heap (after
 * a GC) and the windows' state are taken after the warm-up and at the end, to see that they stay
 * flat.
 */
public final class StreamBench {
  private static final Logger LOG = LoggerFactory.getLogger(StreamBench.class);
  private static final LocalDate END = IdentityBench.END_DATE;
  private static final String DONE = "_bench_base_done";
  private static final Pattern TIME = Pattern.compile("\"(event_time|start_time)\":\"[^\"]*\"");
  private static final String PLANTED = "bench-angry-";
  private static final Duration TICK = Duration.ofMillis(100);
  private static final int WARM_UP = 500;

  private StreamBench() {}

  /** What to run: the CDP's size, the broker, the offered load and how long. */
  public record Options(long events, String workDir, long seed, int days, String bootstrap, long rate,
      Duration duration, Duration trigger, Duration plantEvery) {}

  /** The figures; {@link #json()} is the bench's last line. */
  public record Report(long events, long offered, double offeredPerSecond, double eventsPerSecond, long batches,
      long records, double triggerSeconds, int planted, int alerted, double p50AlertSeconds, double p95AlertSeconds,
      double maxAlertedSeconds, double batchSeconds, double identitySeconds, double enrichSeconds,
      double alertSeconds, double recordsPerBatch, Snapshot start, Snapshot end, double load) {

    public String table() {
      return String.format(Locale.ROOT, "Stream bench: CDP of %,d events, %,d records offered at %.0f records/s,"
              + " trigger %.0f s%n", events, offered, offeredPerSecond, triggerSeconds)
          + String.format(Locale.ROOT, "  processed           %,d records in %d micro-batches after the warm-up: %.0f"
              + " records/s%n", records, batches, eventsPerSecond)
          + String.format(Locale.ROOT, "  per micro-batch     median %.1f s for %.0f records: identity %.1f s, enrich"
              + " %.1f s, alerts %.1f s%n", batchSeconds, recordsPerBatch, identitySeconds, enrichSeconds, alertSeconds)
          + String.format(Locale.ROOT, "  event -> alert      p50 %s s, p95 %s s (%d of %d planted calls alerted, the"
              + " latest after %s s)%n", number(p50AlertSeconds), number(p95AlertSeconds), alerted, planted,
              number(maxAlertedSeconds))
          + String.format(Locale.ROOT, "  start               %s%n", start)
          + String.format(Locale.ROOT, "  end                 %s%n", end);
    }

    public String json() {
      return String.format(Locale.ROOT, "{\"events_per_s\":%s,\"p50_alert_s\":%s,\"p95_alert_s\":%s,\"trigger_s\":%s,"
              + "\"batches\":%d,\"records\":%d,\"offered\":%d,\"offered_per_s\":%s,\"cdp_events\":%d,"
              + "\"planted\":%d,\"alerted\":%d,\"alerted_max_s\":%s,\"batch_p50_s\":%s,\"identity_p50_s\":%s,"
              + "\"enrich_p50_s\":%s,\"alerts_p50_s\":%s,\"records_per_batch_p50\":%s,\"heap_start_mb\":%d,"
              + "\"heap_end_mb\":%d,\"state_start_windows\":%d,\"state_end_windows\":%d,\"state_start_mb\":%s,"
              + "\"state_end_mb\":%s,\"load\":%s}",
          number(eventsPerSecond), number(p50AlertSeconds), number(p95AlertSeconds), number(triggerSeconds), batches,
          records, offered, number(offeredPerSecond), events, planted, alerted, number(maxAlertedSeconds),
          number(batchSeconds), number(identitySeconds), number(enrichSeconds), number(alertSeconds),
          number(recordsPerBatch), start.heapMb(), end.heapMb(), start.stateWindows(), end.stateWindows(),
          number(start.stateBytes() / 1e6), number(end.stateBytes() / 1e6), number(load));
    }
  }

  /** Heap in use after a GC, and the windows' state (windows held, bytes) as of the last windows batch. */
  public record Snapshot(long heapMb, long stateWindows, long stateBytes) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "heap %d MB in use after GC; windows state %d windows, %.2f MB", heapMb,
          stateWindows, stateBytes / 1e6);
    }
  }

  public static Report run(SparkSession spark, VoclakeConfig config, Options options, PrintStream out) {
    double load = IdentityBench.loadAverage();
    String base = baseWarehouse(spark, config, options);
    String warehouse = options.workDir() + "/stream-run";
    copy(spark, base, warehouse);
    List<ProducerRecord<String, String>> cycle = cycle(spark, options, base);
    String run = "voclake.bench-" + System.currentTimeMillis();
    Topics topics = new Topics(run + ".touchpoints", run + ".interactions", run + ".alerts");
    createTopics(options.bootstrap(), topics);
    VoclakeConfig streaming = config.withPaths(config.paths().input(), warehouse)
        .withIdentity(config.identity().withMode(IdentityConfig.INCREMENTAL))
        .withStream(streamConfig(config.stream(), options, topics));
    ZoneId zone = ZoneId.of(config.run().timeZone());

    Batches batches = new Batches();
    StopRequest stop = new StopRequest();
    CompletableFuture<StreamJob.Report> stream = CompletableFuture.supplyAsync(
        () -> StreamJob.run(spark, streaming, stop, batches));
    AlertWatcher alerts = new AlertWatcher(options.bootstrap(), topics.alerts());
    Thread watcher = new Thread(alerts, "bench-alerts");
    watcher.setDaemon(true);
    watcher.start();
    Map<String, Long> plantedAt = new ConcurrentHashMap<>();
    long offered;
    long loadStarted;
    Snapshot start;
    try {
      warmUp(options, cycle, topics, zone, batches, stream);
      start = new Snapshot(heapMbAfterGc(), 0, 0);
      out.println("Start (after the warm-up batch): " + start);
      out.flush();
      loadStarted = System.nanoTime();
      offered = produce(options, cycle, topics, zone, plantedAt, stream);
      awaitPlanted(options, plantedAt, alerts, stream);
    } finally {
      Snapshot before = batches.state();
      Snapshot end = new Snapshot(heapMbAfterGc(), before.stateWindows(), before.stateBytes());
      out.println("End: " + end);
      out.flush();
      batches.end = end;
      stop.request();
      alerts.stop();
    }
    stream.join();
    Snapshot firstState = batches.firstState();
    List<Double> latencies = new ArrayList<>();
    for (Map.Entry<String, Long> plant : plantedAt.entrySet()) {
      Long alerted = alerts.alertedAt.get(plant.getKey());
      latencies.add(alerted == null ? Double.POSITIVE_INFINITY : (alerted - plant.getValue()) / 1e3);
    }
    Collections.sort(latencies);
    List<Double> came = latencies.stream().filter(Double::isFinite).toList();
    List<StreamProgress.Batch> all = batches.all();
    List<StreamProgress.Batch> done = all.subList(1, all.size()); // after the warm-up batch
    return new Report(options.events(), offered, offered / (double) options.duration().toSeconds(),
        batches.sustainedPerSecond(loadStarted), done.size(),
        done.stream().mapToLong(StreamProgress.Batch::recordsIn).sum(), options.trigger().toMillis() / 1e3,
        latencies.size(), came.size(), percentile(latencies, 0.50), percentile(latencies, 0.95),
        came.isEmpty() ? Double.NaN : came.get(came.size() - 1), median(done, StreamProgress.Batch::seconds),
        median(done, StreamProgress.Batch::identitySeconds), median(done, StreamProgress.Batch::enrichSeconds),
        median(done, StreamProgress.Batch::alertSeconds), median(done, b -> (double) b.recordsIn()),
        new Snapshot(start.heapMb(), firstState.stateWindows(), firstState.stateBytes()), batches.end, load);
  }

  private record Topics(String touchpoints, String interactions, String alerts) {}

  /** The CDP the stream runs against: identity in full over the generated input, built once. */
  private static String baseWarehouse(SparkSession spark, VoclakeConfig config, Options options) {
    long customers = Math.max(1, Math.round(options.events() / IdentityBench.TOUCHPOINTS_PER_CUSTOMER));
    String suffix = customers + "-" + options.days() + "-" + options.seed();
    String input = options.workDir() + "/input-" + suffix;
    IdentityBench.generateUnlessPresent(spark, new GeneratorOptions(customers, options.days(), END, options.seed(),
        false), input);
    String base = options.workDir() + "/stream-base-" + suffix;
    if (HadoopFiles.exists(spark, base + "/" + DONE)) {
      LOG.info("Bench: reusing the CDP in {}", base);
      return base;
    }
    HadoopFiles.delete(spark, base);
    long started = System.nanoTime();
    IdentityJob.run(spark, RunContext.start("bench-base", END, config.withPaths(input, base)
        .withIdentity(config.identity().withMode(IdentityConfig.FULL))));
    LOG.info("Bench: the CDP built in {} s", (System.nanoTime() - started) / 1e9);
    HadoopFiles.writeString(spark, base + "/" + DONE, input + "\n");
    return base;
  }

  private static void copy(SparkSession spark, String from, String to) {
    HadoopFiles.delete(spark, to);
    FileSystem fs = HadoopFiles.fs(spark, from);
    try {
      if (!FileUtil.copy(fs, new Path(from), fs, new Path(to), false, HadoopFiles.conf(spark))) {
        throw new VoclakeException("Could not copy the bench's CDP from " + from + " to " + to);
      }
    } catch (IOException e) {
      throw new VoclakeException("Could not copy the bench's CDP from " + from + " to " + to, e);
    }
  }

  /** The newest day's lines as records to send, in a fixed shuffled order. */
  private static List<ProducerRecord<String, String>> cycle(SparkSession spark, Options options, String base) {
    String input = HadoopFiles.readString(spark, base + "/" + DONE).strip();
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (Source source : Source.values()) {
      String topic = source.folder();
      for (String line : LandingReader.lines(spark, input, source, END.toString(), END.toString())
          .select(InputValidation.RAW).as(Encoders.STRING()).collectAsList()) {
        records.add(new ProducerRecord<>(topic, line));
      }
    }
    if (records.isEmpty()) {
      throw new VoclakeException("The bench input has no lines on " + END + ": generate more --events");
    }
    Collections.shuffle(records, new Random(options.seed()));
    return records;
  }

  private static void createTopics(String bootstrap, Topics topics) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topics.touchpoints(), 2, (short) 1),
          new NewTopic(topics.interactions(), 2, (short) 1), new NewTopic(topics.alerts(), 1, (short) 1)))
          .all().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new VoclakeException("Could not create the bench's topics at " + bootstrap + ": " + e.getMessage(), e);
    }
  }

  private static StreamConfig streamConfig(StreamConfig stream, Options options, Topics topics) {
    StreamConfig.Kafka kafka = stream.kafka();
    return new StreamConfig("bench", new StreamConfig.Trigger(options.trigger()), stream.maxFilesPerTrigger(),
        stream.windows(), true, new StreamConfig.Kafka(options.bootstrap(), List.of(topics.touchpoints()),
            List.of(topics.interactions()), topics.alerts(), "earliest", kafka.maxOffsetsPerTrigger(),
            kafka.options()));
  }

  /**
   * Sends the cycle at the offered rate, renamed per round and stamped with the time of sending,
   * and an angry call every {@code plantEvery}; returns the records sent.
   */
  private static long produce(Options options, List<ProducerRecord<String, String>> cycle, Topics topics, ZoneId zone,
      Map<String, Long> plantedAt, CompletableFuture<?> stream) {
    Properties p = new Properties();
    p.put("bootstrap.servers", options.bootstrap());
    p.put("linger.ms", "20");
    p.put("acks", "1");
    long sent = 0;
    int planted = 0;
    long started = System.nanoTime();
    long end = started + options.duration().toNanos();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
        new StringSerializer())) {
      while (System.nanoTime() < end) {
        if (stream.isDone()) {
          stream.join(); // the stream's failure ends the bench
          throw new VoclakeException("The stream stopped before the bench ended");
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now(zone)
            .truncatedTo(ChronoUnit.SECONDS));
        for (long due = (long) (elapsed * options.rate()); sent < due; sent++) {
          producer.send(toSend(cycle.get((int) (sent % cycle.size())), topics, "s" + sent / cycle.size() + "-", now));
        }
        if (elapsed >= planted * (double) options.plantEvery().toSeconds()) {
          String id = PLANTED + planted++;
          producer.send(new ProducerRecord<>(topics.interactions(), angryCall(id, now, planted)), (meta, error) -> {
            if (error == null) {
              plantedAt.put(id, meta.timestamp());
            }
          });
        }
        Thread.sleep(TICK.toMillis());
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VoclakeException("Interrupted while producing the bench's records", e);
    }
    LOG.info("Bench: sent {} records and {} angry calls in {}", sent, planted, options.duration());
    return sent;
  }

  /**
   * Sends a few hundred records under their own ids and waits for the micro-batch that takes
   * them: the session's start-up, the first Delta reads and the JIT are not part of the figures.
   */
  private static void warmUp(Options options, List<ProducerRecord<String, String>> cycle, Topics topics, ZoneId zone,
      Batches batches, CompletableFuture<?> stream) {
    Properties p = new Properties();
    p.put("bootstrap.servers", options.bootstrap());
    String now = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.now(zone)
        .truncatedTo(ChronoUnit.SECONDS));
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
        new StringSerializer())) {
      for (ProducerRecord<String, String> r : cycle.subList(0, Math.min(cycle.size(), WARM_UP))) {
        producer.send(toSend(r, topics, "w-", now));
      }
    }
    long until = System.nanoTime() + Duration.ofMinutes(15).toNanos();
    while (batches.all().isEmpty()) {
      if (stream.isDone()) {
        stream.join();
        throw new VoclakeException("The stream stopped before its first micro-batch");
      }
      if (System.nanoTime() > until) {
        throw new VoclakeException("The stream's first micro-batch took more than 15 minutes");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VoclakeException("Interrupted while the stream warmed up", e);
      }
    }
    LOG.info("Bench: warmed up ({} records in the first micro-batch)", batches.all().get(0).recordsIn());
  }

  /** Waits until every planted call was alerted, at most three triggers and two minutes after the load. */
  private static void awaitPlanted(Options options, Map<String, Long> plantedAt, AlertWatcher alerts,
      CompletableFuture<?> stream) {
    long until = System.nanoTime() + options.trigger().multipliedBy(3).plusMinutes(2).toNanos();
    while (System.nanoTime() < until && !stream.isDone() && !alerts.alertedAt.keySet().containsAll(
        plantedAt.keySet())) {
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A record of the cycle (its topic: the source's folder) as sent: to its bench topic, restamped. */
  private static ProducerRecord<String, String> toSend(ProducerRecord<String, String> record, Topics topics,
      String prefix, String now) {
    boolean touchpoint = record.topic().equals(Source.TOUCHPOINTS.folder());
    return new ProducerRecord<>(touchpoint ? topics.touchpoints() : topics.interactions(),
        restamp(record.value(), touchpoint ? "event_id" : "interaction_id", prefix, now));
  }

  /** A line with its id made new ({@code prefix}) and its time the time it is sent. */
  static String restamp(String line, String idField, String prefix, String now) {
    String renamed = line.replace("\"" + idField + "\":\"", "\"" + idField + "\":\"" + prefix);
    Matcher m = TIME.matcher(renamed);
    return m.replaceFirst("\"$1\":\"" + now + "\"");
  }

  /** A hotline call whose customer ends furious: the conversation escalates. */
  private static String angryCall(String id, String now, int n) {
    return "{\"interaction_id\":\"" + id + "\",\"start_time\":\"" + now + "\",\"channel\":\"hotline\",\"kind\":\"call\","
        + "\"phone\":\"1391" + String.format(Locale.ROOT, "%07d", n) + "\",\"province\":\"广东\",\"city\":\"广州\","
        + "\"car_model\":\"星岚 S7\",\"turns\":[{\"speaker\":\"customer\",\"offset_s\":0,"
        + "\"text\":\"你好，我的车机升级以后一直黑屏\"},{\"speaker\":\"agent\",\"offset_s\":9,\"text\":\"请您稍等\"},"
        + "{\"speaker\":\"customer\",\"offset_s\":30,\"text\":\"太过分了！我要投诉，找你们领导，简直气死我了！\"}]}";
  }

  /** Reads the alerts topic: when the first alert of each planted call arrived (its Kafka timestamp). */
  private static final class AlertWatcher implements Runnable {
    private final String bootstrap;
    private final String topic;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<String, Long> alertedAt = new ConcurrentHashMap<>();

    AlertWatcher(String bootstrap, String topic) {
      this.bootstrap = bootstrap;
      this.topic = topic;
    }

    void stop() {
      running.set(false);
    }

    @Override
    public void run() {
      Properties p = new Properties();
      p.put("bootstrap.servers", bootstrap);
      ObjectMapper json = new ObjectMapper();
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
          new StringDeserializer())) {
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(Set.of(partition));
        consumer.seekToBeginning(Set.of(partition));
        while (running.get()) {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            JsonNode alert = json.readTree(record.value());
            if (LiveAlerts.CONVERSATION_RULE.equals(alert.path("rule").asText())) {
              String id = interactionId(alert.path("scope").asText());
              if (id.startsWith(PLANTED)) {
                alertedAt.putIfAbsent(id, record.timestamp());
              }
            }
          }
        }
      } catch (IOException e) {
        LOG.warn("Bench: an alert message is not JSON, the watcher stops: {}", e.getMessage());
      }
    }

    private static String interactionId(String scope) {
      for (String part : scope.split(";")) {
        if (part.startsWith("interaction_id=")) {
          return part.substring("interaction_id=".length());
        }
      }
      return "";
    }
  }

  /** What the stream's batches did, when each ended, and the windows' state. */
  private static final class Batches implements StreamProgress.Observer {
    private final List<StreamProgress.Batch> batches = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> endedAt = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong stateWindows = new AtomicLong();
    private final AtomicLong stateBytes = new AtomicLong();
    private volatile Snapshot first;
    private volatile Snapshot end;

    @Override
    public void coreBatch(long batchId, StreamProgress.Batch batch) {
      batches.add(batch);
      endedAt.add(System.nanoTime());
    }

    @Override
    public void windowsState(long rows, long bytes) {
      stateWindows.set(rows);
      stateBytes.set(bytes);
      if (first == null) {
        first = new Snapshot(0, rows, bytes);
      }
    }

    Snapshot state() {
      return new Snapshot(0, stateWindows.get(), stateBytes.get());
    }

    Snapshot firstState() {
      return first == null ? new Snapshot(0, 0, 0) : first;
    }

    List<StreamProgress.Batch> all() {
      synchronized (batches) {
        return List.copyOf(batches);
      }
    }

    /** Records of the batches after the warm-up, per second from the load's start to the last batch's end. */
    double sustainedPerSecond(long loadStartedNanos) {
      synchronized (batches) {
        if (batches.size() < 2) {
          return Double.NaN;
        }
        long records = 0;
        for (int i = 1; i < batches.size(); i++) {
          records += batches.get(i).recordsIn();
        }
        return records / ((endedAt.get(endedAt.size() - 1) - loadStartedNanos) / 1e9);
      }
    }
  }

  private static long heapMbAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    return (runtime.totalMemory() - runtime.freeMemory()) >> 20;
  }

  private static double median(List<StreamProgress.Batch> batches,
      java.util.function.ToDoubleFunction<StreamProgress.Batch> figure) {
    return batches.isEmpty() ? Double.NaN : IdentityBench.median(batches.stream().map(figure::applyAsDouble).toList());
  }

  /** Nearest rank of sorted values; a value not there (an alert that never came) is infinite. */
  static double percentile(List<Double> sorted, double p) {
    return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.ceil(p * sorted.size()) - 1);
  }

  /** A figure as JSON: null when there is none (NaN) or it never came (infinite). */
  static String number(double value) {
    return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "null";
  }
}
