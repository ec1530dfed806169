package com.voclake.text;

import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void savedInAPipelineItLoadsWithItsDictionaryAndOptions(@TempDir Path tmp) throws Exception {
    Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create("a", "續航虛標，ＯＴＡ升級的車機太卡了！")),
        new StructType().add("id", "string").add("text", "string"));
    HanLPTokenizer tokenizer = new HanLPTokenizer().setInputCol("text").setOutputCol("tokens")
        .setDictionary(TextFixtures.resources().dictionary()).setStopWords(List.of("的", "了"))
        .setHalfWidth(true).setContentOnly(true);
    PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {tokenizer}).fit(df);
    String path = tmp.resolve("pipeline").toString();

    fitted.write().save(path);
    PipelineModel loaded = PipelineModel.load(path);

    HanLPTokenizer restored = (HanLPTokenizer) loaded.stages()[0];
    assertThat(restored.uid()).isEqualTo(tokenizer.uid());
    assertThat(restored.getOrDefault(restored.dictionary())).containsExactlyElementsOf(
        TextFixtures.resources().dictionary());
    assertThat(Rows.of(loaded.transform(df), "tokens"))
        .as("traditional to simplified, full to half width, lower-cased content tokens, stop words dropped")
        .containsExactly(row(scalaSeq("续航虚标", "ota升级", "车机", "太", "卡")));
    assertThat(Rows.of(loaded.transform(df), "tokens")).isEqualTo(Rows.of(fitted.transform(df), "tokens"));
  }

  private static scala.collection.immutable.Seq<Object> scalaSeq(Object... values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(values)).toList();
  }
}
