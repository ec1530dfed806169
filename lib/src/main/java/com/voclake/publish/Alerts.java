package com.voclake.publish;

import static com.voclake.publish.PublishedSchemas.ALERT_ID;
import static com.voclake.publish.PublishedSchemas.EXPECTED;
import static com.voclake.publish.PublishedSchemas.METRIC;
import static com.voclake.publish.PublishedSchemas.OBSERVED;
import static com.voclake.publish.PublishedSchemas.REQUESTS;
import static com.voclake.publish.PublishedSchemas.RULE;
import static com.voclake.publish.PublishedSchemas.SCOPE;
import static com.voclake.publish.PublishedSchemas.SEVERITY;
import static com.voclake.publish.PublishedSchemas.THRESHOLD;
import static com.voclake.publish.PublishedSchemas.WINDOW;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.voclake.publish.AlertRule.Comparison;
import com.voclake.publish.AlertRule.Metric;
import com.voclake.publish.AlertRule.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * Static-threshold alerts over one day of enriched interactions. Pure transform: rules in, one
 * row per fired alert out, in the columns of {@link PublishedSchemas#ALERTS_SCHEMA}.
 *
 * <p>Ids are deterministic (hex SHA-256 of {@code rule|scope|window|dt}), so a rerun of a date
 * gives the same ids and a sink can de-duplicate on them; the output holds each id once.
 */
public final class Alerts {
  /** The window that daily static rules evaluate: the run's date. */
  public static final String DAY_WINDOW = "P1D";
  /** The scope of a rule that does not group: the whole day. */
  public static final String SCOPE_ALL = "all";

  private static final String OBSERVED_RAW = "observed_raw";

  private Alerts() {}

  /**
   * Evaluates {@code rules} over {@code enrichedOfDay} (the rows of date {@code dt}). A group
   * fires when it has at least the rule's min-volume requests and its metric strictly crosses a
   * threshold; the alert carries the most severe level crossed and that level's threshold. A
   * group whose metric is undefined (no sentiment scores) never fires. Null or blank dimension
   * values are grouped as {@code unknown}, as in the request map.
   */
  public static Dataset<Row> evaluate(Dataset<Row> enrichedOfDay, List<AlertRule> rules, String dt) {
    SparkSession spark = enrichedOfDay.sparkSession();
    Dataset<Row> fired = null;
    for (AlertRule rule : rules) {
      Dataset<Row> ofRule = evaluateRule(enrichedOfDay, rule, dt);
      fired = fired == null ? ofRule : fired.unionByName(ofRule);
    }
    if (fired == null) {
      return spark.createDataFrame(List.of(), PublishedSchemas.ALERTS_SCHEMA);
    }
    // Rule names are unique, so ids are too; this keeps the one-row-per-id promise even when a
    // caller passes a list with the same rule twice.
    return fired.dropDuplicates(ALERT_ID);
  }

  private static Dataset<Row> evaluateRule(Dataset<Row> rows, AlertRule rule, String dt) {
    Dataset<Row> input = rows;
    for (Map.Entry<String, List<String>> filter : rule.filter().entrySet()) {
      input = input.where(RequestMap.dimension(filter.getKey()).isin(filter.getValue().toArray()));
    }
    Column[] groupBy = rule.scope().stream()
        .map(dimension -> RequestMap.dimension(dimension).as(dimension))
        .toArray(Column[]::new);
    Dataset<Row> groups = input.groupBy(groupBy).agg(
        count(lit(1)).as(REQUESTS),
        metricValue(rule.metric()).cast(DataTypes.DoubleType).as(OBSERVED_RAW));

    Column observed = col(OBSERVED_RAW);
    Column severity = null;
    Column threshold = null;
    // Most severe first, so that the first level crossed is the one reported.
    for (Severity level : rule.thresholds().descendingKeySet()) {
      double value = rule.thresholds().get(level);
      Column crossed = rule.comparison() == Comparison.ABOVE ? observed.gt(value) : observed.lt(value);
      severity = severity == null ? when(crossed, lit(level.configName()))
          : severity.when(crossed, lit(level.configName()));
      threshold = threshold == null ? when(crossed, lit(value)) : threshold.when(crossed, lit(value));
    }

    Column scope = scopeKey(rule.scope());
    Column id = sha2(concat_ws("|", lit(rule.name()), scope, lit(DAY_WINDOW), lit(dt)), 256);
    return groups
        .where(col(REQUESTS).geq(rule.minVolume()).and(observed.isNotNull()))
        .select(
            id.as(ALERT_ID),
            lit(rule.name()).as(RULE),
            scope.as(SCOPE),
            lit(DAY_WINDOW).as(WINDOW),
            lit(rule.metric().configName()).as(METRIC),
            observed.as(OBSERVED),
            lit(null).cast(DataTypes.DoubleType).as(EXPECTED),
            threshold.as(THRESHOLD),
            severity.as(SEVERITY))
        .where(col(SEVERITY).isNotNull());
  }

  /** {@code dim=value;dim=value} in the rule's scope order, or {@code all}. */
  private static Column scopeKey(List<String> scope) {
    if (scope.isEmpty()) {
      return lit(SCOPE_ALL);
    }
    List<Column> parts = new ArrayList<>();
    for (String dimension : scope) {
      parts.add(concat(lit(dimension + "="), col(dimension)));
    }
    return concat_ws(";", parts.toArray(Column[]::new));
  }

  private static Column metricValue(Metric metric) {
    return switch (metric) {
      case REQUESTS -> count(lit(1));
      case CUSTOMERS -> count_distinct(col(EnrichedColumns.ONE_ID));
      case NEGATIVE_SHARE -> avg(when(col(EnrichedColumns.SENTIMENT).equalTo(EnrichedColumns.NEGATIVE),
          lit(1.0)).otherwise(lit(0.0)));
      case AVG_SENTIMENT -> avg(col(EnrichedColumns.SENTIMENT_SCORE).cast(DataTypes.DoubleType));
      case ESCALATIONS -> sum(when(col(EnrichedColumns.ESCALATE), lit(1L)).otherwise(lit(0L)));
    };
  }
}
