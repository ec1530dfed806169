package com.voclake.stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.voclake.config.StreamConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.Txn;
import com.voclake.publish.RequestMap;
import com.voclake.text.EnrichedInteractionSchema;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code stream/request_windows} (Delta, by {@code dt} of the window's start): the real-time
 * aggregates. Requests, negative share, escalations and mean sentiment per sliding event-time
 * window ({@code stream.window}) of the interactions' start time, category (L1, L2) and province,
 * over the events a streaming query committed ({@link StreamEvents}).
 *
 * <p>A stateful aggregation with a watermark: a window's running totals live in the state store
 * (RocksDB) until the newest start time seen is {@code watermark} past the window's end, then they
 * are dropped, so the state holds the open windows only, however long the stream runs. Each
 * micro-batch merges the windows it changed, with their totals, into the table (keyed by window,
 * category and province) under Delta's write identity of the query and batch: writing a batch
 * again changes nothing. An interaction later than the watermark is not counted (it is in
 * {@code voc/interactions_enriched} all the same).
 */
public final class RequestWindows {
  public static final String DT = "dt";
  public static final String WINDOW_START = "window_start";
  public static final String WINDOW_END = "window_end";
  public static final String CATEGORY_L1 = EnrichedInteractionSchema.CATEGORY_L1;
  public static final String CATEGORY_L2 = EnrichedInteractionSchema.CATEGORY_L2;
  public static final String PROVINCE = EnrichedInteractionSchema.PROVINCE;
  public static final String REQUESTS = "requests";
  public static final String NEGATIVE_SHARE = "negative_share";
  public static final String ESCALATIONS = "escalations";
  public static final String AVG_SENTIMENT = "avg_sentiment";
  /** The state store the aggregation keeps its windows in. */
  public static final String ROCKSDB = "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";

  public static final StructType SCHEMA = new StructType()
      .add(DT, DataTypes.StringType, false)
      .add(WINDOW_START, DataTypes.TimestampType, false)
      .add(WINDOW_END, DataTypes.TimestampType, false)
      .add(CATEGORY_L1, DataTypes.StringType, false)
      .add(CATEGORY_L2, DataTypes.StringType, false)
      .add(PROVINCE, DataTypes.StringType, false)
      .add(REQUESTS, DataTypes.LongType, false)
      .add(NEGATIVE_SHARE, DataTypes.DoubleType, false)
      .add(ESCALATIONS, DataTypes.LongType, false)
      .add(AVG_SENTIMENT, DataTypes.DoubleType, true);

  private static final List<String> KEYS = List.of(DT, WINDOW_START, CATEGORY_L1, CATEGORY_L2, PROVINCE);
  private static final String NEGATIVES = "_negatives";
  private static final String SCORE_SUM = "_score_sum";
  private static final String SCORED = "_scored";

  private RequestWindows() {}

  /** The windowed aggregation of a stream of events ({@link StreamEvents#SCHEMA}); pure. */
  public static Dataset<Row> aggregate(Dataset<Row> events, StreamConfig.Windows windows) {
    Column window = functions.window(col(EnrichedInteractionSchema.START_TIME),
        StreamConfig.Windows.interval(windows.length()), StreamConfig.Windows.interval(windows.slide()));
    return events.withWatermark(EnrichedInteractionSchema.START_TIME, StreamConfig.Windows.interval(windows.watermark()))
        .groupBy(window.as("window"), RequestMap.dimension(CATEGORY_L1).as(CATEGORY_L1),
            RequestMap.dimension(CATEGORY_L2).as(CATEGORY_L2), RequestMap.dimension(PROVINCE).as(PROVINCE))
        .agg(count(lit(1)).as(REQUESTS),
            sum(when(col(EnrichedInteractionSchema.SENTIMENT).equalTo(EnrichedInteractionSchema.NEG), 1L)
                .otherwise(0L)).as(NEGATIVES),
            sum(when(col(EnrichedInteractionSchema.ESCALATE), 1L).otherwise(0L)).as(ESCALATIONS),
            sum(col(EnrichedInteractionSchema.SENTIMENT_SCORE).cast(DataTypes.DoubleType)).as(SCORE_SUM),
            count(col(EnrichedInteractionSchema.SENTIMENT_SCORE)).as(SCORED));
  }

  /** Rows of the table from rows of {@link #aggregate}. */
  public static Dataset<Row> rows(Dataset<Row> aggregated) {
    Column start = col("window.start");
    return aggregated.select(functions.date_format(start, "yyyy-MM-dd").as(DT), start.as(WINDOW_START),
        col("window.end").as(WINDOW_END), col(CATEGORY_L1), col(CATEGORY_L2), col(PROVINCE), col(REQUESTS),
        functions.round(col(NEGATIVES).divide(col(REQUESTS)), 4).as(NEGATIVE_SHARE), col(ESCALATIONS),
        functions.round(when(col(SCORED).gt(0), col(SCORE_SUM).divide(col(SCORED))), 4).as(AVG_SENTIMENT));
  }

  /**
   * The windows query's writer: each micro-batch's changed windows merged into {@code table} with
   * the write identity {@code (appId, batch id)}, through {@code gate}.
   */
  static DataStreamWriter<Row> writer(Dataset<Row> aggregated, String table, String appId, BatchGate gate) {
    return aggregated.writeStream().outputMode("update")
        .foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) ->
            gate.run(() -> merge(rows(batch), table, new Txn(appId, batchId))));
  }

  /** Merges {@code rows} into {@code table} by window, category and province. */
  static void merge(Dataset<Row> rows, String table, Txn txn) {
    SparkSession spark = rows.sparkSession();
    List<String> on = new ArrayList<>();
    for (String key : KEYS) {
      on.add("t." + key + " = s." + key);
    }
    DeltaTables.retryingConflicts(table, () -> txn.run(spark, own -> DeltaTable.forPath(own, table).as("t")
        .merge(rows.as("s"), String.join(" AND ", on)).whenMatched().updateAll().whenNotMatched().insertAll()
        .execute()));
  }

  /** Creates the empty table when it does not exist. */
  public static void createIfMissing(SparkSession spark, String table) {
    if (!DeltaTables.exists(spark, table)) {
      DeltaTables.append(spark.createDataFrame(List.of(), SCHEMA), table, DT);
    }
  }
}
