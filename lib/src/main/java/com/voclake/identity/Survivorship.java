package com.voclake.identity;

import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.voclake.config.IdentityConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Profile survivorship: which of a customer's records gives each profile attribute, by the rule
 * {@code identity.survivorship} sets for it. Every rule looks only at non-null values:
 * <ul>
 *   <li>{@code newest}: the value of the newest record (event time, then record key);
 *   <li>{@code most_frequent}: the value most records carry; ties to the newest;
 *   <li>{@code source_priority}: the value from the best channel of {@code identity.source-priority}
 *       that has one (unlisted channels rank after every listed one); then the newest.
 * </ul>
 * Results are deterministic whatever the order of the input.
 */
public final class Survivorship {
  private Survivorship() {}

  /**
   * One row per {@code one_id} with the surviving value of every attribute in {@code rules}.
   *
   * @param records {@code one_id, record_key, event_time, channel} and one column per attribute
   * @param rules attribute column to rule
   * @param sourcePriority channels, best first
   * @param more other aggregates per {@code one_id}, computed in the same grouping
   */
  public static Dataset<Row> apply(Dataset<Row> records, Map<String, String> rules, List<String> sourcePriority,
      List<Column> more) {
    Dataset<Row> ranked = records;
    List<Column> aggregates = new ArrayList<>(more);
    Column priority = sourcePriority.isEmpty() ? lit(0)
        : functions.coalesce(lit(sourcePriority.size() + 1).minus(array_position(
            functions.array(sourcePriority.stream().map(functions::lit).toArray(Column[]::new)),
            col(IdentityRecordsSchema.CHANNEL)).cast("int")), lit(0));
    for (Map.Entry<String, String> e : rules.entrySet()) {
      String attribute = e.getKey();
      Column value = col(attribute);
      Column newest = struct(col(IdentityRecordsSchema.EVENT_TIME), col(IdentityRecordsSchema.RECORD_KEY));
      Column key = switch (e.getValue()) {
        case IdentityConfig.NEWEST -> newest;
        case IdentityConfig.SOURCE_PRIORITY -> struct(priority.as("p"), newest.as("n"));
        case IdentityConfig.MOST_FREQUENT -> {
          String frequency = "_frequency_" + attribute;
          ranked = ranked.withColumn(frequency, count(value).over(
              Window.partitionBy(col(IdentityResolution.ONE_ID), value)));
          yield struct(col(frequency).as("f"), newest.as("n"));
        }
        default -> throw new IllegalArgumentException("Unknown survivorship rule " + e.getValue());
      };
      aggregates.add(max_by(value, when(value.isNotNull(), key)).as(attribute));
    }
    return ranked.groupBy(col(IdentityResolution.ONE_ID))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]));
  }
}
