package com.voclake.publish;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import com.voclake.config.ConfigException;
import com.voclake.io.HadoopFiles;
import com.voclake.publish.AlertRule.Baseline;
import com.voclake.publish.AlertRule.Comparison;
import com.voclake.publish.AlertRule.Grain;
import com.voclake.publish.AlertRule.Lifecycle;
import com.voclake.publish.AlertRule.Metric;
import com.voclake.publish.AlertRule.Season;
import com.voclake.publish.AlertRule.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * Loads and validates the alert rules file ({@code publish.alerts}, HOCON): static and dynamic
 * rules. Every problem is a {@link ConfigException} whose message names the file and the rule.
 * The format is documented in {@code conf/alerts.conf}.
 */
public final class AlertRules {
  /** Dimensions a rule may group by or filter on: columns of the enriched interactions. */
  public static final List<String> DIMENSIONS = List.of(
      EnrichedColumns.CHANNEL, EnrichedColumns.KIND, EnrichedColumns.PROVINCE, EnrichedColumns.CITY,
      EnrichedColumns.CAR_MODEL, EnrichedColumns.CATEGORY_L1, EnrichedColumns.CATEGORY_L2);

  private static final Set<String> RULE_KEYS = Set.of(
      "name", "description", "scope", "where", "metric", "comparison", "grain", "thresholds", "min-volume",
      "baseline", "for", "keep-firing-for", "repeat-interval");
  private static final Set<String> BASELINE_KEYS = Set.of("season", "periods", "min-periods", "min-spread",
      "min-relative-spread");

  private AlertRules() {}

  /** Reads the rules file at {@code path} (any Hadoop path). */
  public static List<AlertRule> load(SparkSession spark, String path) {
    if (!HadoopFiles.exists(spark, path)) {
      throw new ConfigException("Alert rules file " + path + " does not exist: set publish.alerts to"
          + " the path of an alerts.conf (conf/alerts.conf is the sample)");
    }
    return parse(HadoopFiles.readString(spark, path), path);
  }

  /** Parses rules from HOCON {@code text}; {@code origin} names the file in messages. */
  public static List<AlertRule> parse(String text, String origin) {
    Config root;
    try {
      root = ConfigFactory.parseString(text,
          ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setOriginDescription(origin))
          .resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Cannot parse alert rules file " + origin + ": " + e.getMessage(), e);
    }
    if (!root.hasPath("rules") || root.getValue("rules").valueType() != ConfigValueType.LIST) {
      throw new ConfigException("Alert rules file " + origin + " must have a list 'rules = [ {...} ]'");
    }
    Set<String> unknownTop = new HashSet<>(root.root().keySet());
    unknownTop.remove("rules");
    if (!unknownTop.isEmpty()) {
      throw new ConfigException(String.format(
          "Unknown key%s %s in alert rules file %s: only 'rules' is allowed at the top level",
          unknownTop.size() > 1 ? "s" : "", new TreeSet<>(unknownTop), origin));
    }
    ConfigList list = root.getList("rules");
    List<AlertRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      ConfigValue value = list.get(i);
      String where = "rule #" + (i + 1);
      if (value.valueType() != ConfigValueType.OBJECT) {
        throw new ConfigException("In alert rules file " + origin + ", " + where + " must be an object { ... }");
      }
      Config rule = ((com.typesafe.config.ConfigObject) value).toConfig();
      try {
        AlertRule parsed = parseRule(rule, origin, where);
        if (!names.add(parsed.name())) {
          throw new ConfigException(String.format(
              "In alert rules file %s, rule '%s' is defined twice: rule names must be unique"
                  + " (they are part of each alert's id)", origin, parsed.name()));
        }
        rules.add(parsed);
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException(String.format("In alert rules file %s, %s: %s", origin,
            describe(rule, where), e.getMessage()), e);
      }
    }
    return List.copyOf(rules);
  }

  private static AlertRule parseRule(Config rule, String origin, String position) {
    String where = describe(rule, position);
    Set<String> unknown = new TreeSet<>(rule.root().keySet());
    unknown.removeAll(RULE_KEYS);
    if (!unknown.isEmpty()) {
      throw fail(origin, where, "unknown key%s %s; known keys: %s", unknown.size() > 1 ? "s" : "",
          unknown, new TreeSet<>(RULE_KEYS));
    }
    if (!rule.hasPath("name") || rule.getString("name").isBlank()) {
      throw fail(origin, where, "'name' is required");
    }
    String name = rule.getString("name").strip();
    if (name.contains("|")) {
      throw fail(origin, where, "the name must not contain '|'");
    }

    List<String> scope = rule.hasPath("scope") ? rule.getStringList("scope") : List.of();
    for (String dimension : scope) {
      if (!DIMENSIONS.contains(dimension)) {
        throw fail(origin, where, "scope dimension '%s' is not one of %s", dimension, DIMENSIONS);
      }
    }
    if (new HashSet<>(scope).size() != scope.size()) {
      throw fail(origin, where, "scope %s lists a dimension twice", scope);
    }

    Map<String, List<String>> filter = new LinkedHashMap<>();
    if (rule.hasPath("where")) {
      Config whereConfig = rule.getConfig("where");
      for (String dimension : new TreeSet<>(whereConfig.root().keySet())) {
        if (!DIMENSIONS.contains(dimension)) {
          throw fail(origin, where, "'where' dimension '%s' is not one of %s", dimension, DIMENSIONS);
        }
        List<String> values = whereConfig.getStringList(quoted(dimension));
        if (values.isEmpty()) {
          throw fail(origin, where, "'where.%s' must list at least one value", dimension);
        }
        filter.put(dimension, values);
      }
    }

    Metric metric = parseEnum(Metric.class, required(rule, "metric", origin, where), "metric", origin, where);
    Comparison comparison = parseEnum(Comparison.class, required(rule, "comparison", origin, where),
        "comparison", origin, where);

    Grain grain = rule.hasPath("grain")
        ? parseEnum(Grain.class, rule.getString("grain"), "grain", origin, where) : Grain.DAY;
    Baseline baseline = rule.hasPath("baseline") ? parseBaseline(rule.getConfig("baseline"), origin, where) : null;
    TreeMap<Severity, Double> thresholds = parseThresholds(rule, origin, where);
    if (baseline == null) {
      checkOrder(thresholds, comparison, origin, where);
    } else {
      checkSpreads(thresholds, origin, where);
    }

    if (!rule.hasPath("min-volume")) {
      throw fail(origin, where, "'min-volume' is required: the requests a group needs before the rule may fire");
    }
    long minVolume = rule.getLong("min-volume");
    if (minVolume < 1) {
      throw fail(origin, where, "cannot set min-volume to %d: the value must be at least 1", minVolume);
    }
    Lifecycle lifecycle = new Lifecycle(
        duration(rule, "for", Duration.ZERO, origin, where),
        duration(rule, "keep-firing-for", Duration.ZERO, origin, where),
        duration(rule, "repeat-interval", Lifecycle.IMMEDIATE.repeatInterval(), origin, where));
    if (lifecycle.repeatInterval().isZero()) {
      throw fail(origin, where, "cannot set repeat-interval to 0: the value must be a positive duration such as 24h");
    }
    return new AlertRule(name, scope, filter, metric, comparison, grain, thresholds, minVolume, baseline, lifecycle);
  }

  private static TreeMap<Severity, Double> parseThresholds(Config rule, String origin, String where) {
    if (!rule.hasPath("thresholds")) {
      throw fail(origin, where, "'thresholds' is required, e.g. thresholds { warning = 0.6, critical = 0.8 }");
    }
    Config thresholdConfig = rule.getConfig("thresholds");
    TreeMap<Severity, Double> thresholds = new TreeMap<>();
    for (String level : thresholdConfig.root().keySet()) {
      Severity severity = parseEnum(Severity.class, level, "severity", origin, where);
      double threshold;
      try {
        threshold = thresholdConfig.getDouble(quoted(level));
      } catch (com.typesafe.config.ConfigException.WrongType e) {
        throw fail(origin, where, "thresholds.%s must be a number, not '%s'", level,
            thresholdConfig.getValue(quoted(level)).unwrapped());
      }
      if (!Double.isFinite(threshold)) {
        throw fail(origin, where, "threshold %s of %s must be a finite number", threshold, level);
      }
      thresholds.put(severity, threshold);
    }
    if (thresholds.isEmpty()) {
      throw fail(origin, where, "'thresholds' needs at least one of %s", severityNames());
    }
    return thresholds;
  }

  private static Baseline parseBaseline(Config baseline, String origin, String where) {
    Set<String> unknown = new TreeSet<>(baseline.root().keySet());
    unknown.removeAll(BASELINE_KEYS);
    if (!unknown.isEmpty()) {
      throw fail(origin, where, "unknown baseline key%s %s; known keys: %s", unknown.size() > 1 ? "s" : "",
          unknown, new TreeSet<>(BASELINE_KEYS));
    }
    Season season = parseEnum(Season.class, baseline.hasPath("season") ? baseline.getString("season") : "week",
        "baseline.season", origin, where);
    int periods = baseline.hasPath("periods") ? baseline.getInt("periods") : 4;
    int minPeriods = baseline.hasPath("min-periods") ? baseline.getInt("min-periods") : Math.min(3, periods);
    double minSpread = baseline.hasPath("min-spread") ? baseline.getDouble("min-spread") : 0.0;
    double minRelative = baseline.hasPath("min-relative-spread") ? baseline.getDouble("min-relative-spread") : 0.0;
    if (!(minRelative >= 0) || minRelative > 10) {
      throw fail(origin, where, "cannot set baseline.min-relative-spread to %s: the value must be from 0 to 10",
          minRelative);
    }
    if (periods < 1 || periods > 52) {
      throw fail(origin, where, "cannot set baseline.periods to %d: the value must be from 1 to 52", periods);
    }
    if (minPeriods < 1 || minPeriods > periods) {
      throw fail(origin, where, "cannot set baseline.min-periods to %d: the value must be from 1 to periods (%d)",
          minPeriods, periods);
    }
    if (!(minSpread >= 0) || !Double.isFinite(minSpread)) {
      throw fail(origin, where, "cannot set baseline.min-spread to %s: the value must be 0 or more", minSpread);
    }
    return new Baseline(season, periods, minPeriods, minSpread, minRelative);
  }

  /** Dynamic levels count spreads: positive, and more of them for a more severe level. */
  private static void checkSpreads(TreeMap<Severity, Double> thresholds, String origin, String where) {
    double previous = 0;
    for (Map.Entry<Severity, Double> entry : thresholds.entrySet()) {
      if (entry.getValue() <= previous) {
        throw fail(origin, where, "with a baseline, thresholds count spreads: %s = %s must be greater than %s",
            entry.getKey().configName(), entry.getValue(), previous == 0 ? "0" : "the level below (" + previous + ")");
      }
      previous = entry.getValue();
    }
  }

  private static Duration duration(Config rule, String key, Duration fallback, String origin, String where) {
    if (!rule.hasPath(key)) {
      return fallback;
    }
    Duration value;
    try {
      value = rule.getDuration(key);
    } catch (com.typesafe.config.ConfigException.BadValue | com.typesafe.config.ConfigException.WrongType e) {
      throw fail(origin, where, "'%s' must be a duration such as 2h or 1d, not '%s'", key,
          rule.getValue(key).unwrapped());
    }
    if (value.isNegative()) {
      throw fail(origin, where, "cannot set %s to %s: the value must not be negative", key, value);
    }
    return value;
  }

  /** A more severe level must need a more extreme value, or it could never be told apart. */
  private static void checkOrder(TreeMap<Severity, Double> thresholds, Comparison comparison,
      String origin, String where) {
    Map.Entry<Severity, Double> previous = null;
    for (Map.Entry<Severity, Double> entry : thresholds.entrySet()) {
      if (previous != null) {
        boolean ordered = comparison == Comparison.ABOVE
            ? entry.getValue() > previous.getValue()
            : entry.getValue() < previous.getValue();
        if (!ordered) {
          throw fail(origin, where, "with comparison %s, the %s threshold (%s) must be %s the %s threshold (%s)",
              comparison.configName(), entry.getKey().configName(), entry.getValue(),
              comparison == Comparison.ABOVE ? "greater than" : "less than",
              previous.getKey().configName(), previous.getValue());
        }
      }
      previous = entry;
    }
  }

  private static String required(Config rule, String key, String origin, String where) {
    if (!rule.hasPath(key)) {
      throw fail(origin, where, "'%s' is required", key);
    }
    return rule.getString(key);
  }

  private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String what,
      String origin, String where) {
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String known = Arrays.stream(type.getEnumConstants())
          .map(c -> c.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(" | "));
      throw fail(origin, where, "%s '%s' is not one of %s", what, value, known);
    }
  }

  private static String severityNames() {
    return Arrays.stream(Severity.values()).map(Severity::configName).collect(Collectors.joining(", "));
  }

  private static String describe(Config rule, String position) {
    try {
      return rule.hasPath("name") ? "rule '" + rule.getString("name") + "'" : position;
    } catch (com.typesafe.config.ConfigException e) {
      return position;
    }
  }

  /** Keys are data here (dimension and severity names); quote them so dots stay literal. */
  private static String quoted(String key) {
    return com.typesafe.config.ConfigUtil.joinPath(key);
  }

  private static ConfigException fail(String origin, String where, String format, Object... args) {
    return new ConfigException("In alert rules file " + origin + ", " + where + ": "
        + String.format(format, args));
  }
}
