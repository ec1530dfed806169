package com.voclake.publish;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;

import com.voclake.publish.AlertRule.Metric;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Measures a rule over the enriched interactions: one {@link Observation} per scope and window of
 * the days evaluated that has at least the rule's min-volume requests, with, for a dynamic rule, the values
 * of the same window in each past season. The only Spark step of alerting; what it returns is
 * small (groups of the evaluated days that passed the volume floor) and judged on the driver.
 *
 * <p>Hour windows are hours of {@code start_time} in the session time zone (the run's); day
 * windows are landing dates ({@code dt}), as in the request map. A past season counts as history
 * only if its date has enriched rows at all (the warehouse had data that day); then, for a count
 * metric, a scope without rows in that window counts as 0.
 */
public final class AlertObservations {
  private static final String WINDOW_START = "window_start";
  private static final String VOLUME = "volume";
  private static final String VALUE = "value";
  private static final String LAG = "lag";
  private static final String SLOT = "slot_start";
  private static final String HISTORY = "history";
  private static final String PAST = "past_";

  private AlertObservations() {}

  /** The first date a rule reads to evaluate {@code day}: earlier seasons for a baseline. */
  public static LocalDate firstDate(AlertRule rule, LocalDate day) {
    return rule.dynamic() ? day.minusDays(rule.baseline().periods() * rule.baseline().season().lag().toDays()) : day;
  }

  /**
   * The observations of the windows from the start of {@code from} to the end of {@code to}.
   *
   * @param enriched rows of {@code voc/interactions_enriched} covering {@link #firstDate} of
   *     {@code from} to {@code to}
   * @param dataDays the dates ({@code yyyy-MM-dd}) that have enriched rows
   */
  public static List<Observation> collect(Dataset<Row> enriched, AlertRule rule, LocalDate from, LocalDate to,
      ZoneId zone, Collection<String> dataDays) {
    Dataset<Row> input = enriched.where(col(EnrichedColumns.DT).between(firstDate(rule, from).toString(), to.toString()));
    for (Map.Entry<String, List<String>> filter : rule.filter().entrySet()) {
      input = input.where(RequestMap.dimension(filter.getKey()).isin(filter.getValue().toArray()));
    }
    List<Column> keys = new ArrayList<>();
    for (String dimension : rule.scope()) {
      keys.add(RequestMap.dimension(dimension).as(dimension));
    }
    keys.add((rule.grain() == AlertRule.Grain.HOUR
        ? date_trunc("HOUR", col(EnrichedColumns.START_TIME))
        : to_timestamp(col(EnrichedColumns.DT))).as(WINDOW_START));
    Dataset<Row> groups = input.groupBy(keys.toArray(Column[]::new)).agg(
        count(lit(1)).as(VOLUME), metricValue(rule.metric()).cast(DataTypes.DoubleType).as(VALUE));

    Timestamp dayStart = Timestamp.from(from.atStartOfDay(zone).toInstant());
    Timestamp dayEnd = Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant());
    Dataset<Row> targets = groups.where(col(WINDOW_START).geq(lit(dayStart)).and(col(WINDOW_START).lt(lit(dayEnd)))
        .and(col(VOLUME).geq(rule.minVolume())));
    if (rule.dynamic()) {
      targets = withHistory(targets, groups, rule, dataDays);
    }

    List<Observation> out = new ArrayList<>();
    for (Row row : targets.collectAsList()) {
      Instant start = row.<Timestamp>getAs(WINDOW_START).toInstant();
      double[] history = new double[0];
      if (rule.dynamic()) {
        List<Double> values = row.getList(row.fieldIndex(HISTORY));
        history = values.stream().mapToDouble(Double::doubleValue).toArray();
      }
      int valueIndex = row.fieldIndex(VALUE);
      out.add(new Observation(rule.name(), scope(rule, row), start, start.plus(rule.grain().length()),
          row.getLong(row.fieldIndex(VOLUME)), row.isNullAt(valueIndex) ? Double.NaN : row.getDouble(valueIndex),
          history));
    }
    return out;
  }

  /** Adds {@code history}: the group's values in the same window of each past season that had data. */
  private static Dataset<Row> withHistory(Dataset<Row> targets, Dataset<Row> groups, AlertRule rule,
      Collection<String> dataDays) {
    long lagDays = rule.baseline().season().lag().toDays();
    Dataset<Row> slots = targets
        .withColumn(LAG, explode(sequence(lit(1), lit(rule.baseline().periods()))))
        .withColumn(SLOT, expr("timestampadd(DAY, -" + LAG + " * " + lagDays + ", " + WINDOW_START + ")"));
    List<Column> pastColumns = new ArrayList<>();
    for (String column : groups.columns()) {
      pastColumns.add(col(column).as(PAST + column));
    }
    Dataset<Row> past = groups.select(pastColumns.toArray(Column[]::new));
    Column join = slots.col(SLOT).equalTo(past.col(PAST + WINDOW_START));
    for (String dimension : rule.scope()) {
      join = join.and(slots.col(dimension).equalTo(past.col(PAST + dimension)));
    }
    Column pastValue = rule.metric().isCount() ? coalesce(col(PAST + VALUE), lit(0.0)) : col(PAST + VALUE);
    Column hadData = date_format(col(SLOT), "yyyy-MM-dd").isin(dataDays.toArray());
    List<Column> targetKeys = new ArrayList<>();
    for (String column : targets.columns()) {
      targetKeys.add(slots.col(column));
    }
    return slots.join(past, join, "left")
        .groupBy(targetKeys.toArray(Column[]::new))
        .agg(collect_list(when(hadData, pastValue)).as(HISTORY));
  }

  /** {@code dim=value;dim=value} in the rule's scope order, or {@code all}. */
  static String scope(AlertRule rule, Row row) {
    if (rule.scope().isEmpty()) {
      return Alerts.SCOPE_ALL;
    }
    List<String> parts = new ArrayList<>();
    for (String dimension : rule.scope()) {
      parts.add(dimension + "=" + row.getString(row.fieldIndex(dimension)));
    }
    return String.join(";", parts);
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
