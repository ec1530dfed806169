package com.voclake.text;

import java.io.Serializable;
import java.util.List;

/**
 * Scores the sentiment of one interaction from its tokens, per unit (a text, or one customer
 * turn of a conversation) and per clause. This is the seam where a trained model can sit beside
 * or behind the lexicon rules ({@link LexiconSentimentScorer}): an implementation must be
 * serializable (it runs inside a Spark UDF), deterministic and thread-safe.
 */
public interface SentimentScorer extends Serializable {

  /**
   * @param units tokens of each unit in order, as {@link HanLPTokenizer} gives them (punctuation
   *     and spaces included)
   */
  ScoredText score(List<List<String>> units);
}
