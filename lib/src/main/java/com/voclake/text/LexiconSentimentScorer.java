package com.voclake.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lexicon sentiment with negation, degree words, contrast and feature context, at clause level.
 *
 * <p>A unit's tokens are split into clauses at punctuation and spaces (，。！？；,.!?; and the like),
 * and before a contrast word (外观漂亮但是车机死机 is two clauses). In a clause, each polar word
 * counts +1 or -1, scaled by the degree words before it (非常好 = 1.8); an odd number of negation
 * words before it flips it (不好 = -1, 不是不好 = +1), and a negation before a degree word softens
 * instead (不太好 = -0.5, while 太不好 = -1.8). A token missing from the lexicons that starts with a
 * negation or degree word is read as both (不稳 = 不 + 稳, 太高 = 太 + 高), and one that ends in a
 * polar word of two or more characters takes its polarity (天窗漏水). In a clause that mentions
 * a product feature, that feature's context words decide first (油耗 + 高 = -1, 配置 + 高 = +1).
 *
 * <p>Contrast: a clause starting with a contrast word, and those after it, weigh 1.5; the clauses
 * before it weigh half. Scores: clause = tanh(value); unit = tanh(weighted sum / sqrt(clauses with
 * sentiment)), so one plain 好 gives 0.76 and longer texts do not saturate at once; the
 * interaction's score is the same formula over all its units. Immutable and thread-safe.
 */
public final class LexiconSentimentScorer implements SentimentScorer {
  static final double CONTRAST_AFTER = 1.5;
  static final double CONTRAST_BEFORE = 0.5;
  static final double SOFTENED_NEGATION = 0.5;
  private static final String BOUNDARY_CHARS = ",.!?;:，。！？；：…~～\"“”";

  private final SentimentLexicon lexicon;
  /** What the rules need to know of a word, in one lookup per token; words with no role are absent. */
  private final Map<String, Word> words = new HashMap<>();
  /** Longest negation / degree word, bounding the prefixes {@link #compoundPolarity} tries. */
  private final int longestNegation;
  private final int longestDegree;
  /**
   * Last characters of every word {@link #polarity} can score (polar words and feature context
   * words). Every word {@link #compoundPolarity} looks up ends where its token ends, so a token
   * whose last character is not here scores 0 without any lookup: most tokens.
   */
  private final BitSet polarEndings = new BitSet(Character.MAX_VALUE + 1);

  public LexiconSentimentScorer(SentimentLexicon lexicon, FeatureLexicon features) {
    this.lexicon = lexicon;
    for (String w : lexicon.negation()) {
      words.put(w, new Word(true, null, false, List.of()));
    }
    lexicon.degree().forEach((w, d) -> words.merge(w, new Word(false, d, false, List.of()), Word::and));
    for (String w : lexicon.contrast()) {
      words.merge(w, new Word(false, null, true, List.of()), Word::and);
    }
    features.byTrigger().forEach((w, f) -> words.merge(w, new Word(false, null, false, List.copyOf(f)), Word::and));
    this.longestNegation = lexicon.negation().stream().mapToInt(String::length).max().orElse(0);
    this.longestDegree = lexicon.degree().keySet().stream().mapToInt(String::length).max().orElse(0);
    List<String> scored = new ArrayList<>(lexicon.polarity().keySet());
    features.features().forEach(f -> scored.addAll(f.contextPolarity().keySet()));
    for (String word : scored) {
      if (!word.isEmpty()) {
        polarEndings.set(word.charAt(word.length() - 1));
      }
    }
  }

  public static LexiconSentimentScorer of(TextResources resources) {
    return new LexiconSentimentScorer(resources.sentiment(), resources.features());
  }

  @Override
  public ScoredText score(List<List<String>> units) {
    List<Double> unitScores = new ArrayList<>();
    List<ScoredText.Clause> clauses = new ArrayList<>();
    double totalWeighted = 0;
    int totalPolar = 0;
    int chars = 0;
    for (int u = 0; u < units.size(); u++) {
      List<String> tokens = units.get(u) == null ? List.of() : units.get(u);
      for (String t : tokens) {
        chars += t.codePointCount(0, t.length());
      }
      List<RawClause> raw = split(tokens);
      double[] weights = new double[raw.size()];
      boolean inContrast = false;
      for (int i = 0; i < raw.size(); i++) {
        if (raw.get(i).contrast) {
          for (int j = 0; j < i; j++) {
            weights[j] *= CONTRAST_BEFORE;
          }
          inContrast = true;
        }
        weights[i] = inContrast ? CONTRAST_AFTER : 1.0;
      }
      double weighted = 0;
      int polar = 0;
      for (int i = 0; i < raw.size(); i++) {
        RawClause c = raw.get(i);
        double value = value(c.tokens, c.words);
        weighted += weights[i] * value;
        polar += value != 0 ? 1 : 0;
        clauses.add(new ScoredText.Clause(u, clauses.size(), c.text.toString().strip(), c.tokens,
            Math.tanh(value)));
      }
      unitScores.add(squash(weighted, polar));
      totalWeighted += weighted;
      totalPolar += polar;
    }
    return new ScoredText(squash(totalWeighted, totalPolar), unitScores, clauses, chars);
  }

  private static double squash(double weighted, int polarClauses) {
    return Math.tanh(weighted / Math.sqrt(Math.max(1, polarClauses)));
  }

  /**
   * A word's roles.
   *
   * @param degree its degree factor, null when it is not a degree word
   * @param features the features it mentions
   */
  private record Word(boolean negation, Double degree, boolean contrast, List<FeatureLexicon.Feature> features)
      implements java.io.Serializable {
    Word and(Word other) {
      List<FeatureLexicon.Feature> both = new ArrayList<>(features);
      both.addAll(other.features);
      return new Word(negation || other.negation, degree != null ? degree : other.degree, contrast || other.contrast,
          List.copyOf(both));
    }
  }

  private static final class RawClause {
    final StringBuilder text = new StringBuilder();
    final List<String> tokens = new ArrayList<>();
    /** The {@link Word} of each token, null for a word without a role. */
    final List<Word> words = new ArrayList<>();
    boolean contrast;
  }

  private List<RawClause> split(List<String> tokens) {
    List<RawClause> out = new ArrayList<>();
    RawClause current = new RawClause();
    for (String token : tokens) {
      if (isBoundary(token)) {
        if (!current.tokens.isEmpty()) {
          out.add(current);
        }
        current = new RawClause();
        continue;
      }
      String word = LexiconFiles.normalise(token);
      Word roles = words.get(word);
      if (roles != null && roles.contrast()) {
        if (!current.tokens.isEmpty()) {
          out.add(current);
          current = new RawClause();
        }
        current.contrast = true;
      }
      current.text.append(token);
      current.tokens.add(word);
      current.words.add(roles);
    }
    if (!current.tokens.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  static boolean isBoundary(String token) {
    for (int i = 0; i < token.length(); ) {
      int c = token.codePointAt(i);
      if (!Character.isWhitespace(c) && BOUNDARY_CHARS.indexOf(c) < 0) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /** The clause's summed sentiment before squashing; {@code roles} holds each token's {@link Word} or null. */
  private double value(List<String> tokens, List<Word> roles) {
    Set<FeatureLexicon.Feature> features = Set.of();
    for (Word w : roles) {
      if (w != null && !w.features().isEmpty()) {
        features = features.isEmpty() ? new LinkedHashSet<>() : features;
        features.addAll(w.features());
      }
    }
    double sum = 0;
    int negations = 0;
    double degree = 1;
    boolean degreeAfterNegation = false;
    for (int i = 0; i < tokens.size(); i++) {
      Word w = roles.get(i);
      if (w != null && w.negation()) {
        negations++;
        continue;
      }
      if (w != null && w.degree() != null) {
        degreeAfterNegation |= negations > 0;
        degree *= w.degree();
        continue;
      }
      double p = compoundPolarity(tokens.get(i), features);
      if (p == 0) {
        continue;
      }
      double v;
      if (negations % 2 == 1) {
        v = degreeAfterNegation ? -SOFTENED_NEGATION * Math.signum(p) : -p * degree;
      } else {
        v = p * degree;
      }
      sum += v;
      negations = 0;
      degree = 1;
      degreeAfterNegation = false;
    }
    return sum;
  }

  private double compoundPolarity(String token, Set<FeatureLexicon.Feature> features) {
    if (token.isEmpty() || !polarEndings.get(token.charAt(token.length() - 1))) {
      return 0;
    }
    double p = polarity(token, features);
    if (p != 0 || token.length() < 2) {
      return p;
    }
    // Longest prefix first, as hash lookups of the token's own prefixes: a token has at most one
    // prefix of each length, so this tries the same words as a scan of the lists in that order.
    for (int length = Math.min(longestNegation, token.length() - 1); length > 0; length--) {
      if (lexicon.negation().contains(token.substring(0, length))) {
        double rest = polarity(token.substring(length), features);
        if (rest != 0) {
          return -rest;
        }
      }
    }
    for (int length = Math.min(longestDegree, token.length() - 1); length > 0; length--) {
      Double degree = lexicon.degree().get(token.substring(0, length));
      if (degree != null) {
        double rest = polarity(token.substring(length), features);
        if (rest != 0) {
          return rest * degree;
        }
      }
    }
    // Dictionary compounds such as 天窗漏水 end in the word that carries the sentiment.
    for (int i = 1; i + 2 <= token.length(); i++) {
      double tail = polarity(token.substring(i), features);
      if (tail != 0) {
        return tail;
      }
    }
    return 0;
  }

  private double polarity(String word, Set<FeatureLexicon.Feature> features) {
    double context = 0;
    for (FeatureLexicon.Feature f : features) {
      context += f.contextPolarity().getOrDefault(word, 0.0);
    }
    if (context != 0) {
      return Math.signum(context);
    }
    return lexicon.polarity().getOrDefault(word, 0.0);
  }
}
