package com.voclake.publish;

import static org.apache.spark.sql.functions.col;

import com.voclake.publish.AlertState.Status;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerting for one day: measures every rule ({@link AlertObservations}), judges each window
 * ({@link RuleEvaluation}), and turns the day's alert episodes into the rows of published
 * {@code alerts}. The lifecycle itself is {@link AlertLifecycle}.
 */
public final class Alerts {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
  /** The scope of a rule that does not group: everything. */
  public static final String SCOPE_ALL = "all";

  private Alerts() {}

  /**
   * The crossed windows of one day and what the rules could not judge.
   *
   * @param conditions the crossed windows, every rule
   * @param observations windows measured (groups at or above their rule's min-volume)
   * @param noBaseline per dynamic rule, windows it left silent for lack of history
   */
  public record Judged(List<Condition> conditions, long observations, Map<String, Long> noBaseline) {}

  /** The first date any of {@code rules} reads to evaluate {@code day}. */
  public static LocalDate firstDate(Collection<AlertRule> rules, LocalDate day) {
    return rules.stream().map(r -> AlertObservations.firstDate(r, day)).min(Comparator.naturalOrder()).orElse(day);
  }

  /** Judges {@code rules} on {@code day}; see {@link #judge(Dataset, List, LocalDate, LocalDate, ZoneId)}. */
  public static Judged judge(Dataset<Row> enriched, List<AlertRule> rules, LocalDate day, ZoneId zone) {
    return judge(enriched, rules, day, day, zone);
  }

  /**
   * Judges {@code rules} on the days {@code from} to {@code to}. {@code enriched} must cover
   * {@link #firstDate} of {@code from} to {@code to}; a dynamic rule that lacks history says so
   * once in the log (how many windows, how many seasons it needs) and stays silent.
   */
  public static Judged judge(Dataset<Row> enriched, List<AlertRule> rules, LocalDate from, LocalDate to, ZoneId zone) {
    String day = from.equals(to) ? from.toString() : from + "/" + to;
    Set<String> dataDays = new TreeSet<>();
    for (Row row : enriched.where(col(EnrichedColumns.DT).between(firstDate(rules, from).toString(), to.toString()))
        .select(EnrichedColumns.DT).distinct().collectAsList()) {
      dataDays.add(row.getString(0));
    }
    List<Condition> conditions = new ArrayList<>();
    Map<String, Long> noBaseline = new LinkedHashMap<>();
    long observations = 0;
    for (AlertRule rule : rules) {
      long silent = 0;
      for (Observation observation : AlertObservations.collect(enriched, rule, from, to, zone, dataDays)) {
        observations++;
        RuleEvaluation.Verdict verdict = RuleEvaluation.evaluate(rule, observation);
        verdict.condition().ifPresent(conditions::add);
        silent += verdict.noBaseline() ? 1 : 0;
      }
      if (silent > 0) {
        noBaseline.put(rule.name(), silent);
        LOG.info("Rule {} stays silent on {} windows of {}: no baseline yet (it needs {} of the past {} {}s"
            + " with data)", rule.name(), silent, day, rule.baseline().minPeriods(), rule.baseline().periods(),
            rule.baseline().season().configName());
      }
    }
    return new Judged(List.copyOf(conditions), observations, noBaseline);
  }

  /**
   * Rows of published {@code alerts} ({@link PublishedSchemas#ALERTS_SCHEMA}) for the day's
   * episodes: times as ISO-8601 with the offset of {@code zone}.
   */
  public static Dataset<Row> rows(SparkSession spark, List<AlertState> episodes, ZoneId zone) {
    List<Row> rows = new ArrayList<>();
    for (AlertState s : episodes) {
      rows.add(RowFactory.create(s.alertId(), s.rule(), s.kind(), s.scope(), s.window(), s.metric(),
          s.status().configName(), s.severity().configName(), s.observed(), s.expected(), s.threshold(),
          iso(s.activeSince(), zone), iso(s.firedAt(), zone), iso(s.resolvedAt(), zone), s.inhibited()));
    }
    return spark.createDataFrame(rows, PublishedSchemas.ALERTS_SCHEMA);
  }

  /** Episodes that fire at the end of the day or fired during it, most severe first. */
  public static List<AlertState> firedOrFiring(List<AlertState> episodes) {
    return episodes.stream().filter(s -> s.status() != Status.PENDING)
        .sorted(Comparator.comparing(AlertState::severity).reversed()
            .thenComparing(AlertState::rule).thenComparing(AlertState::scope))
        .toList();
  }

  static String iso(Instant instant, ZoneId zone) {
    return instant == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
  }
}
