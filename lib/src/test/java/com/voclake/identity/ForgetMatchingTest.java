package com.voclake.identity;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.io.QuarantineSchema;
import com.voclake.testing.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** How forget finds a customer's identifiers in quarantined lines and in tables of any schema. */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class ForgetMatchingTest {
  private static final byte[] KEY = "test-key".getBytes(StandardCharsets.UTF_8);
  private final SparkSession spark;

  ForgetMatchingTest(SparkSession spark) {
    this.spark = spark;
  }

  private List<String> linesCarrying(String type, String normalized, String... rawLines) {
    List<Row> rows = new ArrayList<>();
    for (String raw : rawLines) {
      rows.add(RowFactory.create(raw, "2026-11-20"));
    }
    Dataset<Row> quarantine = spark.createDataFrame(rows, new StructType()
        .add(QuarantineSchema.RAW, DataTypes.StringType).add(QuarantineSchema.DT, DataTypes.StringType));
    String hash = PiiProtection.hash(KEY, type, normalized);
    Dataset<Row> found = Forget.quarantineIdentifiers(quarantine, KEY).where(col("_id_hash").equalTo(hash));
    return quarantine.withColumn("_raw_sha", org.apache.spark.sql.functions.sha2(col(QuarantineSchema.RAW), 256))
        .join(found, new String[] {"_raw_sha"}, "left_semi")
        .select(QuarantineSchema.RAW).as(Encoders.STRING()).collectAsList();
  }

  @Test
  void aPhoneIsFoundInAnyWrittenFormInJsonFieldsAndFreeText() {
    String[] lines = {
        "{\"event_id\":\"a\",\"phone\":\"+86 138-0013-8000\"}",
        "{\"event_id\":\"b\",\"phone\":13800138000}",
        "{\"interaction_id\":\"c\",\"text\":\"请回电（１３８）００１３ ８０００谢谢\",\"start_time\":\"2026-",
        "{\"interaction_id\":\"d\",\"text\":\"电话 138.0013.8000\"}",
        "not json at all: 008613800138000",
        "{\"event_id\":\"e\",\"phone\":\"13800138001\"}",
        "{\"event_id\":\"f\",\"text\":\"一三八零零一三八零零零\"}",
        "{\"event_id\":\"g\",\"event_time\":\"2026-11-20T10:00:00+08:00\"}"};
    assertThat(linesCarrying("phone", "+8613800138000", lines))
        .as("field, number value, full-width digits in broken JSON, dots, 0086 prefix; not another number,"
            + " not Chinese numerals (a known limit), not a time")
        .containsExactlyInAnyOrder(lines[0], lines[1], lines[2], lines[3], lines[4]);
  }

  @Test
  void anEmailIsFoundWhateverItsCaseOrWidthAndOtherIdentifiersByField() {
    String[] lines = {
        "{\"email\":\" Wang.XiaoMing@163.COM \"}",
        "{\"text\":\"我的邮箱是ｗａｎｇ.xiaoming@163.com\"}",
        "{\"email\":\"wang.xiaoming@163.co\"}"};
    assertThat(linesCarrying("email", "wang.xiaoming@163.com", lines)).containsExactlyInAnyOrder(lines[0], lines[1]);
    assertThat(linesCarrying("crm_id", "CRM-000123", "{\"crm_id\":\"crm-000123\",\"channel\":\"\"}",
        "{\"crm_id\":\"CRM-000124\"}")).containsExactly("{\"crm_id\":\"crm-000123\",\"channel\":\"\"}");
    assertThat(linesCarrying("wechat_openid", "wxAPP:oOPEN1",
        "{\"wechat_openid\":\"oOPEN1\",\"wechat_appid\":\"wxAPP\"}", "{\"wechat_openid\":\"oOPEN1\"}"))
        .as("an openid is scoped by its app").containsExactly("{\"wechat_openid\":\"oOPEN1\",\"wechat_appid\":\"wxAPP\"}");
  }

  @Test
  void mentioningLooksAtEveryStringAndStringArrayColumn() {
    StructType schema = new StructType().add("from_one_id", DataTypes.StringType)
        .add("into_one_id", DataTypes.StringType).add("via", new ArrayType(DataTypes.StringType, true))
        .add("records", DataTypes.LongType);
    Dataset<Row> log = spark.createDataFrame(List.of(
        RowFactory.create("C1", "C2", scala.jdk.javaapi.CollectionConverters.asScala(List.of("h9")).toSeq(), 1L),
        RowFactory.create("C3", "C1", null, 2L),
        RowFactory.create("C4", "C5", scala.jdk.javaapi.CollectionConverters.asScala(List.of("hX", "h7")).toSeq(), 3L),
        RowFactory.create(null, "C6", null, 4L)), schema);
    assertThat(log.where(Forget.mentioning(schema, Set.of("C1", "h7"))).select("records").as(Encoders.LONG())
        .collectAsList()).containsExactlyInAnyOrder(1L, 2L, 3L);
    assertThat(log.where(Forget.mentioning(schema, Set.of())).count()).isZero();
  }
}
