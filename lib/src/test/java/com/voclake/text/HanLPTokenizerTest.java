package com.voclake.text;

import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class HanLPTokenizerTest {
  private final SparkSession spark;

  HanLPTokenizerTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void tokenizesStringsAndArraysWithTheUserDictionary() {
    StructType schema = new StructType().add("id", "string").add("text", "string")
        .add("turns", DataTypes.createArrayType(DataTypes.StringType));
    Dataset<Row> df = spark.createDataFrame(List.of(
        RowFactory.create("a", "續航虛標，車機當機", List.of("座椅加热不热", "我的电话[电话]")),
        RowFactory.create("b", null, null)), schema);
    List<String> dictionary = TextFixtures.resources().dictionary();

    Dataset<Row> out = new HanLPTokenizer().setInputCol("text").setOutputCol("tokens").setDictionary(dictionary)
        .transform(new HanLPTokenizer().setInputCol("turns").setOutputCol("turn_tokens").setDictionary(dictionary)
            .transform(df));

    assertThat(out.schema().apply("tokens").dataType())
        .isEqualTo(DataTypes.createArrayType(DataTypes.StringType, true));
    assertThat(Rows.of(out, "id", "tokens", "turn_tokens"))
        .as("traditional to simplified, dictionary words whole, punctuation kept, placeholders one token")
        .containsExactlyInAnyOrder(
            row("a", scalaSeq("续航虚标", "，", "车机", "当机"),
                scalaSeq(scalaSeq("座椅加热", "不热"), scalaSeq("我", "的", "电话", "[电话]"))),
            row("b", null, null));
  }

  private static scala.collection.immutable.Seq<Object> scalaSeq(Object... values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(values)).toList();
  }
}
