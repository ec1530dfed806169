package com.voclake.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Text-analytics settings: where the taxonomy and lexicons are, the sentiment bands and the
 * escalation rule.
 *
 * @param taxonomy path of the two-level request taxonomy (HOCON)
 * @param lexicons paths of the project's lexicons
 * @param neutralBand scores within [-band, band] are neutral
 * @param escalateBelow per-turn emotion below which a conversation is escalated
 * @param escalateDrop fall of emotion within a conversation that escalates it
 * @param keywordsPerInteraction keywords kept per interaction
 * @param keywordsMethod how keywords are ranked: TF-IDF, or TextRank within each text
 * @param keywordsIdfDays TF-IDF's document frequencies come from the interactions of this many days before the batch
 * @param models trained model directories; empty for the lexicon and keyword rules
 */
public record TextConfig(
    String taxonomy,
    Lexicons lexicons,
    double neutralBand,
    double escalateBelow,
    double escalateDrop,
    int keywordsPerInteraction,
    KeywordsMethod keywordsMethod,
    int keywordsIdfDays,
    Models models) {

  /**
   * Trained model version directories ({@code voclake train}); an empty value means the lexicon
   * and keyword rules.
   *
   * @param sentiment a sentiment model: overall sentiment and score of each interaction
   * @param aspect an aspect model: aspects of the features it knows, with their own polarity
   * @param category a category model: the request category of each interaction instead of the
   *     taxonomy's keyword rules (its labels are the taxonomy's {@code l2} or {@code l1/l2})
   */
  public record Models(Optional<String> sentiment, Optional<String> aspect, Optional<String> category) {
    public static final Models NONE = new Models(Optional.empty(), Optional.empty(), Optional.empty());

    public Models {
      sentiment = sentiment == null ? Optional.empty() : sentiment;
      aspect = aspect == null ? Optional.empty() : aspect;
      category = category == null ? Optional.empty() : category;
    }

    /** Sentiment and aspect models, no category model. */
    public Models(Optional<String> sentiment, Optional<String> aspect) {
      this(sentiment, aspect, Optional.empty());
    }

    /** Each configured model directory by its full config key, in key order. */
    public java.util.Map<String, String> byKey() {
      java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
      sentiment.ifPresent(dir -> out.put("voclake.text.models.sentiment", dir));
      aspect.ifPresent(dir -> out.put("voclake.text.models.aspect", dir));
      category.ifPresent(dir -> out.put("voclake.text.models.category", dir));
      return out;
    }
  }

  /** How {@code text.keywords-method} ranks an interaction's keywords. */
  public enum KeywordsMethod {
    /** Term frequency in the text times inverse document frequency over the day's texts. */
    TFIDF,
    /** TextRank: PageRank over the text's own word co-occurrence graph; needs no other texts. */
    TEXTRANK;

    static KeywordsMethod parse(String value) {
      for (KeywordsMethod m : values()) {
        if (m.name().equalsIgnoreCase(value.strip())) {
          return m;
        }
      }
      throw new ConfigException(String.format(
          "Cannot set text.keywords-method to %s: the value must be tfidf or textrank", value));
    }
  }

  /**
   * Paths of the lexicon files (see voclake-defaults.conf for their formats).
   *
   * @param externalPositive third-party positive word lists (HowNet, NTUSD, ...) merged into the
   *     sentiment lexicon at load; empty by default
   * @param externalNegative third-party negative word lists, likewise
   */
  public record Lexicons(
      String positive,
      String negative,
      String negation,
      String degree,
      String contrast,
      String stopwords,
      String userDictionary,
      String features,
      List<String> externalPositive,
      List<String> externalNegative) {
    public Lexicons {
      externalPositive = List.copyOf(externalPositive);
      externalNegative = List.copyOf(externalNegative);
    }
  }

  public TextConfig {
    if (keywordsMethod == null) {
      throw new ConfigException("text.keywords-method is required: tfidf or textrank");
    }
    models = models == null ? Models.NONE : models;
    if (neutralBand < 0 || neutralBand >= 1) {
      throw new ConfigException(String.format(
          "Cannot set text.neutral-band to %s: the value must be in [0, 1)", neutralBand));
    }
    if (escalateBelow < -1 || escalateBelow > 1) {
      throw new ConfigException(String.format(
          "Cannot set text.escalate-below to %s: the value must be in [-1, 1]", escalateBelow));
    }
    if (escalateDrop <= 0 || escalateDrop > 2) {
      throw new ConfigException(String.format(
          "Cannot set text.escalate-drop to %s: the value must be in (0, 2]", escalateDrop));
    }
  }

  static TextConfig from(Config c, ConfigLoader.PathResolver resolver) {
    Config lex = c.getConfig("lexicons");
    return new TextConfig(
        resolver.resolve("voclake.text.taxonomy", c.getString("taxonomy")),
        new Lexicons(
            resolver.resolve("voclake.text.lexicons.positive", lex.getString("positive")),
            resolver.resolve("voclake.text.lexicons.negative", lex.getString("negative")),
            resolver.resolve("voclake.text.lexicons.negation", lex.getString("negation")),
            resolver.resolve("voclake.text.lexicons.degree", lex.getString("degree")),
            resolver.resolve("voclake.text.lexicons.contrast", lex.getString("contrast")),
            resolver.resolve("voclake.text.lexicons.stopwords", lex.getString("stopwords")),
            resolver.resolve("voclake.text.lexicons.user-dictionary", lex.getString("user-dictionary")),
            resolver.resolve("voclake.text.lexicons.features", lex.getString("features")),
            paths(lex, "external-positive", resolver),
            paths(lex, "external-negative", resolver)),
        c.getDouble("neutral-band"),
        c.getDouble("escalate-below"),
        c.getDouble("escalate-drop"),
        VoclakeConfig.positive(c, "text", "keywords-per-interaction"),
        KeywordsMethod.parse(c.getString("keywords-method")),
        VoclakeConfig.positive(c, "text", "keywords-idf-days"),
        new Models(model(c, resolver, "sentiment"), model(c, resolver, "aspect"), model(c, resolver, "category")));
  }

  /**
   * A list of paths, or one string of comma-separated paths (what a command-line override can
   * give); each resolved like any other path.
   */
  private static List<String> paths(Config lex, String key, ConfigLoader.PathResolver resolver) {
    String fullKey = "voclake.text.lexicons." + key;
    List<String> raw = new ArrayList<>();
    if (lex.getValue(key).valueType() == ConfigValueType.STRING) {
      for (String part : lex.getString(key).split(",")) {
        if (!part.isBlank()) {
          raw.add(part.strip());
        }
      }
    } else {
      raw.addAll(lex.getStringList(key));
    }
    List<String> out = new ArrayList<>();
    for (String path : raw) {
      out.add(resolver.resolve(fullKey, path));
    }
    return out;
  }

  /** Returns a copy with other trained models (tests and tools that build configs). */
  public TextConfig withModels(Models newModels) {
    return new TextConfig(taxonomy, lexicons, neutralBand, escalateBelow, escalateDrop, keywordsPerInteraction,
        keywordsMethod, keywordsIdfDays, newModels);
  }

  private static Optional<String> model(Config c, ConfigLoader.PathResolver resolver, String task) {
    String value = c.getString("models." + task).strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(resolver.resolve("voclake.text.models." + task, value));
  }
}
