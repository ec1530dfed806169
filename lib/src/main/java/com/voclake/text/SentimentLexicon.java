package com.voclake.text;

import com.voclake.config.ConfigException;
import java.io.Serializable;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The project's sentiment word lists: polar words (+1 / -1), negation words, degree words with
 * their weights, and contrast words. Words are lower-cased. Immutable.
 */
public record SentimentLexicon(
    Map<String, Double> polarity, Set<String> negation, Map<String, Double> degree, Set<String> contrast)
    implements Serializable {
  static final double MAX_DEGREE = 3;

  public SentimentLexicon {
    polarity = Map.copyOf(polarity);
    negation = Set.copyOf(negation);
    degree = Map.copyOf(degree);
    contrast = Set.copyOf(contrast);
  }

  /**
   * Builds the lexicon from the entries of the five files; a word that is both positive and
   * negative, or a degree line without a weight in (0, 3], fails with the file and line.
   */
  static SentimentLexicon of(List<LexiconFiles.Entry> positive, List<LexiconFiles.Entry> negative,
      List<LexiconFiles.Entry> negation, List<LexiconFiles.Entry> degree, List<LexiconFiles.Entry> contrast) {
    Map<String, Double> polarity = new HashMap<>();
    Map<String, LexiconFiles.Entry> origin = new HashMap<>();
    for (LexiconFiles.Entry e : positive) {
      polarity.put(LexiconFiles.word(e), 1.0);
      origin.put(LexiconFiles.word(e), e);
    }
    for (LexiconFiles.Entry e : negative) {
      String w = LexiconFiles.word(e);
      LexiconFiles.Entry other = origin.get(w);
      if (other != null) {
        throw e.error("'%s' is also positive (%s:%d); a word has one polarity", w, other.file(), other.line());
      }
      polarity.put(w, -1.0);
    }
    Map<String, Double> degrees = new HashMap<>();
    for (LexiconFiles.Entry e : degree) {
      String[] parts = e.text().split("\\s+");
      if (parts.length != 2) {
        throw e.error("expected word<TAB>weight, found '%s'", e.text());
      }
      double weight;
      try {
        weight = Double.parseDouble(parts[1]);
      } catch (NumberFormatException ex) {
        throw e.error("weight '%s' of '%s' is not a number", parts[1], parts[0]);
      }
      if (!(weight > 0 && weight <= MAX_DEGREE)) {
        throw e.error("weight %s of '%s' must be in (0, %d]", parts[1], parts[0], (int) MAX_DEGREE);
      }
      degrees.put(LexiconFiles.normalise(parts[0]), weight);
    }
    return new SentimentLexicon(polarity, words(negation), degrees, words(contrast));
  }

  /**
   * This lexicon with third-party polar words added: words it already has keep their polarity
   * (the project's own lists win), and a word found in both {@code positive} and
   * {@code negative} is left out as ambiguous.
   */
  public SentimentLexicon withExternal(Set<String> positive, Set<String> negative) {
    Map<String, Double> merged = new HashMap<>(polarity);
    for (String w : positive) {
      if (!negative.contains(w)) {
        merged.putIfAbsent(w, 1.0);
      }
    }
    for (String w : negative) {
      if (!positive.contains(w)) {
        merged.putIfAbsent(w, -1.0);
      }
    }
    return new SentimentLexicon(merged, negation, degree, contrast);
  }

  private static Set<String> words(List<LexiconFiles.Entry> entries) {
    Set<String> out = new LinkedHashSet<>();
    for (LexiconFiles.Entry e : entries) {
      out.add(LexiconFiles.word(e));
    }
    if (out.isEmpty()) {
      throw new ConfigException("empty word list");
    }
    return out;
  }
}
