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

  static VoclakeConfig config() {
    Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "voclake-text-unused");
    return TestConfigs.local(nowhere.resolve("in"), nowhere.resolve("wh"));
  }

  /** Tokens of a text as the job gets them: half-width, scrubbed, then HanLP with the dictionary. */
  static List<String> tokens(String text) {
    HanLPRuntime.ensureDictionary(HanLPRuntime.fingerprint(resources().dictionary()), resources().dictionary());
    return HanLPRuntime.tokenize(TextNormalizer.prepare(text));
  }

  static ScoredText score(String... units) {
    return LexiconSentimentScorer.of(resources()).score(java.util.Arrays.stream(units).map(TextFixtures::tokens).toList());
  }
}
