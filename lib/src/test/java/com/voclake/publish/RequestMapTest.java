package com.voclake.publish;

import static com.voclake.publish.EnrichedFixtures.interaction;
import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class RequestMapTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-20");
  private final SparkSession spark;

  RequestMapTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void countsRequestsCustomersAndSentimentPerHourChannelRegionAndCategory() {
    Dataset<Row> day = EnrichedFixtures.enriched(spark, List.of(
        // 09:xx Shanghai time, written in UTC on purpose: the hour follows the session time zone.
        interaction("i1").oneId("c1").at("2026-11-20T01:10:00Z").category("车机系统", "车机死机")
            .sentiment("neg", -0.8).keywords("死机", "黑屏", "重启"),
        interaction("i2").oneId("c1").at("2026-11-20T09:40:00+08:00").category("车机系统", "车机死机")
            .sentiment("neg", -0.6).keywords("黑屏", "死机", "OTA"),
        interaction("i3").oneId("c2").at("2026-11-20T09:59:59+08:00").category("车机系统", "车机死机")
            .sentiment("pos", 0.5).keywords("死机", "13800138000", "a.b@qq.com"),
        interaction("i4").oneId("c3").at("2026-11-20T10:00:00+08:00").category("车机系统", "车机死机")
            .sentiment("neu", null),
        interaction("i5").oneId(null).at("2026-11-20T10:30:00+08:00").channel("app").region(null, " ")
            .category(null, null).sentiment(null, null).keywords("续航")));

    Dataset<Row> map = RequestMap.build(day, DAY, true, 2, Set.of());

    assertThat(map.columns()).containsExactly(PublishedSchemas.REQUEST_MAP_SCHEMA.fieldNames());
    assertThat(Rows.of(map, "hour", "channel", "province", "city", "category_l1", "category_l2",
        "requests", "customers", "round(negative_share, 4)", "round(avg_sentiment, 4)", "array_join(top_keywords, ',')",
        "requests_previous_day"))
        .as("09:00 group: 3 requests by 2 customers; keywords by count, then by keyword; phone/e-mail dropped")
        .containsExactlyInAnyOrder(
            row(9, "hotline", "广东", "广州", "车机系统", "车机死机", 3L, 2L, 0.6667, -0.3,
                "死机,黑屏", null),
            row(10, "hotline", "广东", "广州", "车机系统", "车机死机", 1L, 1L, 0.0, null, "", null),
            row(10, "app", "unknown", "unknown", "unknown", "unknown", 1L, 0L, 0.0, null, "续航", null));
  }

  @Test
  void keywordTiesAreBrokenByKeywordSoRerunsAgree() {
    Dataset<Row> day = EnrichedFixtures.enriched(spark, List.of(
        interaction("i1").keywords("异响", "刹车", "座椅"),
        interaction("i2").keywords("座椅", "刹车"),
        interaction("i3").keywords("异响"),
        interaction("i4").keywords("座椅", "座椅", "座椅")));

    assertThat(Rows.of(RequestMap.build(day, DAY, true, 3, Set.of()), "array_join(top_keywords, ',')"))
        .as("座椅 in 3 interactions, 刹车 and 异响 in 2; repeats within one interaction count once")
        .containsExactly(row("座椅,刹车,异响"));
  }

  @Test
  void theDayGrainCountsEachCustomerOnceAndComparesWithTheDayBeforeAndLastWeek() {
    List<EnrichedFixtures.Interaction> rows = new ArrayList<>();
    // c1 calls at 09:00 and 15:00: two hour rows, one customer of the day.
    rows.add(interaction("a").oneId("c1").at("2026-11-20T09:10:00+08:00").category("车机系统", "车机死机").escalate());
    rows.add(interaction("b").oneId("c1").at("2026-11-20T15:10:00+08:00").category("车机系统", "车机死机"));
    rows.add(interaction("c").oneId("c2").at("2026-11-20T15:20:00+08:00").category("车机系统", "车机死机"));
    rows.add(interaction("d").oneId("c3").dt("2026-11-19").category("车机系统", "车机死机"));
    rows.add(interaction("e").oneId("c4").dt("2026-11-13").category("补能", "充电"));
    Dataset<Row> enriched = EnrichedFixtures.enriched(spark, rows);
    Set<String> withData = Set.of("2026-11-19", "2026-11-13");

    Dataset<Row> daily = RequestMap.build(enriched, DAY, false, 3, withData);
    Dataset<Row> hourly = RequestMap.build(enriched, DAY, true, 3, withData);

    assertThat(daily.columns()).containsExactly(PublishedSchemas.REQUEST_MAP_DAILY_SCHEMA.fieldNames());
    assertThat(Rows.of(daily, "category_l2", "requests", "customers", "escalations", "requests_previous_day",
        "requests_last_week"))
        .as("3 requests by 2 customers; 1 the day before; last week had data but no 车机死机")
        .containsExactly(row("车机死机", 3L, 2L, 1L, 1L, 0L));
    assertThat(Rows.of(hourly.selectExpr("sum(customers)"))).as("hour rows overcount customers")
        .containsExactly(row(3L));
    assertThat(Rows.of(RequestMap.build(enriched, DAY, false, 3, Set.of()), "requests_previous_day",
        "requests_last_week")).as("no data on those dates: null, not 0").containsExactly(row(null, null));
  }
}
