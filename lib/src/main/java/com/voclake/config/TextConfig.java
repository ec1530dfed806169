package com.voclake.config;

import com.typesafe.config.Config;
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
 * @param models trained model directories; empty for the lexicon and keyword rules
 */
public record TextConfig(
    String taxonomy,
    Lexicons lexicons,
    double neutralBand,
    double escalateBelow,
    double escalateDrop,
    int keywordsPerInteraction,
    Models models) {

  /**
   * Trained model version directories ({@code voclake train}); an empty value means the lexicon
   * and keyword rules.
   *
   * @param sentiment a sentiment model: overall sentiment and score of each interaction
   * @param aspect an aspect model: aspects of the features it knows, with their own polarity
   */
  public record Models(Optional<String> sentiment, Optional<String> aspect) {
    public static final Models NONE = new Models(Optional.empty(), Optional.empty());

    public Models {
      sentiment = sentiment == null ? Optional.empty() : sentiment;
      aspect = aspect == null ? Optional.empty() : aspect;
    }
  }

  /** Paths of the lexicon files (see voclake-defaults.conf for their formats). */
  public record Lexicons(
      String positive,
      String negative,
      String negation,
      String degree,
      String contrast,
      String stopwords,
      String userDictionary,
      String features) {}

  public TextConfig {
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
            resolver.resolve("voclake.text.lexicons.features", lex.getString("features"))),
        c.getDouble("neutral-band"),
        c.getDouble("escalate-below"),
        c.getDouble("escalate-drop"),
        VoclakeConfig.positive(c, "text", "keywords-per-interaction"),
        new Models(model(c, resolver, "sentiment"), model(c, resolver, "aspect")));
  }

  /** Returns a copy with other trained models (tests and tools that build configs). */
  public TextConfig withModels(Models newModels) {
    return new TextConfig(taxonomy, lexicons, neutralBand, escalateBelow, escalateDrop, keywordsPerInteraction,
        newModels);
  }

  private static Optional<String> model(Config c, ConfigLoader.PathResolver resolver, String task) {
    String value = c.getString("models." + task).strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(resolver.resolve("voclake.text.models." + task, value));
  }
}
