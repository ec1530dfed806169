package com.voclake.publish;

import static com.voclake.publish.EnrichedFixtures.aspect;
import static com.voclake.publish.EnrichedFixtures.interaction;
import static com.voclake.publish.EnrichedFixtures.profile;
import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class ProductPreferenceTest {
  private final SparkSession spark;

  ProductPreferenceTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void periodCoversTheWindowEndingOnTheRunDate() {
    assertThat(ProductPreference.period(LocalDate.parse("2026-11-20"), 30)).isEqualTo("2026-10-22/2026-11-20");
    assertThat(ProductPreference.period(LocalDate.parse("2026-11-20"), 1)).isEqualTo("2026-11-20/2026-11-20");
  }

  @Test
  void sharesOfVoiceSentimentAndLiftPerSegment() {
    Dataset<Row> window = EnrichedFixtures.enriched(spark, List.of(
        interaction("i1").oneId("c1").aspects(aspect("自动驾驶", "pos"), aspect("续航", "neg")),
        interaction("i2").oneId("c1").dt("2026-11-19").aspects(aspect("自动驾驶", "pos")),
        interaction("i3").oneId("c2").aspects(aspect("续航", "neg"), aspect("座椅加热", "neu")),
        // No profile: the interaction's car model stands in, tier and age band are unknown.
        interaction("i4").oneId("c9").carModel("星舰5").aspects(aspect("续航", "pos"), aspect(" ", "neg")),
        interaction("i5").oneId("c2").aspects()));
    Dataset<Row> profiles = EnrichedFixtures.profiles(spark,
        profile("c1", "星舰7", "一线", "25-34"),
        profile("c2", "星舰7", "新一线", null));

    Dataset<Row> preference = ProductPreference.build(window, profiles, "2026-10-22/2026-11-20");

    assertThat(preference.columns()).containsExactly(PublishedSchemas.PRODUCT_PREFERENCE_SCHEMA.fieldNames());
    assertThat(Rows.of(preference.where("segment_type in ('all', 'car_model')"),
        "period", "segment_type", "segment", "feature", "mentions", "customers", "round(share_of_voice, 4)",
        "positive", "negative", "round(net_sentiment, 4)", "round(lift, 4)"))
        .as("6 mentions in all: 自动驾驶 2, 续航 3, 座椅加热 1; 星舰7 has 5 of them")
        .containsExactlyInAnyOrder(
            row("2026-10-22/2026-11-20", "all", "all", "自动驾驶", 2L, 1L, 0.3333, 2L, 0L, 1.0, 1.0),
            row("2026-10-22/2026-11-20", "all", "all", "续航", 3L, 3L, 0.5, 1L, 2L, -0.3333, 1.0),
            row("2026-10-22/2026-11-20", "all", "all", "座椅加热", 1L, 1L, 0.1667, 0L, 0L, 0.0, 1.0),
            row("2026-10-22/2026-11-20", "car_model", "星舰7", "自动驾驶", 2L, 1L, 0.4, 2L, 0L, 1.0, 1.2),
            row("2026-10-22/2026-11-20", "car_model", "星舰7", "续航", 2L, 2L, 0.4, 0L, 2L, -1.0, 0.8),
            row("2026-10-22/2026-11-20", "car_model", "星舰7", "座椅加热", 1L, 1L, 0.2, 0L, 0L, 0.0, 1.2),
            row("2026-10-22/2026-11-20", "car_model", "星舰5", "续航", 1L, 1L, 1.0, 1L, 0L, 1.0, 2.0));
    assertThat(Rows.of(preference.where("segment_type = 'age_band'"), "segment", "feature", "mentions"))
        .as("a missing age band is a segment of its own, unknown")
        .containsExactlyInAnyOrder(
            row("25-34", "自动驾驶", 2L), row("25-34", "续航", 1L),
            row("unknown", "续航", 2L), row("unknown", "座椅加热", 1L));
    assertThat(Rows.of(preference.where("segment_type = 'city_tier' and feature = '续航'"), "segment", "mentions"))
        .containsExactlyInAnyOrder(row("一线", 1L), row("新一线", 1L), row("unknown", 1L));
  }
}
