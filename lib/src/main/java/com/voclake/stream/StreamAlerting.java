package com.voclake.stream;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.Warehouse;
import com.voclake.publish.AlertRule;
import com.voclake.publish.AlertRules;
import com.voclake.publish.AlertState;
import com.voclake.publish.AlertStateSchema;
import com.voclake.publish.AlertStateStore;
import com.voclake.publish.Alerts;
import com.voclake.publish.LiveAlerts;
import com.voclake.publish.Notification;
import com.voclake.publish.PublishJob;
import com.voclake.publish.RobotNotifier;
import com.voclake.text.EnrichedInteractionSchema;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts of one micro-batch, after its increments committed: for each day the batch's
 * interactions belong to, the static rules of {@code publish.alerts} judged on the day so far
 * (every enriched row of the day, whichever job wrote it: what the daily publish will judge) and
 * fired early ({@link LiveAlerts#early}); the batch's escalated conversations
 * ({@link LiveAlerts#conversations}). Notifications go to the robots and the alerts topic, each
 * skipped when {@code state/alerts} records it as delivered (by the stream or the publish); the
 * day's stream rows of {@code state/alerts} are then replaced with the deliveries recorded.
 *
 * <p>Everything is computed from committed tables and the batch's events, so a batch replayed
 * after a crash computes the same alerts with the same ids; a notification sent and not yet
 * recorded when the process died is sent again (at least once, as for the publish). Dynamic rules
 * need a complete window to compare with their baseline: the daily publish judges them.
 */
final class StreamAlerting {
  private static final Logger LOG = LoggerFactory.getLogger(StreamAlerting.class);
  private static final String KAFKA_SINK = "kafka";
  private static final StructType MESSAGES = new StructType()
      .add("key", DataTypes.StringType).add("value", DataTypes.StringType);

  private final VoclakeConfig config;
  private final Map<String, AlertRule> rules;
  private final RobotNotifier robots;
  private final ZoneId zone;

  StreamAlerting(SparkSession spark, VoclakeConfig config) {
    this.config = config;
    this.rules = AlertRules.load(spark, config.publish().alerts()).stream().filter(r -> !r.dynamic())
        .collect(Collectors.toMap(AlertRule::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    this.robots = PublishJob.notifier(config.publish().robots());
    this.zone = ZoneId.of(config.run().timeZone());
  }

  /** What one batch's alerting did. */
  record Outcome(long firing, long conversations, long notifications, long delivered) {
    static final Outcome NONE = new Outcome(0, 0, 0, 0);

    Outcome plus(Outcome o) {
      return new Outcome(firing + o.firing, conversations + o.conversations, notifications + o.notifications,
          delivered + o.delivered);
    }
  }

  /** Alerts of micro-batch {@code batchId}, whose events are {@code events}; {@code runId} goes into the rows. */
  Outcome afterBatch(SparkSession spark, Warehouse warehouse, Dataset<Row> events, String runId) {
    List<Row> escalated = events.where(col(EnrichedInteractionSchema.ESCALATE))
        .select(EnrichedInteractionSchema.DT, EnrichedInteractionSchema.INTERACTION_ID,
            EnrichedInteractionSchema.CHANNEL, EnrichedInteractionSchema.PROVINCE, EnrichedInteractionSchema.START_TIME,
            EnrichedInteractionSchema.EMOTION_START, EnrichedInteractionSchema.EMOTION_MIN)
        .collectAsList();
    Set<String> days = new java.util.TreeSet<>();
    events.select(EnrichedInteractionSchema.DT).distinct().collectAsList().forEach(r -> days.add(r.getString(0)));
    Outcome outcome = Outcome.NONE;
    for (String dt : days) {
      List<LiveAlerts.Escalation> conversations = config.stream().escalationAlerts()
          ? escalations(escalated, dt) : List.of();
      outcome = outcome.plus(day(spark, warehouse, LocalDate.parse(dt), conversations, runId));
    }
    return outcome;
  }

  private Outcome day(SparkSession spark, Warehouse warehouse, LocalDate day, List<LiveAlerts.Escalation> escalations,
      String runId) {
    Dataset<Row> enriched = DeltaTables.read(spark, warehouse.interactionsEnriched(), "enrich")
        .where(col(EnrichedInteractionSchema.DT).equalTo(day.toString())).persist();
    Alerts.Judged judged;
    try {
      judged = Alerts.judge(enriched, List.copyOf(rules.values()), day, zone);
    } finally {
      enriched.unpersist();
    }
    AlertStateStore store = new AlertStateStore(spark, warehouse.alertState());
    Map<String, AlertState> ofDay = new LinkedHashMap<>();
    store.rowsOf(day, AlertStateSchema.STREAM).forEach(s -> ofDay.put(s.alertId(), s));
    List<AlertState> known = new ArrayList<>(store.openAt(day));
    known.addAll(ofDay.values());
    LiveAlerts.Step fired = LiveAlerts.early(known, judged.conditions(), rules);
    LiveAlerts.Step talked = LiveAlerts.conversations(ofDay.values(), escalations);
    List<Notification> notifications = new ArrayList<>(fired.notifications());
    notifications.addAll(talked.notifications());
    List<AlertState> changed = new ArrayList<>(fired.states());
    changed.addAll(talked.states());
    if (changed.isEmpty()) {
      return Outcome.NONE;
    }

    Set<String> delivered = new HashSet<>(store.deliveredOn(day));
    known.forEach(s -> delivered.addAll(s.notified()));
    Set<String> now = new HashSet<>(robots.send(notifications, delivered, day.toString(), zone).delivered());
    now.addAll(toTopic(spark, notifications, delivered));
    Map<String, Set<String>> byAlert = new HashMap<>();
    for (Notification n : notifications) {
      for (String id : deliveryIds(n)) {
        if (now.contains(id) || delivered.contains(id)) {
          byAlert.computeIfAbsent(n.alert().alertId(), a -> new HashSet<>()).add(id);
        }
      }
    }
    for (AlertState state : changed) {
      ofDay.put(state.alertId(), state.withNotified(byAlert.getOrDefault(state.alertId(), Set.of())));
    }
    DeltaTables.retryingConflicts(warehouse.alertState(),
        () -> store.replace(day, AlertStateSchema.STREAM, List.copyOf(ofDay.values()), runId));
    for (AlertState alert : fired.states()) {
      LOG.info("Stream alert {} {} {} {} {}={} (threshold {})", alert.severity().configName(),
          alert.status().configName(), alert.rule(), alert.scope(), alert.metric(), alert.observed(), alert.threshold());
    }
    long firing = fired.states().stream().filter(s -> s.status() == AlertState.Status.FIRING).count();
    return new Outcome(firing, talked.states().size(), notifications.size(), now.size());
  }

  /** Sends the notifications not delivered to the alerts topic yet; returns their delivery ids. */
  private Set<String> toTopic(SparkSession spark, List<Notification> notifications, Set<String> delivered) {
    String topic = config.stream().kafka().alertsTopic();
    if (!config.stream().kafka().enabled() || topic.isEmpty()) {
      return Set.of();
    }
    Map<String, Row> due = new TreeMap<>();
    for (Notification n : notifications) {
      String id = KAFKA_SINK + "/" + n.notificationId();
      if (!delivered.contains(id)) {
        due.put(id, RowFactory.create(n.notificationId(), LiveAlerts.json(n, zone)));
      }
    }
    if (due.isEmpty()) {
      return Set.of();
    }
    spark.createDataFrame(new ArrayList<>(due.values()), MESSAGES).write().format("kafka")
        .options(config.stream().kafka().clientOptions()).option("topic", topic).save();
    return due.keySet();
  }

  private List<String> deliveryIds(Notification n) {
    List<String> ids = new ArrayList<>(robots.deliveryIds(n));
    if (config.stream().kafka().enabled() && !config.stream().kafka().alertsTopic().isEmpty()) {
      ids.add(KAFKA_SINK + "/" + n.notificationId());
    }
    return ids;
  }

  private List<LiveAlerts.Escalation> escalations(List<Row> escalated, String dt) {
    double threshold = config.text().escalateBelow();
    List<LiveAlerts.Escalation> out = new ArrayList<>();
    for (Row r : escalated) {
      if (!dt.equals(r.getString(0))) {
        continue;
      }
      Timestamp start = r.getTimestamp(4);
      out.add(new LiveAlerts.Escalation(r.getString(1), dimension(r.getString(2)), dimension(r.getString(3)),
          start.toInstant(), r.isNullAt(5) ? Double.NaN : ((Number) r.get(5)).doubleValue(),
          r.isNullAt(6) ? Double.NaN : ((Number) r.get(6)).doubleValue(), threshold));
    }
    return out;
  }

  private static String dimension(String value) {
    return value == null || value.isBlank() ? "unknown" : value.strip();
  }
}
