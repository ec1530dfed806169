package com.voclake.io;

import static com.voclake.testing.Rows.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.InputLimits;
import com.voclake.config.RunConfig;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The pure checks of landed lines, on in-memory lines: every reason, blank lines, counts. */
@ExtendWith(SparkExtension.class)
class InputValidationTest {
  private static final RunConfig RUN = new RunConfig(false, "Asia/Shanghai", LocalDate.parse("2000-01-01"),
      new InputLimits(4096, 64, 200, 3, 1, 5), 20, java.time.Duration.ofSeconds(30));
  private static final String DT = "2026-11-18";
  private final SparkSession spark;

  InputValidationTest(SparkSession spark) {
    this.spark = spark;
  }

  /** Lines as landed: bytes, so that a line can hold what is not UTF-8. */
  private Dataset<Row> lines(byte[]... raw) {
    List<Row> rows = new ArrayList<>();
    for (byte[] line : raw) {
      rows.add(RowFactory.create(line, DT));
    }
    StructType schema = new StructType().add("bytes", DataTypes.BinaryType).add("dt", DataTypes.StringType);
    return spark.createDataFrame(rows, schema)
        .select(col("bytes").cast("string").as(InputValidation.RAW), col("dt"));
  }

  private static byte[] utf8(String line) {
    return line.getBytes(StandardCharsets.UTF_8);
  }

  private static String tp(String id, String fields) {
    return "{\"event_id\":\"" + id + "\",\"event_time\":\"2026-11-18T09:30:00+08:00\",\"channel\":\"app\"" + fields + "}";
  }

  private static String ia(String id, String fields) {
    return "{\"interaction_id\":\"" + id + "\",\"start_time\":\"2026-11-18T09:00:00+08:00\",\"channel\":\"app\","
        + "\"kind\":\"review\"" + fields + "}";
  }

  @Test
  void eachBadTouchpointGetsItsOwnReasonAndBlankLinesAreSkippedAndCounted() {
    byte[] notUtf8 = utf8(tp("e9", ",\"name\":\"王XX\",\"phone\":\"13800138009\""));
    notUtf8[notUtf8.length - 20] = (byte) 0xff;
    ValidatedInput checked = InputValidation.validate(lines(
        utf8(tp("e1", ",\"phone\":\"13800138000\",\"birth_year\":\"1988\"")),
        utf8(tp("e2", ",\"email\":\"a@b.cn\",\"birth_year\":\"unknown\"")),
        utf8(tp("e3", ",\"phone\":\"13800138003\"") + tp("e4", ",\"phone\":\"13800138004\"")),
        utf8(tp("e5", ",\"phone\":\"13800138005\"") + "  trailing"),
        notUtf8,
        utf8(tp("e6", ",\"phone\":\"13800138006\",\"name\":\"" + "长".repeat(65) + "\"")),
        utf8(tp("e7", ",\"phone\":\"" + "1".repeat(5000) + "\"")),
        utf8(tp("e8", "")),
        utf8("{\"event_time\":\"2026-11-18T10:00:00+08:00\",\"channel\":\"web\",\"email\":\"c@d.cn\"}"),
        utf8("[" + tp("e10", ",\"phone\":\"13800138010\"") + "]"),
        utf8(tp("e1", ",\"phone\":\"13800138000\"")),
        utf8(""), utf8("   "), utf8("\t"), utf8("\u3000")), Source.TOUCHPOINTS, RUN);

    assertThat(Rows.of(checked.rejects(), QuarantineSchema.RECORD_ID, QuarantineSchema.REASON))
        .containsExactlyInAnyOrder(
            row("e3", RejectReason.MULTIPLE_JSON_VALUES),
            row("e5", RejectReason.MULTIPLE_JSON_VALUES),
            row(null, RejectReason.INVALID_ENCODING),
            row("e6", RejectReason.FIELD_TOO_LONG),
            row(null, RejectReason.LINE_TOO_LONG),
            row("e8", RejectReason.NO_IDENTIFIER),
            row(null, RejectReason.MISSING_ID),
            row(null, RejectReason.MALFORMED_JSON),
            row("e1", RejectReason.DUPLICATE_ID));
    assertThat(Rows.of(checked.good(), "event_id", "birth_year"))
        .as("an unreadable birth year costs the field, not the record")
        .containsExactlyInAnyOrder(row("e1", 1988), row("e2", null));
    assertThat(checked.good().schema()).isEqualTo(TouchpointSchema.SCHEMA);
    ValidatedInput.Counts counts = checked.count();
    assertThat(counts.blankLines()).as("empty and white-space-only lines alike").isEqualTo(4);
    assertThat(counts.recordsIn()).isEqualTo(11).isEqualTo(counts.good() + counts.quarantined());
    assertThat(counts.nulledByField()).isEqualTo(Map.of(TouchpointSchema.BIRTH_YEAR, 1L));
  }

  @Test
  void interactionsNeedTextOrATurnWithTextAndKeepGoodRecordsWithAnUnreadableOptionalField() {
    ValidatedInput checked = InputValidation.validate(lines(
        utf8(ia("i1", ",\"turns\":[{\"speaker\":\"Customer \",\"offset_s\":3,\"text\":\"车机又死机了\"}]")),
        utf8(ia("i2", ",\"text\":\"  \",\"rating\":\"5\"")),
        utf8(ia("i3", ",\"text\":\"续航很扎实\",\"rating\":4")),
        utf8(ia("i4", ",\"text\":\"座椅加热很好\",\"turns\":\"not a list\"")),
        utf8(ia("i5", ",\"text\":\"好\",\"rating\":99")),
        utf8(ia("i6", ",\"text\":\"" + "好".repeat(201) + "\"")),
        utf8(ia("i7", ",\"turns\":[{\"text\":\"a\"},{\"text\":\"b\"},{\"text\":\"c\"},{\"text\":\"d\"}]")),
        utf8("{\"interaction_id\":\"i8\",\"start_time\":\"2026-02-30T09:00:00+08:00\",\"channel\":\"app\",\"text\":\"好\"}"),
        utf8("{\"interaction_id\":\"i9\",\"start_time\":\"2031-01-01T09:00:00+08:00\",\"channel\":\"app\",\"text\":\"好\"}")),
        Source.INTERACTIONS, RUN);

    assertThat(Rows.of(checked.rejects(), QuarantineSchema.RECORD_ID, QuarantineSchema.REASON))
        .containsExactlyInAnyOrder(
            row("i2", RejectReason.NO_TEXT),
            row("i5", RejectReason.OUT_OF_RANGE),
            row("i6", RejectReason.FIELD_TOO_LONG),
            row("i7", RejectReason.FIELD_TOO_LONG),
            row("i8", RejectReason.INVALID_TIME),
            row("i9", RejectReason.FUTURE_TIME));
    assertThat(Rows.of(checked.good(), "interaction_id", "rating", "turns[0].speaker", "turns[0].offset_s", "text"))
        .containsExactlyInAnyOrder(row("i1", null, "customer", 3.0, null), row("i3", 4, null, null, "续航很扎实"),
            row("i4", null, null, null, "座椅加热很好"));
    assertThat(checked.good().schema()).isEqualTo(InteractionSchema.SCHEMA);
    assertThat(checked.count().nulledByField()).as("the turns that were a string")
        .isEqualTo(Map.of(InteractionSchema.TURNS, 1L));
  }

  @Test
  void aRecordLandedTwiceKeepsItsFirstCopyAndALaterStepCanRejectMore() {
    ValidatedInput checked = InputValidation.validate(lines(
        utf8(ia("i1", ",\"text\":\"好\"")), utf8(ia("i2", ",\"text\":\"差\""))), Source.INTERACTIONS, RUN);
    ValidatedInput rejected = checked.rejecting(spark.createDataFrame(List.of(RowFactory.create("i2")),
        new StructType().add("id", DataTypes.StringType)), RejectReason.DUPLICATE_ID);

    assertThat(Rows.of(rejected.rejects(), QuarantineSchema.RECORD_ID, QuarantineSchema.REASON, "raw is not null"))
        .as("the raw line comes with the late reject").containsExactly(row("i2", RejectReason.DUPLICATE_ID, true));
    assertThat(Rows.of(rejected.good(), "interaction_id")).containsExactly(row("i1"));
    assertThat(rejected.count().recordsIn()).isEqualTo(2);
  }
}
