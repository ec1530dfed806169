package com.voclake.publish;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Tiny in-code inputs with the exact columns of {@code voc/interactions_enriched} and the
 * {@code cdp/customer_profile} columns that publishing reads (plus one it must ignore).
 */
final class EnrichedFixtures {
  static final StructType ASPECT = new StructType()
      .add("feature", DataTypes.StringType)
      .add("polarity", DataTypes.StringType)
      .add("snippet", DataTypes.StringType);

  static final StructType ENRICHED = new StructType()
      .add("interaction_id", DataTypes.StringType)
      .add("one_id", DataTypes.StringType)
      .add("dt", DataTypes.StringType)
      .add("start_time", DataTypes.TimestampType)
      .add("channel", DataTypes.StringType)
      .add("kind", DataTypes.StringType)
      .add("province", DataTypes.StringType)
      .add("city", DataTypes.StringType)
      .add("car_model", DataTypes.StringType)
      .add("rating", DataTypes.IntegerType)
      .add("category_l1", DataTypes.StringType)
      .add("category_l2", DataTypes.StringType)
      .add("category_confidence", DataTypes.DoubleType)
      .add("sentiment", DataTypes.StringType)
      .add("sentiment_score", DataTypes.DoubleType)
      .add("emotion_start", DataTypes.DoubleType)
      .add("emotion_min", DataTypes.DoubleType)
      .add("emotion_end", DataTypes.DoubleType)
      .add("escalate", DataTypes.BooleanType)
      .add("aspects", DataTypes.createArrayType(ASPECT))
      .add("keywords", DataTypes.createArrayType(DataTypes.StringType))
      .add("text_chars", DataTypes.IntegerType);

  static final StructType PROFILE = new StructType()
      .add("one_id", DataTypes.StringType)
      .add("phone_masked", DataTypes.StringType)
      .add("primary_car_model", DataTypes.StringType)
      .add("city_tier", DataTypes.StringType)
      .add("age_band", DataTypes.StringType)
      .add("gender", DataTypes.StringType)
      .add("city", DataTypes.StringType)
      .add("province", DataTypes.StringType);

  private EnrichedFixtures() {}

  /** A builder of one enriched interaction with plausible defaults. */
  static Interaction interaction(String id) {
    return new Interaction(id);
  }

  static Row aspect(String feature, String polarity) {
    return RowFactory.create(feature, polarity, "……" + feature + "……");
  }

  static Row profile(String oneId, String carModel, String cityTier, String ageBand) {
    return profile(oneId, carModel, cityTier, ageBand, null);
  }

  static Row profile(String oneId, String carModel, String cityTier, String ageBand, String gender) {
    return RowFactory.create(oneId, "138****8000", carModel, cityTier, ageBand, gender, "广州", "广东");
  }

  /** The {@code one_id}s of owners (customers with a VIN), as publishing reads them. */
  static Dataset<Row> owners(SparkSession spark, String... oneIds) {
    List<Row> rows = new ArrayList<>();
    for (String oneId : oneIds) {
      rows.add(RowFactory.create(oneId));
    }
    return spark.createDataFrame(rows, new StructType().add("one_id", DataTypes.StringType));
  }

  static Dataset<Row> enriched(SparkSession spark, List<Interaction> interactions) {
    List<Row> rows = new ArrayList<>();
    for (Interaction interaction : interactions) {
      rows.add(interaction.row());
    }
    return spark.createDataFrame(rows, ENRICHED);
  }

  static Dataset<Row> profiles(SparkSession spark, Row... rows) {
    return spark.createDataFrame(Arrays.asList(rows), PROFILE);
  }

  /** {@code count} copies of {@code template}, ids {@code prefix-0..}; one customer each. */
  static List<Interaction> many(int count, String prefix, java.util.function.Consumer<Interaction> template) {
    List<Interaction> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Interaction interaction = interaction(prefix + "-" + i).oneId(prefix + "-c" + i);
      template.accept(interaction);
      out.add(interaction);
    }
    return out;
  }

  static final class Interaction {
    private final String id;
    private String oneId = "c1";
    private String dt = "2026-11-20";
    private String startTime = "2026-11-20T09:15:00+08:00";
    private String channel = "hotline";
    private String kind = "call";
    private String province = "广东";
    private String city = "广州";
    private String carModel = "星舰7";
    private String categoryL1 = "车机系统";
    private String categoryL2 = "导航";
    private String sentiment = "neu";
    private Double score = 0.0;
    private boolean escalate;
    private List<Row> aspects = List.of();
    private List<String> keywords = List.of();

    private Interaction(String id) {
      this.id = id;
    }

    Interaction oneId(String value) { oneId = value; return this; }
    Interaction dt(String value) { dt = value; startTime = value + startTime.substring(10); return this; }
    Interaction at(String isoTime) { startTime = isoTime; return this; }
    Interaction channel(String value) { channel = value; return this; }
    Interaction kind(String value) { kind = value; return this; }
    Interaction region(String provinceValue, String cityValue) { province = provinceValue; city = cityValue; return this; }
    Interaction carModel(String value) { carModel = value; return this; }
    Interaction category(String l1, String l2) { categoryL1 = l1; categoryL2 = l2; return this; }
    Interaction sentiment(String label, Double value) { sentiment = label; score = value; return this; }
    Interaction escalate() { escalate = true; return this; }
    Interaction aspects(Row... values) { aspects = List.of(values); return this; }
    Interaction keywords(String... values) { keywords = Arrays.asList(values); return this; }

    Row row() {
      Timestamp time = startTime == null ? null : Timestamp.from(OffsetDateTime.parse(startTime).toInstant());
      return RowFactory.create(id, oneId, dt, time, channel, kind, province, city, carModel, 3,
          categoryL1, categoryL2, 0.9, sentiment, score, score, score, score, escalate,
          aspects, keywords, 20);
    }
  }
}
