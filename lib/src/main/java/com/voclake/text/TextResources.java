package com.voclake.text;

import com.voclake.config.TextConfig;
import com.voclake.io.HadoopFiles;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything text analysis reads from {@code conf/}: taxonomy, sentiment lexicons, feature
 * lexicon, stop words and the tokenizer's user dictionary. Loaded once on the driver from any
 * Hadoop path and validated there, so a bad file fails the job before Spark does any work, with
 * a {@link com.voclake.config.ConfigException} that names the file and line. Immutable and
 * serializable: what executors need travels with the tasks.
 *
 * @param dictionary the tokenizer's user dictionary as {@code word nature frequency} lines: the
 *     user dictionary file plus every taxonomy keyword, feature word and multi-character lexicon
 *     word (so that rules and lexicons always see those words as whole tokens), sorted
 */
public record TextResources(
    Taxonomy taxonomy,
    SentimentLexicon sentiment,
    FeatureLexicon features,
    Set<String> stopwords,
    List<String> dictionary) implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(TextResources.class);
  private static final String DEFAULT_NATURE = "nz 1000";

  public TextResources {
    stopwords = Set.copyOf(stopwords);
    dictionary = List.copyOf(dictionary);
  }

  /** Reads and validates every file named in {@code config}; {@code spark} may be null in unit tests. */
  public static TextResources load(SparkSession spark, TextConfig config) {
    long start = System.nanoTime();
    TextConfig.Lexicons lex = config.lexicons();
    Taxonomy taxonomy = Taxonomy.parse(config.taxonomy(), HadoopFiles.readString(spark, config.taxonomy()));
    FeatureLexicon features = FeatureLexicon.parse(lex.features(), HadoopFiles.readString(spark, lex.features()));
    SentimentLexicon sentiment = SentimentLexicon.of(entries(spark, lex.positive()), entries(spark, lex.negative()),
        entries(spark, lex.negation()), entries(spark, lex.degree()), entries(spark, lex.contrast()));
    Set<String> stopwords = new LinkedHashSet<>();
    for (LexiconFiles.Entry e : entries(spark, lex.stopwords())) {
      stopwords.add(LexiconFiles.word(e));
    }
    List<String> dictionary = dictionary(entries(spark, lex.userDictionary()), taxonomy, features, sentiment);
    // After the dictionary: external words only score, they do not reshape tokenizing.
    if (!lex.externalPositive().isEmpty() || !lex.externalNegative().isEmpty()) {
      int own = sentiment.polarity().size();
      sentiment = sentiment.withExternal(externalWords(spark, lex.externalPositive()),
          externalWords(spark, lex.externalNegative()));
      LOG.info("Merged {} external lexicon files: {} polar words added to the project's {}",
          lex.externalPositive().size() + lex.externalNegative().size(), sentiment.polarity().size() - own, own);
    }
    LOG.info("Loaded text resources in {} ms: {} categories, {} features, {} polar words, {} stop words,"
            + " {} dictionary words", (System.nanoTime() - start) / 1_000_000, taxonomy.categories().size(),
        features.features().size(), sentiment.polarity().size(), stopwords.size(), dictionary.size());
    return new TextResources(taxonomy, sentiment, features, stopwords, dictionary);
  }

  private static Set<String> externalWords(SparkSession spark, List<String> paths) {
    Set<String> words = new LinkedHashSet<>();
    for (String path : paths) {
      List<String> file = LexiconFiles.externalWords(HadoopFiles.readString(spark, path));
      if (file.isEmpty()) {
        throw new com.voclake.config.ConfigException(path + " has no words: an external lexicon must list at least one");
      }
      words.addAll(file);
    }
    return words;
  }

  private static List<LexiconFiles.Entry> entries(SparkSession spark, String path) {
    return LexiconFiles.entries(path, HadoopFiles.readString(spark, path));
  }

  static List<String> dictionary(List<LexiconFiles.Entry> userDictionary, Taxonomy taxonomy,
      FeatureLexicon features, SentimentLexicon sentiment) {
    // Keyed by word: the user dictionary's nature and frequency win over the default.
    TreeMap<String, String> natureByWord = new TreeMap<>();
    List<String> derived = new ArrayList<>();
    taxonomy.categories().forEach(c -> derived.addAll(c.keywords().keySet()));
    features.features().forEach(f -> {
      derived.addAll(f.triggers());
      derived.addAll(f.contextPolarity().keySet());
    });
    derived.addAll(sentiment.polarity().keySet());
    derived.addAll(sentiment.negation());
    derived.addAll(sentiment.degree().keySet());
    derived.addAll(sentiment.contrast());
    for (String word : derived) {
      // A single character is already a token wherever it matters; as a dictionary word it
      // would only risk splitting longer words.
      if (word.codePointCount(0, word.length()) > 1) {
        natureByWord.put(word, DEFAULT_NATURE);
      }
    }
    for (LexiconFiles.Entry e : userDictionary) {
      String[] parts = e.text().split("\\s+");
      String nature = DEFAULT_NATURE;
      if (parts.length == 2 || parts.length > 3) {
        throw e.error("expected 'word' or 'word nature frequency', found '%s'", e.text());
      }
      if (parts.length == 3) {
        try {
          if (Integer.parseInt(parts[2]) <= 0) {
            throw e.error("frequency of '%s' must be a positive integer, found %s", parts[0], parts[2]);
          }
        } catch (NumberFormatException ex) {
          throw e.error("frequency of '%s' must be a positive integer, found %s", parts[0], parts[2]);
        }
        nature = parts[1] + " " + parts[2];
      }
      natureByWord.put(parts[0], nature);
      // Tokens are compared lower-cased, but HanLP matches its dictionary by case: keep both forms.
      natureByWord.put(parts[0].toLowerCase(Locale.ROOT), nature);
    }
    // Derived words are lower-cased already; add the upper-case form of Latin ones (ota -> OTA).
    for (String word : List.copyOf(natureByWord.keySet())) {
      String upper = word.toUpperCase(Locale.ROOT);
      if (!upper.equals(word)) {
        natureByWord.putIfAbsent(upper, natureByWord.get(word));
      }
    }
    List<String> lines = new ArrayList<>();
    natureByWord.forEach((word, nature) -> lines.add(word + " " + nature));
    return lines;
  }
}
