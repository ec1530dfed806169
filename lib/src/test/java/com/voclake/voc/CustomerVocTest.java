package com.voclake.voc;

import static com.voclake.testing.Rows.row;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.io.Identifiers;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.text.EnrichedInteractionSchema;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The customer summary as a pure step, on enriched rows built in code. */
@ExtendWith(SparkExtension.class)
class CustomerVocTest {
  private static final String D1 = "2026-11-17";
  private static final String D2 = "2026-11-18";
  private static final String[] SUMMARY = {"one_id", "interactions", "negative_interactions", "complaints",
      "escalations", "avg_sentiment_score", "last_sentiment", "last_sentiment_score",
      "cast(first_contact_time as string)", "cast(last_contact_time as string)", "last_dt"};

  private final SparkSession spark;

  CustomerVocTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void summarisesEachCustomerWithFeaturesAndTags() {
    Dataset<Row> enriched = enriched(
        interaction("i1", "A", D1, "09:00", "hotline", "call", "智能座舱", "neg", -0.8, true, aspect("车机", "neg")),
        interaction("i2", "A", D1, "12:00", "app", "review", "其他", "pos", 0.6, false, aspect("续航", "pos")),
        interaction("i3", "A", D2, "08:00", "web", "complaint", "补能续航", "neg", -0.4, false,
            aspect("续航", "neu"), aspect("车机", "neg")),
        interaction("i4", "B", D2, "10:00", "chat", null, "投诉维权", "neu", 0.0, false),
        interaction("i5", null, D2, "11:00", "chat", "chat", "其他", "pos", 0.5, false, aspect("空间", "pos")));

    Dataset<Row> summary = CustomerVoc.summarize(enriched);

    assertThat(typed(summary.schema())).as("the table's columns and types, in order (Delta reads all as nullable)")
        .isEqualTo(typed(CustomerVocSchema.SCHEMA));
    assertThat(Rows.of(summary, SUMMARY)).as("one row per one_id; the row without one_id left out")
        .containsExactlyInAnyOrder(
            row("A", 3L, 2L, 1L, 1L, -0.2, "neg", -0.4, "2026-11-17 09:00:00", "2026-11-18 08:00:00", D2),
            row("B", 1L, 0L, 1L, 0L, 0.0, "neu", 0.0, "2026-11-18 10:00:00", "2026-11-18 10:00:00", D2));
    assertThat(Rows.of(summary.where("one_id = 'A'"),
        "to_json(interactions_by_kind)", "to_json(interactions_by_channel)", "to_json(features)", "interest_tags"))
        .containsExactly(row("{\"call\":1,\"complaint\":1,\"review\":1}",
            "{\"app\":1,\"hotline\":1,\"web\":1}",
            "[{\"feature\":\"续航\",\"mentions\":2,\"positive\":1,\"negative\":0,\"neutral\":1,\"net_sentiment\":0.5},"
                + "{\"feature\":\"车机\",\"mentions\":2,\"positive\":0,\"negative\":2,\"neutral\":0,\"net_sentiment\":-1.0}]",
            seq("抱怨车机", "关注续航")));
    assertThat(Rows.of(summary.where("one_id = 'B'"), "to_json(interactions_by_kind)", "size(features)",
        "size(interest_tags)")).as("a missing kind is counted as unknown; no features, no tags")
        .containsExactly(row("{\"unknown\":1}", 0, 0));
  }

  @Test
  void tagRulesNeedEnoughMentionsAndMoreNegativeThanPositiveToComplain() {
    Dataset<Row> enriched = enriched(
        interaction("i1", "A", D1, "09:00", "app", "review", "其他", "pos", 0.5, false,
            aspect("续航", "pos"), aspect("空间", "neg"), aspect("座椅加热", "pos"), aspect("动力", "neu")),
        interaction("i2", "A", D1, "10:00", "app", "review", "其他", "pos", 0.5, false,
            aspect("空间", "pos"), aspect("座椅加热", "neg"), aspect("动力", "neu")));

    assertThat(Rows.of(CustomerVoc.summarize(enriched), "interest_tags"))
        .as("续航: one mention, not enough to care; 空间 and 座椅加热: one negative, one positive, so no"
            + " complaint but an interest; 动力: neutral twice, an interest")
        .containsExactly(row(seq("关注动力", "关注座椅加热", "关注空间")));
    assertThat(Rows.of(CustomerVoc.summarize(enriched(
        interaction("i1", "A", D1, "09:00", "app", "review", "其他", "neg", -0.5, false, aspect("价格", "neg")))),
        "interest_tags")).as("one negative mention is a complaint").containsExactly(row(seq("抱怨价格")));
  }

  @Test
  void aRerunOfADateReplacesItsRowsInsteadOfAddingThem() {
    Dataset<Row> stored = enriched(
        interaction("i1", "A", D1, "09:00", "app", "review", "其他", "pos", 0.6, false, aspect("续航", "pos")),
        interaction("i2", "A", D2, "09:00", "app", "review", "其他", "neg", -0.6, false, aspect("车机", "neg")),
        interaction("i3", "C", D2, "09:00", "app", "review", "其他", "neg", -0.6, false),
        interaction("i9", "Z", D1, "09:00", "app", "review", "其他", "neg", -0.6, false));
    // The date again, without i3 (no longer landed).
    Dataset<Row> written = enriched(
        interaction("i2", "A", D2, "09:00", "app", "review", "其他", "neg", -0.6, false, aspect("车机", "neg")));

    CustomerVoc.Changes changes = CustomerVoc.apply(stored, written, col("dt").equalTo(D2));

    assertThat(Rows.of(changes.rows(), "one_id", "interactions", "avg_sentiment_score", "interest_tags"))
        .as("A from both dates, i2 once; Z untouched so not recomputed")
        .containsExactly(row("A", 2L, 0.0, seq("抱怨车机")));
    assertThat(Rows.of(changes.gone())).as("C has no enriched row left").containsExactly(row("C"));
    assertThat(Rows.of(changes.rows())).as("the same as summarising the table as it will be")
        .isEqualTo(Rows.of(CustomerVoc.summarize(stored.where("interaction_id in ('i1', 'i2')"))));
  }

  @Test
  void aMergeMovesTheSummaryToTheSurvivorAndDeletesTheMergedCustomer() {
    Dataset<Row> stored = enriched(
        interaction("i1", "A", D1, "09:00", "app", "review", "其他", "pos", 0.6, false, aspect("续航", "pos")),
        interaction("i2", "B", D1, "10:00", "hotline", "call", "其他", "pos", 0.4, false, aspect("续航", "pos")));
    // Identity moved B's interaction to A: the enriched row is rewritten with the survivor's one_id.
    Dataset<Row> moved = enriched(
        interaction("i2", "A", D1, "10:00", "hotline", "call", "其他", "pos", 0.4, false, aspect("续航", "pos")));

    CustomerVoc.Changes changes = CustomerVoc.apply(stored, moved, lit(false));

    assertThat(Rows.of(changes.rows(), "one_id", "interactions", "to_json(interactions_by_channel)", "interest_tags"))
        .containsExactly(row("A", 2L, "{\"app\":1,\"hotline\":1}", seq("关注续航")));
    assertThat(Rows.of(changes.gone())).as("the merged one_id's row must not linger").containsExactly(row("B"));
  }

  @Test
  void theFirstIncrementSummarisesItsOwnRowsAndNoColumnCarriesRawIdentifiers() {
    Dataset<Row> written = enriched(
        interaction("i1", "A", D1, "09:00", "app", "review", "其他", "pos", 0.6, false, aspect("续航", "pos")));
    CustomerVoc.Changes changes = CustomerVoc.apply(null, written, lit(false));
    assertThat(Rows.of(changes.rows(), "one_id", "interactions")).containsExactly(row("A", 1L));
    assertThat(changes.gone().count()).isZero();
    List<String> names = Arrays.stream(CustomerVocSchema.SCHEMA.fieldNames()).toList();
    assertThat(names).as("no identifier, name, text, snippet or keyword column")
        .doesNotContainAnyElementsOf(Identifiers.ALL)
        .doesNotContain("name", "text", "turns", "snippet", "keywords", "interaction_id");
  }

  private static List<String> typed(StructType schema) {
    return Arrays.stream(schema.fields()).map(f -> f.name() + " " + f.dataType().sql()).toList();
  }

  private Dataset<Row> enriched(Row... rows) {
    return spark.createDataFrame(Arrays.asList(rows), EnrichedInteractionSchema.SCHEMA);
  }

  private static Row interaction(String id, String oneId, String dt, String time, String channel, String kind,
      String categoryL1, String sentiment, double score, boolean escalate, Row... aspects) {
    List<Object> values = new ArrayList<>();
    for (StructField field : EnrichedInteractionSchema.SCHEMA.fields()) {
      values.add(switch (field.name()) {
        case "interaction_id" -> id;
        case "one_id" -> oneId;
        case "dt" -> dt;
        case "start_time" -> Timestamp.from(OffsetDateTime.parse(dt + "T" + time + ":00+08:00").toInstant());
        case "channel" -> channel;
        case "kind" -> kind;
        case "category_l1" -> categoryL1;
        case "sentiment" -> sentiment;
        case "sentiment_score" -> score;
        case "escalate" -> escalate;
        case "aspects" -> Arrays.asList(aspects);
        case "keywords" -> List.of();
        default -> null;
      });
    }
    return RowFactory.create(values.toArray());
  }

  private static Row aspect(String feature, String polarity) {
    return RowFactory.create(feature, polarity, "……" + feature + "……");
  }

  private static scala.collection.immutable.Seq<Object> seq(Object... values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(values)).toList();
  }
}
