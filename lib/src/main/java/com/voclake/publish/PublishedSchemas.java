package com.voclake.publish;

import static org.apache.spark.sql.functions.col;

import com.voclake.VoclakeException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The contracts of the published BI datasets: their Spark schemas, column names and Avro schemas
 * ({@code avro/<name>.avsc} on the classpath). The Spark schema and the Avro schema of a dataset
 * describe the same columns in the same order with the same nullability; tests hold both, and the
 * written Parquet, against each other.
 *
 * <p>{@code dt} is not a column of any of them: it is the partition folder.
 */
public final class PublishedSchemas {
  public static final String REQUEST_MAP = "request_map";
  public static final String REQUEST_MAP_DAILY = "request_map_daily";
  public static final String ALERTS = "alerts";
  public static final String PRODUCT_PREFERENCE = "product_preference";

  /** The published datasets, in the order the publish job writes them. */
  public static final List<String> DATASETS = List.of(REQUEST_MAP, REQUEST_MAP_DAILY, ALERTS, PRODUCT_PREFERENCE);

  // request_map
  public static final String HOUR = "hour";
  public static final String CHANNEL = "channel";
  public static final String PROVINCE = "province";
  public static final String CITY = "city";
  public static final String CATEGORY_L1 = "category_l1";
  public static final String CATEGORY_L2 = "category_l2";
  public static final String REQUESTS = "requests";
  public static final String CUSTOMERS = "customers";
  public static final String NEGATIVE_SHARE = "negative_share";
  public static final String AVG_SENTIMENT = "avg_sentiment";
  public static final String ESCALATIONS = "escalations";
  public static final String TOP_KEYWORDS = "top_keywords";
  public static final String REQUESTS_PREVIOUS_DAY = "requests_previous_day";
  public static final String REQUESTS_LAST_WEEK = "requests_last_week";

  // alerts
  public static final String ALERT_ID = "alert_id";
  public static final String RULE = "rule";
  public static final String KIND = "kind";
  public static final String SCOPE = "scope";
  public static final String WINDOW = "window";
  public static final String STATE = "state";
  public static final String METRIC = "metric";
  public static final String OBSERVED = "observed";
  public static final String EXPECTED = "expected";
  public static final String THRESHOLD = "threshold";
  public static final String SEVERITY = "severity";
  public static final String ACTIVE_SINCE = "active_since";
  public static final String FIRED_AT = "fired_at";
  public static final String RESOLVED_AT = "resolved_at";
  public static final String INHIBITED = "inhibited";

  // product_preference (customers is shared with request_map)
  public static final String PERIOD_TYPE = "period_type";
  public static final String PERIOD = "period";
  public static final String SEGMENT_TYPE = "segment_type";
  public static final String SEGMENT = "segment";
  public static final String FEATURE = "feature";
  public static final String MENTIONS = "mentions";
  public static final String SHARE_OF_VOICE = "share_of_voice";
  public static final String POSITIVE = "positive";
  public static final String NEUTRAL = "neutral";
  public static final String NEGATIVE = "negative";
  public static final String NET_SENTIMENT = "net_sentiment";
  public static final String LIFT = "lift";
  public static final String PREVIOUS_MENTIONS = "previous_mentions";
  public static final String PREVIOUS_SHARE_OF_VOICE = "previous_share_of_voice";
  public static final String PREVIOUS_NET_SENTIMENT = "previous_net_sentiment";

  /** Value of a dimension the input did not have, so that BI group-bys stay stable. */
  public static final String UNKNOWN = "unknown";

  public static final StructType REQUEST_MAP_SCHEMA = requestMap(true);

  public static final StructType REQUEST_MAP_DAILY_SCHEMA = requestMap(false);

  public static final StructType ALERTS_SCHEMA = new StructType(new StructField[] {
      field(ALERT_ID, DataTypes.StringType, false),
      field(RULE, DataTypes.StringType, false),
      field(KIND, DataTypes.StringType, false),
      field(SCOPE, DataTypes.StringType, false),
      field(WINDOW, DataTypes.StringType, false),
      field(METRIC, DataTypes.StringType, false),
      field(STATE, DataTypes.StringType, false),
      field(SEVERITY, DataTypes.StringType, false),
      field(OBSERVED, DataTypes.DoubleType, false),
      field(EXPECTED, DataTypes.DoubleType, false),
      field(THRESHOLD, DataTypes.DoubleType, false),
      field(ACTIVE_SINCE, DataTypes.StringType, false),
      field(FIRED_AT, DataTypes.StringType, true),
      field(RESOLVED_AT, DataTypes.StringType, true),
      field(INHIBITED, DataTypes.BooleanType, false)});

  public static final StructType PRODUCT_PREFERENCE_SCHEMA = new StructType(new StructField[] {
      field(PERIOD_TYPE, DataTypes.StringType, false),
      field(PERIOD, DataTypes.StringType, false),
      field(SEGMENT_TYPE, DataTypes.StringType, false),
      field(SEGMENT, DataTypes.StringType, false),
      field(FEATURE, DataTypes.StringType, false),
      field(MENTIONS, DataTypes.LongType, false),
      field(CUSTOMERS, DataTypes.LongType, false),
      field(SHARE_OF_VOICE, DataTypes.DoubleType, false),
      field(POSITIVE, DataTypes.LongType, false),
      field(NEUTRAL, DataTypes.LongType, false),
      field(NEGATIVE, DataTypes.LongType, false),
      field(NET_SENTIMENT, DataTypes.DoubleType, false),
      field(LIFT, DataTypes.DoubleType, false),
      field(PREVIOUS_MENTIONS, DataTypes.LongType, true),
      field(PREVIOUS_SHARE_OF_VOICE, DataTypes.DoubleType, true),
      field(PREVIOUS_NET_SENTIMENT, DataTypes.DoubleType, true)});

  private static final Map<String, StructType> SPARK = Map.of(
      REQUEST_MAP, REQUEST_MAP_SCHEMA,
      REQUEST_MAP_DAILY, REQUEST_MAP_DAILY_SCHEMA,
      ALERTS, ALERTS_SCHEMA,
      PRODUCT_PREFERENCE, PRODUCT_PREFERENCE_SCHEMA);

  private PublishedSchemas() {}

  /** The Spark schema of published dataset {@code name}. */
  public static StructType sparkSchema(String name) {
    StructType schema = SPARK.get(name);
    if (schema == null) {
      throw VoclakeException.of("Unknown published dataset %s; known: %s", name, DATASETS);
    }
    return schema;
  }

  /** Column names of dataset {@code name}, in file order. */
  public static List<String> columns(String name) {
    return Arrays.asList(sparkSchema(name).fieldNames());
  }

  /** The Avro schema of dataset {@code name}, parsed from {@code avro/<name>.avsc}. */
  public static Schema avroSchema(String name) {
    sparkSchema(name);
    String resource = "/avro/" + name + ".avsc";
    try (InputStream in = PublishedSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw VoclakeException.of("Avro schema %s is missing from the classpath", resource);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new VoclakeException("Cannot read Avro schema " + resource + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code rows} with exactly the columns, order, types and nullability of dataset {@code name}.
   * Nullability is set explicitly because Spark writes a non-nullable column as a Parquet
   * {@code required} field: without this, the files' schema would follow how each column happened
   * to be computed instead of the contract. A null in a required column fails the write.
   */
  public static Dataset<Row> conform(Dataset<Row> rows, String name) {
    StructType schema = sparkSchema(name);
    Column[] columns = Arrays.stream(schema.fields())
        .map(f -> col(f.name()).cast(castable(f.dataType())).as(f.name()))
        .toArray(Column[]::new);
    Dataset<Row> typed = rows.select(columns);
    return rows.sparkSession().createDataFrame(typed.javaRDD(), schema);
  }

  /** Spark refuses to cast to non-null array elements; element nullability is set by {@link #conform}. */
  private static DataType castable(DataType type) {
    return type instanceof ArrayType array ? DataTypes.createArrayType(array.elementType(), true) : type;
  }

  /** The request map's columns; the hour grain starts with {@code hour}. */
  private static StructType requestMap(boolean hourly) {
    List<StructField> fields = new java.util.ArrayList<>();
    if (hourly) {
      fields.add(field(HOUR, DataTypes.IntegerType, true));
    }
    fields.addAll(List.of(
        field(CHANNEL, DataTypes.StringType, false),
        field(PROVINCE, DataTypes.StringType, false),
        field(CITY, DataTypes.StringType, false),
        field(CATEGORY_L1, DataTypes.StringType, false),
        field(CATEGORY_L2, DataTypes.StringType, false),
        field(REQUESTS, DataTypes.LongType, false),
        field(CUSTOMERS, DataTypes.LongType, false),
        field(NEGATIVE_SHARE, DataTypes.DoubleType, false),
        field(AVG_SENTIMENT, DataTypes.DoubleType, true),
        field(ESCALATIONS, DataTypes.LongType, false),
        field(TOP_KEYWORDS, DataTypes.createArrayType(DataTypes.StringType, false), false),
        field(REQUESTS_PREVIOUS_DAY, DataTypes.LongType, true),
        field(REQUESTS_LAST_WEEK, DataTypes.LongType, true)));
    return new StructType(fields.toArray(StructField[]::new));
  }

  private static StructField field(String name, DataType type, boolean nullable) {
    return DataTypes.createStructField(name, type, nullable);
  }
}
