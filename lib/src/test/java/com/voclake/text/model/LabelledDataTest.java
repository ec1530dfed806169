package com.voclake.text.model;

import static com.voclake.testing.Rows.row;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkExtension.class)
class LabelledDataTest {
  private final SparkSession spark;

  LabelledDataTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void deduplicatesAcrossFilesAndDropsConflictsAndBlanks(@TempDir Path tmp) {
    Path shopping = tmp.resolve("shopping.csv");
    Rows.writeLines(shopping, "cat,label,review", "书籍,1,很好看", "书籍,0,\"不好看,很差\"", "书籍,1,ＡＢＣ很好",
        "书籍,1,", "书籍,1,\"  \"");
    Path hotel = tmp.resolve("hotel.csv");
    Rows.writeLines(hotel, "label,review", "1,很好看", "1,\"不好看,很差\"", "1,ABC很好 ", "0,\"太慢了，\"\"差评\"\"\"");

    LabelledData.Loaded loaded = LabelledData.loadTexts(spark, List.of(shopping.toString(), hotel.toString()),
        "review", "label", Task.SENTIMENT);

    assertThat(Rows.of(loaded.rows(), LabelledData.TEXT, LabelledData.LABEL))
        .as("one row per text, full-width folded, the conflicting text gone")
        .containsExactlyInAnyOrder(row("很好看", "positive"), row("ABC很好", "positive"),
            row("太慢了,\"差评\"", "negative"));
    assertThat(loaded.rowsRead()).isEqualTo(9);
    assertThat(loaded.dropped()).as("two blank reviews").isEqualTo(2);
    assertThat(loaded.duplicates()).as("second copies of 很好看 and ABC很好").isEqualTo(2);
    assertThat(loaded.conflicting()).as("不好看,很差 is labelled 0 and 1").isEqualTo(1);
  }

  @Test
  void threeWayFilesKeepZeroAsNeutral(@TempDir Path tmp) {
    Path file = tmp.resolve("three.jsonl");
    Rows.writeLines(file, "{\"t\":\"好\",\"y\":1}", "{\"t\":\"一般\",\"y\":0}", "{\"t\":\"差\",\"y\":-1}",
        "{\"t\":\"怪\",\"y\":7}");

    LabelledData.Loaded loaded = LabelledData.loadTexts(spark, List.of(file.toString()), "t", "y", Task.SENTIMENT);

    assertThat(Rows.of(loaded.rows(), LabelledData.TEXT, LabelledData.LABEL)).containsExactlyInAnyOrder(
        row("好", "positive"), row("一般", "neutral"), row("差", "negative"));
    assertThat(loaded.dropped()).as("label 7 is unknown").isEqualTo(1);
  }

  @Test
  void devSplitIsDeterministicAndSizedByTheFraction() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      texts.add("文本" + i);
    }
    Dataset<Row> df = spark.createDataset(texts, Encoders.STRING()).toDF(LabelledData.TEXT);
    Dataset<Row> shuffled = df.repartition(7).sort(col(LabelledData.TEXT).desc());

    List<Object> dev = devTexts(df, 0.1, 42);
    assertThat(devTexts(shuffled, 0.1, 42)).as("same texts in any order and partitioning").isEqualTo(dev);
    assertThat(dev.size()).as("about 10 % of 4000").isBetween(330, 470);
    assertThat(devTexts(df, 0.1, 7)).as("another seed, another split").isNotEqualTo(dev);
    assertThat(devTexts(df, 0.2, 42)).as("a larger fraction keeps the smaller one's dev rows").containsAll(dev);
  }

  private static List<Object> devTexts(Dataset<Row> df, double fraction, long seed) {
    List<Object> out = new ArrayList<>();
    df.where(DevSplit.isDev(col(LabelledData.TEXT), fraction, seed)).sort(LabelledData.TEXT).collectAsList()
        .forEach(r -> out.add(r.get(0)));
    return out;
  }

  @Test
  void carReviewRowsBecomeOnePostWithItsAspects(@TempDir Path tmp) {
    Path file = tmp.resolve("train.csv");
    Rows.writeLines(file, "content_id,content,subject,sentiment_value,sentiment_word",
        "1,动力不错，油耗太高,动力,1,不错",
        "1,动力不错，油耗太高,油耗,-1,高",
        "1,动力不错，油耗太高,油耗,-1,",
        "2,优惠八千,价格,0,",
        "3,没有数,价格,x,",
        "4,,价格,0,");

    LabelledData.Loaded loaded = LabelledData.loadPosts(spark, file.toString(), "content", "subject");

    assertThat(Rows.of(loaded.rows(), LabelledData.POST_ID, LabelledData.TEXT,
        "transform(aspects, a -> concat(a.subject, ':', a.polarity))"))
        .containsExactlyInAnyOrder(
            row("1", "动力不错,油耗太高", scalaSeq("动力:1", "油耗:-1")),
            row("2", "优惠八千", scalaSeq("价格:0")));
    assertThat(loaded.rowsRead()).isEqualTo(6);
    assertThat(loaded.dropped()).as("a polarity that is not a number, a blank post").isEqualTo(2);
    assertThat(loaded.duplicates()).as("the repeated 油耗 -1 row").isEqualTo(1);
  }

  private static scala.collection.immutable.Seq<Object> scalaSeq(Object... values) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(values)).toList();
  }
}
