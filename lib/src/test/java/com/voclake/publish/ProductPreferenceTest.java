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

  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private static final List<ProductPreference.Period> PERIODS = ProductPreference.periods(30);

  @Test
  void periodsEndOnTheRunDateAndReadTwiceTheLongestBack() {
    assertThat(PERIODS.stream().map(p -> p.type() + " " + p.period(DAY)).toList()).containsExactly(
        "day 2026-11-20/2026-11-20", "week 2026-11-14/2026-11-20", "month 2026-10-22/2026-11-20");
    assertThat(ProductPreference.firstDate(DAY, PERIODS)).isEqualTo("2026-09-22");
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

    Dataset<Row> all = ProductPreference.build(window, profiles, EnrichedFixtures.owners(spark), DAY, PERIODS);
    Dataset<Row> preference = all.where("period_type = 'month'");

    assertThat(all.columns()).containsExactly(PublishedSchemas.PRODUCT_PREFERENCE_SCHEMA.fieldNames());
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

  @Test
  void genderStageAndTheTrendAgainstThePreviousPeriod() {
    Dataset<Row> enriched = EnrichedFixtures.enriched(spark, List.of(
        interaction("now1").oneId("c1").aspects(aspect("座椅加热", "pos")),
        interaction("now2").oneId("c2").aspects(aspect("座椅加热", "neu"), aspect("续航", "neg")),
        interaction("now3").oneId("c2").dt("2026-11-15").aspects(aspect("续航", "neg")),
        // The week before: 续航 only.
        interaction("before").oneId("c1").dt("2026-11-10").aspects(aspect("续航", "pos"))));
    Dataset<Row> profiles = EnrichedFixtures.profiles(spark,
        profile("c1", "星舰7", "三线", "35-44", "F"), profile("c2", "星舰7", "三线", "25-34", "M"));

    Dataset<Row> preference = ProductPreference.build(enriched, profiles, EnrichedFixtures.owners(spark, "c1"), DAY,
        PERIODS);

    assertThat(Rows.of(preference.where("segment_type in ('gender', 'stage') and period_type = 'day'"),
        "segment_type", "segment", "feature", "mentions", "positive", "neutral", "negative"))
        .as("c1 is an owner (车主) and F; c2 a prospect (潜客) and M")
        .containsExactlyInAnyOrder(
            row("gender", "F", "座椅加热", 1L, 1L, 0L, 0L),
            row("gender", "M", "座椅加热", 1L, 0L, 1L, 0L),
            row("gender", "M", "续航", 1L, 0L, 0L, 1L),
            row("stage", "车主", "座椅加热", 1L, 1L, 0L, 0L),
            row("stage", "潜客", "座椅加热", 1L, 0L, 1L, 0L),
            row("stage", "潜客", "续航", 1L, 0L, 0L, 1L));
    assertThat(Rows.of(preference.where("segment_type = 'all' and period_type = 'week'"), "feature", "mentions",
        "round(share_of_voice, 4)", "round(net_sentiment, 4)", "previous_mentions", "previous_share_of_voice",
        "previous_net_sentiment"))
        .as("this week: 座椅加热 2, 续航 2 (both negative); the week before: 续航 1, positive")
        .containsExactlyInAnyOrder(
            row("座椅加热", 2L, 0.5, 0.5, null, null, null),
            row("续航", 2L, 0.5, -1.0, 1L, 1.0, 1.0));
  }
}
