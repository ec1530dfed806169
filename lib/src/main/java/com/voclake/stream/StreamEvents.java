package com.voclake.stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.voclake.io.DeltaTables;
import com.voclake.text.EnrichJob;
import com.voclake.text.EnrichedInteractionSchema;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code _streams/<query>/events} (Delta, append only, by {@code dt}): each interaction a
 * streaming query enriched, once, with its micro-batch. Its rows are staged with the enrich
 * increment ({@link EnrichJob.AlsoStage}), so they are committed with the enriched rows exactly
 * once, also when a batch is replayed after a crash. The windowed aggregates
 * ({@link RequestWindows}) read it as a stream; the batch's alerts read the batch's rows.
 */
public final class StreamEvents {
  public static final String BATCH_ID = "batch_id";
  private static final List<String> ENRICHED = List.of(EnrichedInteractionSchema.INTERACTION_ID,
      EnrichedInteractionSchema.START_TIME, EnrichedInteractionSchema.CHANNEL, EnrichedInteractionSchema.KIND,
      EnrichedInteractionSchema.PROVINCE, EnrichedInteractionSchema.CATEGORY_L1, EnrichedInteractionSchema.CATEGORY_L2,
      EnrichedInteractionSchema.SENTIMENT, EnrichedInteractionSchema.SENTIMENT_SCORE, EnrichedInteractionSchema.ESCALATE,
      EnrichedInteractionSchema.EMOTION_START, EnrichedInteractionSchema.EMOTION_MIN, EnrichedInteractionSchema.DT);

  public static final StructType SCHEMA = schema();

  private StreamEvents() {}

  /** Stages the batch's enriched rows as events of micro-batch {@code batchId} into {@code table}. */
  public static EnrichJob.AlsoStage stagedInto(String table, long batchId) {
    return (staging, enriched) -> staging.append(table, rows(enriched, batchId), EnrichedInteractionSchema.DT);
  }

  /** Events rows of enriched rows. */
  static Dataset<Row> rows(Dataset<Row> enriched, long batchId) {
    Column[] columns = new Column[SCHEMA.size()];
    for (int i = 0; i < SCHEMA.size(); i++) {
      StructField field = SCHEMA.fields()[i];
      columns[i] = (field.name().equals(BATCH_ID) ? lit(batchId) : col(field.name()))
          .cast(field.dataType()).as(field.name());
    }
    return enriched.select(columns);
  }

  /** Creates the empty table when it does not exist: a stream reading it needs it. */
  public static void createIfMissing(SparkSession spark, String table) {
    if (!DeltaTables.exists(spark, table)) {
      DeltaTables.append(spark.createDataFrame(List.of(), SCHEMA), table, EnrichedInteractionSchema.DT);
    }
  }

  /** The events micro-batch {@code batchId} committed. */
  public static Dataset<Row> ofBatch(SparkSession spark, String table, long batchId) {
    return spark.read().format("delta").load(table).where(col(BATCH_ID).equalTo(batchId));
  }

  private static StructType schema() {
    StructType out = new StructType().add(BATCH_ID, DataTypes.LongType, false);
    for (String name : ENRICHED) {
      StructField field = EnrichedInteractionSchema.SCHEMA.apply(name);
      out = out.add(field.name(), field.dataType(), true);
    }
    return out;
  }
}
