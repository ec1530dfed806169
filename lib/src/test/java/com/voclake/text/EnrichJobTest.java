package com.voclake.text;

import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.VoclakeConfig;
import com.voclake.identity.Forget;
import com.voclake.identity.GivenIdentifier;
import com.voclake.io.DeltaTables;
import com.voclake.pipeline.RunContext;
import com.voclake.pipeline.StageResult;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@ExtendWith(SparkExtension.class)
class EnrichJobTest {
  private static final String DT = "2026-11-18";
  private static final StructType JOURNEY = new StructType()
      .add("record_type", "string").add("event_id", "string").add("interaction_id", "string")
      .add("one_id", "string").add("event_time", "timestamp").add("channel", "string")
      .add("event_type", "string").add("dt", "string");

  private final SparkSession spark;

  EnrichJobTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void enrichesADayIdempotentlyWithoutLeakingIdentifiers(@TempDir Path tmp) {
    Rows.writeLines(tmp.resolve("in/interactions/dt=" + DT + "/part-0.jsonl"),
        "{\"interaction_id\":\"i1\",\"start_time\":\"2026-11-18T09:00:00+08:00\",\"channel\":\"app\",\"kind\":\"review\","
            + "\"phone\":\"13800138000\",\"province\":\"广东\",\"city\":\"深圳\",\"car_model\":\"G6\",\"rating\":\"3\","
            + "\"text\":\"动力很足，但是油耗太高。有事打我电话13800138000\"}",
        "{\"interaction_id\":\"i2\",\"start_time\":\"2026-11-18T10:00:00+08:00\",\"channel\":\"hotline\",\"kind\":\"call\","
            + "\"phone\":\"13900139000\",\"turns\":["
            + "{\"speaker\":\"agent\",\"offset_s\":0,\"text\":\"您好，请问有什么可以帮您\"},"
            + "{\"speaker\":\"customer\",\"offset_s\":5,\"text\":\"你好，车机用着挺流畅的，想问下导航怎么设置\"},"
            + "{\"speaker\":\"customer\",\"offset_s\":40,\"text\":\"设置了没反应，车机又死机了，我电话 139 0013 9000\"},"
            + "{\"speaker\":\"customer\",\"offset_s\":80,\"text\":\"车机太垃圾了，一直死机，售后还踢皮球，我要投诉\"}]}",
        "{\"interaction_id\":\"i3\",\"start_time\":\"2026-11-18T11:00:00+08:00\",\"channel\":\"chat\",\"kind\":\"chat\","
            + "\"email\":\"zhang@qq.com\",\"text\":\"APP登录一直提示验证码错误，我的邮箱 zhang@qq.com\"}",
        "{\"interaction_id\":\"i4\",\"start_time\":\"2026-11-18T12:00:00+08:00\",\"channel\":\"web\",\"kind\":\"survey\","
            + "\"cookie_id\":\"c1\",\"text\":\"今天天气真好\"}",
        "{\"interaction_id\":\"i5\",\"start_time\":\"2026-11-18T12:00:00+08:00\"");
    VoclakeConfig config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    RunContext ctx = RunContext.start("enrich", LocalDate.parse(DT), config);
    Timestamp t = Timestamp.valueOf("2026-11-18 09:00:00");
    DeltaTables.overwrite(spark.createDataFrame(List.of(
        RowFactory.create("interaction", null, "i1", "O-1", t, "app", "review", DT),
        RowFactory.create("interaction", null, "i2", "O-2", t, "hotline", "call", DT),
        RowFactory.create("event", "e1", null, "O-2", t, "app", "login", DT)), JOURNEY),
        ctx.warehouse().customerJourney(), "dt");

    StageResult result = EnrichJob.run(spark, ctx);

    assertThat(result.recordsIn()).isEqualTo(5);
    assertThat(result.recordsOut()).isEqualTo(4);
    assertThat(result.quarantined()).as("the truncated line").isEqualTo(1);
    // Only conversations escalate: i2's customer falls below text.escalate-below; the negative
    // single texts i1 and i3 do not, however low they score.
    assertThat(result.figures()).containsAllEntriesOf(
        Map.of("escalations", 1L, "uncategorised", 2L, "aspects", 4L, "duplicates_of_enriched", 0L));
    Dataset<Row> table = spark.read().format("delta").load(ctx.warehouse().interactionsEnriched());
    assertThat(table.schema().fields()).as("whole fields of the contract")
        .containsExactly(EnrichedInteractionSchema.SCHEMA.fields());
    List<List<Object>> expected = List.of(
        row("i1", "O-1", DT, "app", "review", "广东", "深圳", "G6", 3, "其他", "其他", "neg", false, 22),
        row("i2", "O-2", DT, "hotline", "call", null, null, null, null, "智能座舱", "车机死机", "neg", true, 66),
        row("i3", null, DT, "chat", "chat", null, null, null, null, "账户会员", "账号登录", "neg", false, 24),
        row("i4", null, DT, "web", "survey", null, null, null, null, "其他", "其他", "pos", false, 6));
    String[] columns = {"interaction_id", "one_id", "dt", "channel", "kind", "province", "city", "car_model", "rating",
        "category_l1", "category_l2", "sentiment", "escalate", "text_chars"};
    assertThat(Rows.of(table, columns)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(Rows.of(table.where("interaction_id = 'i1'"),
        "transform(aspects, a -> concat(a.feature, ':', a.polarity))", "emotion_start = sentiment_score",
        "emotion_min = emotion_end", "sentiment_score between -1 and 0"))
        .containsExactly(row(seq("动力:pos", "油耗:neg"), true, true, true));
    assertThat(Rows.of(table.where("interaction_id = 'i2'"), "emotion_start > 0", "emotion_min < -0.6",
        "emotion_end = emotion_min", "size(keywords) between 1 and 5", "array_contains(keywords, '死机')"))
        .containsExactly(row(true, true, true, true, true));

    List<Object> leaks = Rows.of(table, "concat_ws('|', concat_ws('|', keywords), "
        + "concat_ws('|', transform(aspects, a -> a.snippet)))").stream().map(r -> r.get(0)).toList();
    assertThat(leaks).as("no identifier reaches keywords or snippets").noneMatch(s -> String.valueOf(s)
        .matches("(?s).*(138|139|0013|8000|9000|zhang|qq\\.com|\\[).*"));

    Dataset<Row> voc = spark.read().format("delta").load(ctx.warehouse().customerVoc());
    assertThat(Rows.of(voc, "one_id", "interactions", "to_json(interactions_by_kind)", "complaints", "escalations",
        "last_sentiment", "interest_tags"))
        .as("one row per one_id of the enriched rows (i3, i4 have none); i2 escalates; each customer complains about what its text runs down")
        .containsExactlyInAnyOrder(
            row("O-1", 1L, "{\"review\":1}", 0L, 0L, "neg", seq("抱怨油耗")),
            row("O-2", 1L, "{\"call\":1}", 0L, 1L, "neg", seq("抱怨服务", "抱怨车机")));
    List<List<Object>> vocBefore = Rows.of(voc.orderBy("one_id"));

    List<List<Object>> before = Rows.of(table.orderBy("interaction_id"));
    EnrichJob.run(spark, RunContext.start("enrich", LocalDate.parse(DT), config));
    Dataset<Row> rerun = spark.read().format("delta").load(ctx.warehouse().interactionsEnriched());
    assertThat(rerun.count()).as("no duplicates after a rerun").isEqualTo(4);
    assertThat(Rows.of(rerun.orderBy("interaction_id"))).as("the same rows").isEqualTo(before);
    assertThat(Rows.of(spark.read().format("delta").load(ctx.warehouse().customerVoc()).orderBy("one_id")))
        .as("a rerun of the date: the same customer summaries, nothing counted twice").isEqualTo(vocBefore);

    Forget.run(spark, RunContext.start("forget", LocalDate.parse(DT), config),
        GivenIdentifier.of(config, "one_id", "O-2"), false);
    assertThat(Rows.of(spark.read().format("delta").load(ctx.warehouse().customerVoc()), "one_id"))
        .as("forget erases the customer's summary, and only it").containsExactly(row("O-1"));
  }

  private static scala.collection.immutable.Seq<Object> seq(Object... values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(values)).toList();
  }
}
