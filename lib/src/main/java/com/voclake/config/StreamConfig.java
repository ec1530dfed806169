package com.voclake.config;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings of the {@code stream} job. The command line's {@code --query}, {@code --trigger} and
 * {@code --kafka-bootstrap} win over the file ({@link #withQuery}, {@link #withTrigger},
 * {@link #withKafkaBootstrap}).
 *
 * @param query the streaming query's name: its folder {@code _streams/<query>/} (checkpoints)
 *     and the application of its increments ({@code stream-<query>/identity})
 * @param trigger how often a micro-batch starts, or catch up and stop
 * @param maxFilesPerTrigger landing-directory mode: files of each source read per micro-batch at most
 * @param windows the real-time aggregates' event-time windows
 * @param escalationAlerts whether an escalated conversation raises an alert of its own
 * @param kafka the Kafka source and the alerts topic; off (landing directory) when the bootstrap is empty
 */
public record StreamConfig(String query, Trigger trigger, int maxFilesPerTrigger, Windows windows,
    boolean escalationAlerts, Kafka kafka) {

  public StreamConfig {
    if (query == null || !query.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new ConfigException(String.format(
          "Cannot set stream.query to %s: use 1 to 64 letters, digits, '_' or '-'", query));
    }
    if (maxFilesPerTrigger < 1) {
      throw new ConfigException(String.format(
          "Cannot set stream.max-files-per-trigger to %d: the value must be at least 1", maxFilesPerTrigger));
    }
  }

  /**
   * When micro-batches start: every {@code interval}, or, for {@code available-now}, as many as it
   * takes to read what has arrived, then the job stops.
   *
   * @param interval time between micro-batch starts; null for available-now
   */
  public record Trigger(Duration interval) {
    public static final String AVAILABLE_NOW = "available-now";

    public boolean availableNow() {
      return interval == null;
    }

    /** {@code available-now} or a duration such as {@code 10s}; throws {@link ConfigException}. */
    public static Trigger parse(String text) {
      String value = text == null ? "" : text.strip();
      if (value.equals(AVAILABLE_NOW)) {
        return new Trigger(null);
      }
      Duration interval;
      try {
        interval = com.typesafe.config.ConfigFactory.parseString("d = \"" + value.replace("\"", "") + "\"")
            .getDuration("d");
      } catch (com.typesafe.config.ConfigException e) {
        interval = null;
      }
      if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new ConfigException(String.format(
            "Cannot use trigger %s: give a duration of at least 1s, such as 10s, or %s", text, AVAILABLE_NOW));
      }
      return new Trigger(interval);
    }

    @Override
    public String toString() {
      return availableNow() ? AVAILABLE_NOW : interval.toSeconds() + "s";
    }
  }

  /**
   * Sliding event-time windows of the interactions' start time.
   *
   * @param length how long one window is
   * @param slide how often a window starts (at most {@code length})
   * @param watermark how late an interaction may arrive and still count: a window's state is
   *     dropped once the newest start time seen is this far past its end
   */
  public record Windows(Duration length, Duration slide, Duration watermark) {
    public Windows {
      if (length.compareTo(Duration.ofSeconds(1)) < 0 || slide.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new ConfigException(String.format(
            "Cannot set stream.window to length %s, slide %s: both must be at least 1s", length, slide));
      }
      if (slide.compareTo(length) > 0 || length.toMillis() % slide.toMillis() != 0) {
        throw new ConfigException(String.format(
            "Cannot set stream.window.slide to %s: it must divide stream.window.length (%s), e.g. 1m for 5m",
            slide, length));
      }
      if (watermark.isNegative()) {
        throw new ConfigException(String.format(
            "Cannot set stream.window.watermark to %s: the value must be 0 or more", watermark));
      }
    }

    /** Spark's interval text of a duration ({@code 300 seconds}). */
    public static String interval(Duration duration) {
      return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " seconds" : duration.toMillis()
          + " milliseconds";
    }
  }

  /**
   * The Kafka source (and the alerts topic). A record's {@code value} is one JSON line; its
   * topic says which source it is.
   *
   * @param bootstrap {@code host:port,...}; empty = read the landing directory instead
   * @param touchpointsTopics topics holding touchpoint events
   * @param interactionsTopics topics holding interactions
   * @param alertsTopic topic the stream's alert notifications go to; empty = none
   * @param startingOffsets where a new query starts: {@code earliest} or {@code latest}
   * @param maxOffsetsPerTrigger records per micro-batch at most, over all topics
   * @param options further Kafka client settings (security, SASL, ...), passed to the consumer
   *     and the producer
   */
  public record Kafka(String bootstrap, List<String> touchpointsTopics, List<String> interactionsTopics,
      String alertsTopic, String startingOffsets, long maxOffsetsPerTrigger, Map<String, String> options) {
    /** Settings that Spark's Kafka source sets itself and refuses to take. */
    static final Set<String> SPARK_OWNED = Set.of("group.id", "auto.offset.reset", "key.deserializer",
        "value.deserializer", "key.serializer", "value.serializer", "enable.auto.commit", "interceptor.classes",
        "bootstrap.servers");

    public Kafka {
      bootstrap = bootstrap == null ? "" : bootstrap.strip();
      touchpointsTopics = List.copyOf(touchpointsTopics);
      interactionsTopics = List.copyOf(interactionsTopics);
      alertsTopic = alertsTopic == null ? "" : alertsTopic.strip();
      options = Map.copyOf(options);
      if (touchpointsTopics.isEmpty() || interactionsTopics.isEmpty()) {
        throw new ConfigException("Cannot set stream.kafka.touchpoints-topics or interactions-topics to []:"
            + " each source needs at least one topic");
      }
      Set<String> seen = new HashSet<>();
      for (String topic : concat(touchpointsTopics, interactionsTopics)) {
        if (!topic.matches("[A-Za-z0-9._-]+")) {
          throw new ConfigException(String.format(
              "Cannot use Kafka topic '%s' in stream.kafka: topic names are letters, digits, '.', '_' and '-'", topic));
        }
        if (!seen.add(topic)) {
          throw new ConfigException(String.format(
              "Kafka topic %s is listed twice in stream.kafka: a topic holds touchpoints or interactions, not both",
              topic));
        }
      }
      if (seen.contains(alertsTopic)) {
        throw new ConfigException(String.format(
            "Cannot set stream.kafka.alerts-topic to %s: the stream reads that topic", alertsTopic));
      }
      if (!startingOffsets.equals("earliest") && !startingOffsets.equals("latest")) {
        throw new ConfigException(String.format(
            "Cannot set stream.kafka.starting-offsets to %s: use earliest or latest", startingOffsets));
      }
      if (maxOffsetsPerTrigger < 1) {
        throw new ConfigException(String.format(
            "Cannot set stream.kafka.max-offsets-per-trigger to %d: the value must be at least 1",
            maxOffsetsPerTrigger));
      }
      for (String key : options.keySet()) {
        if (SPARK_OWNED.contains(key)) {
          throw new ConfigException(String.format(
              "Cannot set stream.kafka.options.\"%s\": Spark's Kafka source sets it itself%s", key,
              key.equals("bootstrap.servers") ? "; use stream.kafka.bootstrap or --kafka-bootstrap" : ""));
        }
      }
    }

    public boolean enabled() {
      return !bootstrap.isEmpty();
    }

    /** Every topic the stream reads. */
    public List<String> topics() {
      return concat(touchpointsTopics, interactionsTopics);
    }

    /** The options with Spark's {@code kafka.} prefix, bootstrap included. */
    public Map<String, String> clientOptions() {
      Map<String, String> out = new TreeMap<>();
      options.forEach((k, v) -> out.put("kafka." + k, v));
      out.put("kafka.bootstrap.servers", bootstrap);
      return out;
    }

    @Override
    public String toString() {
      // Option values may be credentials (sasl.jaas.config): only their names are shown.
      return String.format(Locale.ROOT, "Kafka[bootstrap=%s, touchpointsTopics=%s, interactionsTopics=%s,"
              + " alertsTopic=%s, startingOffsets=%s, maxOffsetsPerTrigger=%d, options=%s]",
          bootstrap.isEmpty() ? "(off: landing directory)" : bootstrap, touchpointsTopics, interactionsTopics,
          alertsTopic.isEmpty() ? "(off)" : alertsTopic, startingOffsets, maxOffsetsPerTrigger,
          new java.util.TreeSet<>(options.keySet()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }
  }

  static StreamConfig from(Config c) {
    Config w = c.getConfig("window");
    Config k = c.getConfig("kafka");
    Map<String, String> options = new TreeMap<>();
    Config o = k.getConfig("options");
    o.entrySet().forEach(e -> options.put(e.getKey().replace("\"", ""), String.valueOf(e.getValue().unwrapped())));
    return new StreamConfig(c.getString("query"), Trigger.parse(c.getString("trigger")),
        c.getInt("max-files-per-trigger"),
        new Windows(w.getDuration("length"), w.getDuration("slide"), w.getDuration("watermark")),
        c.getBoolean("escalation-alerts"),
        new Kafka(k.getString("bootstrap"), k.getStringList("touchpoints-topics"), k.getStringList("interactions-topics"),
            k.getString("alerts-topic"), k.getString("starting-offsets"), k.getLong("max-offsets-per-trigger"),
            options));
  }

  public StreamConfig withQuery(String newQuery) {
    return new StreamConfig(newQuery, trigger, maxFilesPerTrigger, windows, escalationAlerts, kafka);
  }

  public StreamConfig withTrigger(Trigger newTrigger) {
    return new StreamConfig(query, newTrigger, maxFilesPerTrigger, windows, escalationAlerts, kafka);
  }

  public StreamConfig withKafkaBootstrap(String bootstrap) {
    return new StreamConfig(query, trigger, maxFilesPerTrigger, windows, escalationAlerts,
        new Kafka(bootstrap, kafka.touchpointsTopics(), kafka.interactionsTopics(), kafka.alertsTopic(),
            kafka.startingOffsets(), kafka.maxOffsetsPerTrigger(), kafka.options()));
  }
}
