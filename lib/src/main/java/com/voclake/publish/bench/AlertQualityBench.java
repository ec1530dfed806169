package com.voclake.publish.bench;

import com.voclake.publish.AlertDay;
import com.voclake.publish.AlertRule;
import com.voclake.publish.AlertState;
import com.voclake.publish.AlertState.Status;
import com.voclake.publish.Alerts;
import com.voclake.publish.Condition;
import com.voclake.publish.bench.IncidentHistory.Incident;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert quality on planted incidents ({@code bench alerts}): generates weeks of history with
 * known incidents ({@link IncidentHistory}), runs the rules through the same judging and
 * lifecycle as publish, day after day, and scores the alerts that fired against the truth, the
 * static rules and the dynamic rules separately, in the same run on the same rows.
 *
 * <p>An alert matches an incident when every dimension its scope names agrees with the incident
 * (its category, and its province for a province incident; a scope without a category or
 * province does not contradict) and it fired between the incident's start and one day after its
 * end. Precision = alerts that match an incident / alerts that fired; recall = incidents matched
 * by at least one alert / incidents; delay = from an incident's start to its first matching
 * alert firing. The first weeks only build history; scored are the normal weeks after them and
 * the incident weeks.
 */
public final class AlertQualityBench {
  private static final Logger LOG = LoggerFactory.getLogger(AlertQualityBench.class);

  private AlertQualityBench() {}

  /**
   * @param weeks weeks of history in all
   * @param normalWeeks scored weeks without incidents, before the incident weeks
   * @param incidentWeeks last weeks, each with one incident of each type
   */
  public record Options(LocalDate lastDay, int weeks, int normalWeeks, int incidentWeeks, long dailyVolume,
      long seed) {
    public Options {
      if (normalWeeks + incidentWeeks >= weeks) {
        throw new IllegalArgumentException("weeks (" + weeks + ") must leave history before the "
            + (normalWeeks + incidentWeeks) + " scored weeks");
      }
    }
  }

  /** Scores of one set of rules. */
  public record Score(String rules, int alerts, int trueAlerts, int falseAlerts, double precision, double recall,
      Double medianDelayHours, double falseAlertsPerNormalWeek, Map<String, String> detected) {}

  /** The bench's outcome. */
  public record Report(Options options, long interactions, int incidents, double seconds, List<Score> scores) {
    /** A small table for people. */
    public String table() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "alert quality: %d interactions over %d weeks (%d a day), %d planted incidents in the last %d weeks,"
              + " %d normal weeks scored; %.1f s%n", interactions, options.weeks(), options.dailyVolume(), incidents,
          options.incidentWeeks(), options.normalWeeks(), seconds));
      out.append(String.format(Locale.ROOT, "%-8s %7s %6s %6s %10s %7s %16s %18s%n", "rules", "alerts", "true",
          "false", "precision", "recall", "median delay h", "false/normal week"));
      for (Score s : scores) {
        out.append(String.format(Locale.ROOT, "%-8s %7d %6d %6d %10.3f %7.3f %16s %18.2f%n", s.rules(), s.alerts(),
            s.trueAlerts(), s.falseAlerts(), s.precision(), s.recall(),
            s.medianDelayHours() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.medianDelayHours()),
            s.falseAlertsPerNormalWeek()));
      }
      for (Score s : scores) {
        out.append(s.rules()).append(" detected: ").append(s.detected()).append('\n');
      }
      return out.toString();
    }

    /** One JSON line for scripts. */
    public String json() {
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
          "{\"bench\":\"alerts\",\"weeks\":%d,\"daily_volume\":%d,\"seed\":%d,\"interactions\":%d,\"incidents\":%d,"
              + "\"seconds\":%.1f", options.weeks(), options.dailyVolume(), options.seed(), interactions, incidents,
          seconds));
      for (Score s : scores) {
        out.append(String.format(Locale.ROOT, ",\"%s\":{\"alerts\":%d,\"false_alerts\":%d,\"precision\":%.4f,"
                + "\"recall\":%.4f,\"median_delay_hours\":%s,\"false_alerts_per_normal_week\":%.2f}", s.rules(),
            s.alerts(), s.falseAlerts(), s.precision(), s.recall(),
            s.medianDelayHours() == null ? "null" : String.format(Locale.ROOT, "%.2f", s.medianDelayHours()),
            s.falseAlertsPerNormalWeek()));
      }
      return out.append('}').toString();
    }
  }

  public static Report run(SparkSession spark, Options options, List<AlertRule> rules, ZoneId zone) {
    long start = System.nanoTime();
    IncidentHistory.Generated generated = IncidentHistory.generate(spark, options.lastDay(), options.weeks(),
        options.incidentWeeks(), options.dailyVolume(), options.seed(), zone);
    Dataset<Row> rows = generated.rows().persist();
    try {
      LOG.info("Generated {} interactions and {} incidents", generated.count(), generated.incidents().size());
      LocalDate firstScored = options.lastDay().minusDays(7L * (options.normalWeeks() + options.incidentWeeks()) - 1);
      LocalDate firstIncidentWeek = options.lastDay().minusDays(7L * options.incidentWeeks() - 1);
      List<Score> scores = new ArrayList<>();
      for (String kind : List.of("static", "dynamic")) {
        List<AlertRule> subset = rules.stream().filter(r -> r.kind().equals(kind)).toList();
        List<AlertState> fired = fire(rows, subset, firstScored, options.lastDay(), zone);
        scores.add(score(kind, fired, generated.incidents(), firstIncidentWeek, options.normalWeeks(), zone));
      }
      return new Report(options, generated.count(), generated.incidents().size(),
          (System.nanoTime() - start) / 1e9, scores);
    } finally {
      rows.unpersist();
    }
  }

  /** Every episode that fired from {@code from} to {@code to}, running the lifecycle day after day. */
  static List<AlertState> fire(Dataset<Row> rows, List<AlertRule> rules, LocalDate from, LocalDate to, ZoneId zone) {
    if (rules.isEmpty()) {
      return List.of();
    }
    Map<String, AlertRule> byName = rules.stream().collect(Collectors.toMap(AlertRule::name, Function.identity()));
    Map<LocalDate, List<Condition>> byDay = new TreeMap<>();
    for (Condition condition : Alerts.judge(rows, rules, from, to, zone).conditions()) {
      byDay.computeIfAbsent(condition.windowStart().atZone(zone).toLocalDate(), d -> new ArrayList<>()).add(condition);
    }
    Map<String, AlertState> fired = new LinkedHashMap<>();
    List<AlertState> open = List.of();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      AlertDay.Result result = AlertDay.evaluate(open, byDay.getOrDefault(day, List.of()), byName, day, zone);
      for (AlertState episode : result.episodes()) {
        if (episode.firedAt() != null) {
          fired.put(episode.alertId(), episode);
        }
      }
      open = result.episodes().stream()
          .filter(e -> e.status() == Status.PENDING || e.status() == Status.FIRING).toList();
    }
    return List.copyOf(fired.values());
  }

  static Score score(String name, List<AlertState> fired, List<Incident> incidents, LocalDate firstIncidentWeek,
      int normalWeeks, ZoneId zone) {
    Map<String, Instant> firstHit = new HashMap<>();
    int trueAlerts = 0;
    int falseInNormalWeeks = 0;
    for (AlertState alert : fired) {
      Optional<Incident> match = incidents.stream().filter(i -> matches(alert, i)).findFirst();
      if (match.isPresent()) {
        trueAlerts++;
        for (Incident incident : incidents) {
          if (matches(alert, incident)) {
            firstHit.merge(incident.id(), alert.firedAt(), (a, b) -> a.isBefore(b) ? a : b);
          }
        }
      } else {
        LOG.info("{} false alert: {} {} {} fired {}: {} (expected {}, threshold {})", name, alert.rule(),
            alert.scope(), alert.severity(), alert.firedAt().atZone(zone), alert.observed(), alert.expected(),
            alert.threshold());
        if (alert.firedAt().atZone(zone).toLocalDate().isBefore(firstIncidentWeek)) {
          falseInNormalWeeks++;
        }
      }
    }
    List<Double> delays = new ArrayList<>();
    Map<String, String> detected = new TreeMap<>();
    for (Incident incident : incidents) {
      Instant hit = firstHit.get(incident.id());
      if (hit != null) {
        double hours = Duration.between(incident.start().toInstant(), hit).toMinutes() / 60.0;
        delays.add(hours);
        detected.put(incident.id(), String.format(Locale.ROOT, "%.0fh", hours));
      } else {
        detected.put(incident.id(), "missed");
      }
    }
    delays.sort(Double::compare);
    Double median = delays.isEmpty() ? null : delays.size() % 2 == 1 ? delays.get(delays.size() / 2)
        : (delays.get(delays.size() / 2 - 1) + delays.get(delays.size() / 2)) / 2;
    return new Score(name, fired.size(), trueAlerts, fired.size() - trueAlerts,
        fired.isEmpty() ? 0 : (double) trueAlerts / fired.size(), (double) firstHit.size() / incidents.size(), median,
        normalWeeks == 0 ? 0 : (double) falseInNormalWeeks / normalWeeks, detected);
  }

  /** The alert's scope agrees with the incident and it fired during it or within a day after. */
  static boolean matches(AlertState alert, Incident incident) {
    Instant fired = alert.firedAt();
    if (fired.isBefore(incident.start().toInstant()) || fired.isAfter(incident.end().plusDays(1).toInstant())) {
      return false;
    }
    String l1 = l1Of(incident.categoryL2());
    for (String part : alert.scope().split(";")) {
      String[] kv = part.split("=", 2);
      if (kv.length < 2) {
        continue;
      }
      boolean agrees = switch (kv[0]) {
        case "category_l2" -> kv[1].equals(incident.categoryL2());
        case "category_l1" -> kv[1].equals(l1);
        case "province" -> incident.province() == null || kv[1].equals(incident.province());
        default -> true;
      };
      if (!agrees) {
        return false;
      }
    }
    return true;
  }

  private static String l1Of(String l2) {
    for (Object[] category : IncidentHistory.CATEGORIES) {
      if (category[1].equals(l2)) {
        return (String) category[0];
      }
    }
    return "";
  }
}
