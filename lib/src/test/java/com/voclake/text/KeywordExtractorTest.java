package com.voclake.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.config.ConfigException;
import com.voclake.config.ConfigLoader;
import com.voclake.config.TextConfig;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class KeywordExtractorTest {
  private static final Set<String> STOPWORDS = Set.of("我们", "这个", "什么");

  private final SparkSession spark;

  KeywordExtractorTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void candidatesAreWordsOfTwoLettersOrMoreThatAreNotStopWords() {
    assertThat(List.of("充电桩", "ota", "carplay", "我们", "桩", "2024", "ota2", "[电话]", "，", "12315"))
        .filteredOn(t -> KeywordExtractor.isCandidate(t, STOPWORDS))
        .as("stop words, single characters, digits, placeholders and punctuation are never keywords")
        .containsExactly("充电桩", "ota", "carplay");
  }

  @Test
  void textRankPutsTheMostConnectedWordFirst() {
    // 续航 recurs across the whole text and so links to every other candidate; the rest only to
    // their neighbours within the window.
    List<String> tokens = List.of("续航", "，", "冬天", "暖风", "我们", "[电话]", "续航", "2024", "高速", "电耗",
        "续航", "充电", "排队", "了", "续航", "补能", "焦虑", "体验", "太差", "续航");
    List<String> keywords = KeywordExtractor.textRank(tokens, STOPWORDS, 3);
    assertThat(keywords).as("TextRank of a complaint about range").hasSize(3).startsWith("续航")
        .allMatch(k -> KeywordExtractor.isCandidate(k, STOPWORDS));
    assertThat(KeywordExtractor.textRank(tokens, STOPWORDS, 3)).as("deterministic").isEqualTo(keywords);
    assertThat(KeywordExtractor.textRank(List.of("的", "8", "我们"), STOPWORDS, 3)).as("no candidate").isEmpty();
  }

  @Test
  void termCountsAreTheCandidatesWithTheirCountsInOrderOfFirstUse() {
    assertThat(KeywordExtractor.termCounts(List.of("车机", "死机", "，", "车机", "黑屏", "我们", "[电话]", "2024"), STOPWORDS))
        .containsExactly(new KeywordExtractor.Term("车机", 2), new KeywordExtractor.Term("死机", 1),
            new KeywordExtractor.Term("黑屏", 1));
  }

  @Test
  void tfIdfRanksByCountTimesRarityThenByTheTokenItself() {
    List<KeywordExtractor.Term> terms = List.of(new KeywordExtractor.Term("车机", 2),
        new KeywordExtractor.Term("死机", 1), new KeywordExtractor.Term("黑屏", 1));
    // N = 3: 车机 in all three (idf 1), 死机 and 黑屏 in one (idf ln 2 + 1 = 1.69).
    Map<String, Long> df = Map.of("车机", 3L, "死机", 1L, "黑屏", 1L);
    assertThat(KeywordExtractor.topTfIdf(terms, df, 3, 5)).as("2 x 1.0 beats 1.69; 死机 sorts before 黑屏")
        .containsExactly("车机", "死机", "黑屏");
    assertThat(KeywordExtractor.topTfIdf(terms, Map.of("车机", 3L), 3, 2)).as("a term missing from df has df 1")
        .containsExactly("车机", "死机");
    assertThat(KeywordExtractor.topTfIdf(List.of(), df, 3, 5)).isEmpty();
    assertThat(KeywordExtractor.compareCodePoints("\uD840\uDC00", "\uF900")).as("code point order, as Spark's")
        .isPositive();
  }

  @Test
  void tfIdfKeywordsUseTheDocumentFrequenciesOfAllRows() {
    Map<String, List<String>> tokens = Map.of(
        "a", List.of("车机", "死机", "，", "车机", "黑屏", "我们", "[电话]", "2024"),
        "b", List.of("车机", "卡顿", "导航", "卡顿"),
        "c", List.of("的", "了", "8"));
    List<Row> rows = new ArrayList<>();
    tokens.forEach((id, list) -> {
      List<Row> terms = new ArrayList<>();
      for (KeywordExtractor.Term t : KeywordExtractor.termCounts(list, STOPWORDS)) {
        terms.add(RowFactory.create(t.term(), t.count()));
      }
      rows.add(RowFactory.create(id, terms));
    });
    Dataset<Row> terms = spark.createDataFrame(rows, new StructType()
        .add(KeywordExtractor.ID, DataTypes.StringType).add("terms", KeywordExtractor.TERMS_TYPE));
    assertThat(KeywordExtractor.documentFrequencies(terms, "terms"))
        .isEqualTo(Map.of("车机", 2L, "死机", 1L, "黑屏", 1L, "卡顿", 1L, "导航", 1L));

    Map<String, List<String>> byId = new TreeMap<>();
    terms.withColumn("keywords", KeywordExtractor.tfIdfKeywords(terms, "terms", 3, 1))
        .select(KeywordExtractor.ID, "keywords").collectAsList().forEach(r -> byId.put(r.getString(0), r.getList(1)));
    // 车机 is in both a and b, so the word only a or b uses wins; c has no candidate.
    assertThat(byId).as("TF-IDF's best keyword")
        .isEqualTo(Map.of("a", List.of("车机"), "b", List.of("卡顿"), "c", List.of()));
  }

  @Test
  void documentFrequenciesHoldAcrossManyRowsOfACachedTable() {
    // Enough rows for several cached batches, whose buffers the scan reuses: a term kept without
    // copying it would change under the counter's feet.
    int n = 25_000;
    List<Row> rows = new ArrayList<>(n);
    Map<String, Long> expected = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String common = "词" + (i % 7);
      String rare = "稀" + i;
      rows.add(RowFactory.create("i" + i, List.of(RowFactory.create(common, 2), RowFactory.create(rare, 1))));
      expected.merge(common, 1L, Long::sum);
      expected.put(rare, 1L);
    }
    Dataset<Row> terms = spark.createDataFrame(rows, new StructType()
        .add(KeywordExtractor.ID, DataTypes.StringType).add("terms", KeywordExtractor.TERMS_TYPE))
        .repartition(3).persist();
    try {
      Map<String, Long> df = KeywordExtractor.documentFrequencies(terms, "terms");
      // Compared as one boolean: printing two maps of 25,000 entries helps nobody.
      assertThat(df.equals(expected)).as("%d terms counted, %d expected; 词0 counted %s times, expected %s",
          df.size(), expected.size(), df.get("词0"), expected.get("词0")).isTrue();
    } finally {
      terms.unpersist();
    }
  }

  @Test
  void keywordsMethodIsConfigurableAndValidated() {
    Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "voclake-text-unused");
    String conf = TestConfigs.repoRoot().resolve("conf/local.conf").toString();
    Map<String, String> paths = Map.of("voclake.paths.input", nowhere.toString(),
        "voclake.paths.warehouse", nowhere.toString());
    assertThat(ConfigLoader.load(conf, paths).text().keywordsMethod()).isEqualTo(TextConfig.KeywordsMethod.TFIDF);
    Map<String, String> textRank = new java.util.HashMap<>(paths);
    textRank.put("voclake.text.keywords-method", "textrank");
    assertThat(ConfigLoader.load(conf, textRank).text().keywordsMethod()).isEqualTo(TextConfig.KeywordsMethod.TEXTRANK);
    textRank.put("voclake.text.keywords-method", "lda");
    assertThatThrownBy(() -> ConfigLoader.load(conf, textRank)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("Cannot set text.keywords-method to lda: the value must be tfidf or textrank");
  }
}
