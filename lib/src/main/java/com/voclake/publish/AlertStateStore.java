package com.voclake.publish;

import static com.voclake.publish.AlertStateSchema.ALERT_KEY;
import static com.voclake.publish.AlertStateSchema.DT;
import static com.voclake.publish.AlertStateSchema.EVALUATED_AT;
import static com.voclake.publish.AlertStateSchema.NOTIFIED;
import static com.voclake.publish.AlertStateSchema.SOURCE;
import static com.voclake.publish.AlertStateSchema.STATE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.row_number;

import com.voclake.io.DeltaTables;
import com.voclake.io.HadoopFiles;
import com.voclake.publish.AlertRule.Severity;
import com.voclake.publish.AlertState.Status;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Reads and writes the alert state table ({@link AlertStateSchema}) at one path. Each writer
 * replaces only its own rows of a date ({@code source}), so the daily publish and the streaming
 * job can share the table; both read every source.
 */
public final class AlertStateStore {
  private final SparkSession spark;
  private final String path;

  public AlertStateStore(SparkSession spark, String path) {
    this.spark = spark;
    this.path = path;
  }

  /** The pending and firing alerts as of the start of {@code day}: the latest row per alert before it. */
  public List<AlertState> openAt(LocalDate day) {
    if (!exists()) {
      return List.of();
    }
    Dataset<Row> latest = table().where(col(DT).lt(day.toString()))
        .withColumn("rank", row_number().over(Window.partitionBy(col(ALERT_KEY)).orderBy(col(EVALUATED_AT).desc())))
        .where(col("rank").equalTo(1))
        .where(col(STATE).isin(Status.PENDING.configName(), Status.FIRING.configName()));
    return latest.collectAsList().stream().map(AlertStateStore::fromRow).toList();
  }

  /** {@code source}'s rows of {@code day}: the episodes that writer evaluated that day, as it left them. */
  public List<AlertState> rowsOf(LocalDate day, String source) {
    if (!exists()) {
      return List.of();
    }
    return table().where(col(DT).equalTo(day.toString()).and(col(SOURCE).equalTo(source))).collectAsList().stream()
        .map(AlertStateStore::fromRow).toList();
  }

  /** Sink-qualified ids of the notifications recorded as delivered in rows of {@code day}, by any writer. */
  public Set<String> deliveredOn(LocalDate day) {
    if (!exists()) {
      return Set.of();
    }
    Set<String> out = new HashSet<>();
    for (Row row : table().where(col(DT).equalTo(day.toString())).select(explode(col(NOTIFIED))).collectAsList()) {
      out.add(row.getString(0));
    }
    return out;
  }

  /** Replaces {@code source}'s rows of {@code day} with {@code states}; returns how many were written. */
  public long replace(LocalDate day, String source, List<AlertState> states, String runId) {
    List<Row> rows = new ArrayList<>();
    for (AlertState state : states) {
      rows.add(toRow(state, day.toString(), source, runId));
    }
    Dataset<Row> frame = spark.createDataFrame(rows, AlertStateSchema.SCHEMA).coalesce(1);
    DeltaTables.replaceWhere(frame, path,
        String.format(Locale.ROOT, "%s = '%s' AND %s = '%s'", DT, day, SOURCE, source), DT);
    return rows.size();
  }

  private boolean exists() {
    return HadoopFiles.exists(spark, path + "/_delta_log");
  }

  private Dataset<Row> table() {
    return spark.read().format("delta").load(path);
  }

  static Row toRow(AlertState s, String dt, String source, String runId) {
    return RowFactory.create(dt, source, s.alertKey(), s.alertId(), s.rule(), s.kind(), s.scope(), s.metric(),
        s.window(), s.status().configName(), s.severity().configName(), s.observed(), s.expected(), s.threshold(),
        ts(s.activeSince()), ts(s.lastActiveAt()), ts(s.firedAt()), ts(s.resolvedAt()), ts(s.lastNotifiedAt()),
        s.peakSeverity() == null ? null : s.peakSeverity().configName(), s.inhibited(), ts(s.evaluatedAt()),
        List.copyOf(s.notified()), runId);
  }

  static AlertState fromRow(Row row) {
    String peak = row.getAs(AlertStateSchema.PEAK_SEVERITY);
    List<String> notified = row.getList(row.fieldIndex(NOTIFIED));
    return new AlertState(
        row.getAs(ALERT_KEY), row.getAs(AlertStateSchema.ALERT_ID), row.getAs(AlertStateSchema.RULE),
        row.getAs(AlertStateSchema.KIND), row.getAs(AlertStateSchema.SCOPE), row.getAs(AlertStateSchema.METRIC),
        row.getAs(AlertStateSchema.WINDOW), Status.valueOf(upper(row.getAs(STATE))),
        Severity.valueOf(upper(row.getAs(AlertStateSchema.SEVERITY))),
        row.<Double>getAs(AlertStateSchema.OBSERVED), row.<Double>getAs(AlertStateSchema.EXPECTED),
        row.<Double>getAs(AlertStateSchema.THRESHOLD),
        instant(row, AlertStateSchema.ACTIVE_SINCE), instant(row, AlertStateSchema.LAST_ACTIVE_AT),
        instant(row, AlertStateSchema.FIRED_AT), instant(row, AlertStateSchema.RESOLVED_AT),
        instant(row, AlertStateSchema.LAST_NOTIFIED_AT), peak == null ? null : Severity.valueOf(upper(peak)),
        row.<Boolean>getAs(AlertStateSchema.INHIBITED), instant(row, EVALUATED_AT), new HashSet<>(notified));
  }

  private static String upper(String value) {
    return value.toUpperCase(Locale.ROOT);
  }

  private static Timestamp ts(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Row row, String column) {
    Timestamp value = row.getAs(column);
    return value == null ? null : value.toInstant();
  }
}
