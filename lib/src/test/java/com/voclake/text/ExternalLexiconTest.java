package com.voclake.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.ConfigLoader;
import com.voclake.config.TextConfig;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Third-party sentiment lexicons plugged in by path ({@code text.lexicons.external-*}). */
class ExternalLexiconTest {
  @Test
  void readsHowNetHeadersBomsAndCrlfAndSkipsPhrasesWithSpaces() {
    assertThat(LexiconFiles.externalWords("中文正面评价词语\t3730\n\n侻 \n靠谱\n给 ... 留面子\n靠谱\n"))
        .as("HowNet: header line and phrase with spaces skipped, trailing spaces and duplicates dropped")
        .containsExactly("侻", "靠谱");
    assertThat(LexiconFiles.externalWords("\uFEFF一下子爆发\r\n一下子爆发的一连串\r\nOK棒\r\n"))
        .as("NTUSD: BOM and CRLF removed, words lower-cased like the project's")
        .containsExactly("一下子爆发", "一下子爆发的一连串", "ok棒");
  }

  @Test
  void ownWordsWinAndWordsOnBothExternalSidesAreLeftOut() {
    SentimentLexicon own = new SentimentLexicon(Map.of("好", 1.0, "差", -1.0), Set.of("不"), Map.of(), Set.of("但是"));
    SentimentLexicon merged = own.withExternal(Set.of("差", "靠谱", "一般"), Set.of("好", "坑", "一般"));
    assertThat(merged.polarity()).as("own polarity kept, new words added, ambiguous '一般' dropped")
        .containsExactlyInAnyOrderEntriesOf(Map.of("好", 1.0, "差", -1.0, "靠谱", 1.0, "坑", -1.0));
  }

  @Test
  void loadsHowNetAndNtusdFromTheSharedDatasetsByPath() {
    Path lexicons = TestConfigs.sharedDatasets().resolve("lexicons");
    String positive = lexicons.resolve("hownet/正面评价词语（中文）.utf8.txt") + ","
        + lexicons.resolve("ntusd/ntusd-positive.txt");
    String negative = lexicons.resolve("hownet/负面评价词语（中文）.utf8.txt") + ","
        + lexicons.resolve("ntusd/ntusd-negative.txt");
    Path nowhere = Path.of(System.getProperty("java.io.tmpdir"), "voclake-text-unused");
    TextConfig config = ConfigLoader.load(TestConfigs.repoRoot().resolve("conf/local.conf").toString(), Map.of(
        "voclake.paths.input", nowhere.toString(), "voclake.paths.warehouse", nowhere.toString(),
        "voclake.text.lexicons.external-positive", positive,
        "voclake.text.lexicons.external-negative", negative)).text();
    assertThat(config.lexicons().externalPositive()).hasSize(2);

    TextResources own = TextFixtures.resources();
    TextResources merged = TextResources.load(null, config);
    Map<String, Double> polarity = merged.sentiment().polarity();
    assertThat(polarity.size()).as("HowNet + NTUSD add thousands of words to %d own", own.sentiment().polarity().size())
        .isGreaterThan(own.sentiment().polarity().size() + 10_000);
    assertThat(polarity).as("HowNet evaluation words").containsEntry("俶傥", 1.0);
    assertThat(polarity).as("NTUSD words, BOM gone from the first").containsEntry("一帆风顺的", 1.0)
        .containsEntry("一下子爆发", -1.0);
    assertThat(polarity.keySet()).as("no header line, no BOM, no CR").noneMatch(w -> w.contains("\t")
        || w.contains("\uFEFF") || w.contains("\r") || w.startsWith("中文正面评价词语"));
    own.sentiment().polarity().forEach((word, value) ->
        assertThat(polarity).as("own word %s keeps its polarity", word).containsEntry(word, value));
    assertThat(merged.dictionary()).as("external words do not enter the tokenizer's dictionary")
        .isEqualTo(own.dictionary());
  }
}
