package com.voclake.publish;

import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.VoclakeException;
import com.voclake.config.ConfigException;
import com.voclake.config.ConfigLoader;
import com.voclake.config.VoclakeConfig;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class PublishedSchemasTest {
  private final SparkSession spark;

  PublishedSchemasTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void sparkAndAvroSchemasDescribeTheSameColumns() {
    for (String dataset : PublishedSchemas.DATASETS) {
      List<String> spark = new ArrayList<>();
      for (StructField field : PublishedSchemas.sparkSchema(dataset).fields()) {
        spark.add(field.name() + ":" + (field.nullable() ? "?" : "") + sparkType(field.dataType()));
      }
      List<String> avro = new ArrayList<>();
      for (Schema.Field field : PublishedSchemas.avroSchema(dataset).getFields()) {
        avro.add(field.name() + ":" + avroType(field.schema()));
      }
      assertThat(spark).as("%s: Spark schema vs %s.avsc", dataset, dataset).isEqualTo(avro);
      assertThat(PublishedSchemas.columns(dataset)).as("dt is the folder, not a column").doesNotContain("dt");
    }
    assertThat(PublishedSchemas.columns(PublishedSchemas.ALERTS)).containsExactly(
        "alert_id", "rule", "kind", "scope", "window", "metric", "state", "severity", "observed", "expected",
        "threshold", "active_since", "fired_at", "resolved_at", "inhibited");
  }

  @Test
  void conformOrdersCastsAndSetsTheContractsNullability() {
    Dataset<Row> loose = spark.sql("select 'x' as severity, 1 as observed, 2 as expected, 'firing' as state,"
        + " 'P1D' as window, 'id' as alert_id, 'r' as rule, 'all' as scope, 'requests' as metric, 'static' as kind,"
        + " 2 as threshold, 't0' as active_since, 't1' as fired_at, cast(null as string) as resolved_at,"
        + " false as inhibited, 'extra' as ignored");

    Dataset<Row> conformed = PublishedSchemas.conform(loose, PublishedSchemas.ALERTS);

    assertThat(conformed.schema()).isEqualTo(PublishedSchemas.ALERTS_SCHEMA);
    assertThat(Rows.of(conformed)).containsExactly(row("id", "r", "static", "all", "P1D", "requests", "firing", "x",
        1.0, 2.0, 2.0, "t0", "t1", null, false));
  }

  @Test
  void refusesToPublishValuesThatLookLikePhoneNumbersOrEmails() {
    Dataset<Row> clean = spark.sql("select '车机死机' as category_l2, array('死机', 'OTA', 'X5') as top_keywords,"
        + " 13800138000L as requests");
    PublishedPii.requireClean(clean, "request_map");

    Dataset<Row> dirty = spark.sql("select * from values"
        + " ('车机死机', array('死机', '138 0013 8000')), ('call me +86-13912345678', array('a.b@qq.com')),"
        + " ('充电', array('续航')) t(category_l2, top_keywords)");
    assertThatThrownBy(() -> PublishedPii.requireClean(dirty, "request_map"))
        .isInstanceOf(VoclakeException.class)
        .hasMessageContaining("Refusing to publish request_map")
        .hasMessageContaining("category_l2 (1 rows)")
        .hasMessageContaining("top_keywords (2 rows)")
        .hasMessageNotContaining("13912345678").hasMessageNotContaining("qq.com");
  }

  @Test
  void robotUrlsAreValidatedAndNeverPrintedWithTheirKeys() {
    String conf = TestConfigs.repoRoot().resolve("conf/local.conf").toString();
    VoclakeConfig config = ConfigLoader.load(conf, Map.of(
        "voclake.publish.robots.wecom-url", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SECRET-KEY",
        "voclake.publish.robots.dingtalk-url", "https://oapi.dingtalk.com/robot/send?access_token=TOKEN"));
    assertThat(config.publish().robots().any()).isTrue();
    assertThat(config.publish().toString()).doesNotContain("SECRET-KEY", "TOKEN")
        .contains("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?***", "https://oapi.dingtalk.com/robot/send?***");
    assertThat(ConfigLoader.describe(config).toString()).doesNotContain("SECRET-KEY", "TOKEN");
    assertThat(ConfigLoader.load(conf).publish().robots().any()).as("off by default").isFalse();

    assertThatThrownBy(() -> ConfigLoader.load(conf, Map.of("voclake.publish.robots.wecom-url", "qyapi/send?key=S")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Cannot set publish.robots.wecom-url")
        .hasMessageNotContaining("key=S");
    assertThatThrownBy(() -> ConfigLoader.load(conf, Map.of("voclake.publish.robots.timeout", "0s")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Cannot set publish.robots.timeout to PT0S");
    assertThatThrownBy(() -> ConfigLoader.load(conf, Map.of("voclake.publish.robots.max-messages-per-minute", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("max-messages-per-minute to 0");
  }

  private static String sparkType(DataType type) {
    if (type instanceof ArrayType array) {
      return "array<" + (array.containsNull() ? "?" : "") + sparkType(array.elementType()) + ">";
    }
    if (type.equals(DataTypes.StringType)) {
      return "string";
    }
    if (type.equals(DataTypes.IntegerType)) {
      return "int";
    }
    if (type.equals(DataTypes.LongType)) {
      return "long";
    }
    if (type.equals(DataTypes.DoubleType)) {
      return "double";
    }
    if (type.equals(DataTypes.BooleanType)) {
      return "boolean";
    }
    return type.simpleString();
  }

  private static String avroType(Schema schema) {
    if (schema.getType() == Schema.Type.UNION) {
      return "?" + avroType(schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow());
    }
    if (schema.getType() == Schema.Type.ARRAY) {
      return "array<" + avroType(schema.getElementType()) + ">";
    }
    return schema.getType().getName();
  }
}
