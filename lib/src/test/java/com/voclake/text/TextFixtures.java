package com.voclake.text;

import com.voclake.config.VoclakeConfig;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.util.List;

/** The repository's own text resources, loaded once per test JVM, and small helpers around them. */
final class TextFixtures {
  private static TextResources resources;

  private TextFixtures() {}

  static synchronized TextResources resources() {
    if (resources == null) {
      resources = TextResources.load(null, config().text());
    }
    return resources;
  }

  /** The enrich stage's per-interaction analysis with the repository's resources and config. */
  static TextAnalysis analysis() {
    return TextAnalysis.of(resources(), config().text());
  }

  /** One text's analysis, as enrichment makes it. */
  static TextAnalysis.Result analyse(String text) {
    return analysis().analyse(List.of(text), false);
  }

  static VoclakeConfig config() {
    Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "voclake-text-unused");
    return TestConfigs.local(nowhere.resolve("in"), nowhere.resolve("wh"));
  }

  /** Tokens of a text as the job gets them: half-width, scrubbed, then HanLP with the dictionary. */
  static List<String> tokens(String text) {
    HanLPRuntime.ensureDictionary(HanLPRuntime.fingerprint(resources().dictionary()), resources().dictionary());
    return HanLPRuntime.tokenize(TextNormalizer.prepare(text));
  }

  /** Interactions with only what text analysis reads: id, text, turns. */
  static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> texts(org.apache.spark.sql.SparkSession spark,
      String... idAndText) {
    List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    for (int i = 0; i < idAndText.length; i += 2) {
      rows.add(org.apache.spark.sql.RowFactory.create(idAndText[i], idAndText[i + 1], null));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** One conversation from speaker/text pairs. */
  static org.apache.spark.sql.Row call(String id, String... speakerAndText) {
    List<org.apache.spark.sql.Row> turns = new java.util.ArrayList<>();
    for (int i = 0; i < speakerAndText.length; i += 2) {
      turns.add(org.apache.spark.sql.RowFactory.create(speakerAndText[i], (double) i * 10, speakerAndText[i + 1]));
    }
    return org.apache.spark.sql.RowFactory.create(id, null, turns);
  }

  static final org.apache.spark.sql.types.StructType SCHEMA = new org.apache.spark.sql.types.StructType()
      .add("interaction_id", "string").add("text", "string")
      .add("turns", new org.apache.spark.sql.types.ArrayType(com.voclake.io.InteractionSchema.TURN, true));

  static ScoredText score(String... units) {
    return LexiconSentimentScorer.of(resources()).score(java.util.Arrays.stream(units).map(TextFixtures::tokens).toList());
  }
}
