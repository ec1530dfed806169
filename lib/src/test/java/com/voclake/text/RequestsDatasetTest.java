package com.voclake.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Integrity of the hand-written request-category set and its dev split (no Spark). */
class RequestsDatasetTest {
  private final List<LabelledRequests.Example> all = LabelledRequests.read("requests.csv");
  private final List<LabelledRequests.Example> train = LabelledRequests.read("requests_train.csv");
  private final List<LabelledRequests.Example> dev = LabelledRequests.read("requests_dev.csv");

  @Test
  void everyLabelIsATaxonomyCategoryAndEveryCategoryHasSixtyTexts() {
    Taxonomy taxonomy = TextFixtures.resources().taxonomy();
    Map<String, String> l1ByL2 = new HashMap<>();
    taxonomy.categories().forEach(c -> l1ByL2.put(c.l2(), c.l1()));
    l1ByL2.put(taxonomy.fallbackL2(), taxonomy.fallbackL1());
    for (LabelledRequests.Example e : all) {
      assertThat(l1ByL2).as("label of '%s'", e.text()).containsEntry(e.l2(), e.l1());
    }
    Map<String, Long> perClass = all.stream()
        .collect(Collectors.groupingBy(LabelledRequests.Example::l2, TreeMap::new, Collectors.counting()));
    assertThat(perClass.keySet()).as("every taxonomy category and the fallback have texts")
        .containsExactlyInAnyOrderElementsOf(l1ByL2.keySet());
    assertThat(perClass.values()).as("texts per class %s", perClass).allMatch(n -> n >= 60);
  }

  @Test
  void trainAndDevPartitionTheSetWithoutSharingAText() {
    Set<String> devKeys = dev.stream().map(e -> key(e.text())).collect(Collectors.toSet());
    assertThat(train).as("train texts also in dev")
        .noneMatch(e -> devKeys.contains(key(e.text())));
    assertThat(Stream.concat(train.stream(), dev.stream()).collect(Collectors.toSet()))
        .as("train + dev = the whole set").isEqualTo(new HashSet<>(all));
    assertThat(train.size() + dev.size()).isEqualTo(all.size());
    double devShare = (double) dev.size() / all.size();
    assertThat(devShare).as("dev share").isBetween(0.18, 0.22);
    Map<String, Long> devPerClass = dev.stream()
        .collect(Collectors.groupingBy(LabelledRequests.Example::l2, Collectors.counting()));
    assertThat(devPerClass.values()).as("dev is stratified: every class has dev texts %s", devPerClass)
        .allMatch(n -> n >= 10);
  }

  @Test
  void duplicatesAreRemovedIgnoringCaseSpacesAndPunctuation() {
    Set<String> keys = new HashSet<>();
    for (LabelledRequests.Example e : all) {
      assertThat(keys.add(key(e.text()))).as("duplicate text '%s'", e.text()).isTrue();
      assertThat(e.text()).as("texts are stripped").isEqualTo(e.text().strip()).isNotEmpty();
    }
  }

  /** Mirrors build.py's key: NFKC, lower case, without spaces and punctuation. */
  static String key(String text) {
    String folded = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
    StringBuilder out = new StringBuilder();
    folded.codePoints().filter(cp -> !Character.isWhitespace(cp) && !isPunctuation(cp)).forEach(out::appendCodePoint);
    return out.toString();
  }

  private static boolean isPunctuation(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }
}
