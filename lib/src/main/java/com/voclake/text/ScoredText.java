package com.voclake.text;

import java.util.List;

/**
 * Sentiment of one interaction.
 *
 * @param score overall score in [-1, 1] over all units
 * @param unitScores score of each unit in [-1, 1], in order (the emotion trajectory of a
 *     conversation; one element for a single text)
 * @param clauses every clause with text, in order
 * @param chars characters analysed (the normalised, scrubbed text of all units)
 */
public record ScoredText(double score, List<Double> unitScores, List<Clause> clauses, int chars) {

  public ScoredText {
    unitScores = List.copyOf(unitScores);
    clauses = List.copyOf(clauses);
  }

  /**
   * One clause.
   *
   * @param unit index of its unit, from 0
   * @param index index of the clause within the interaction, from 0
   * @param text the clause as written (normalised and scrubbed), without its delimiters
   * @param tokens its content tokens, lower-cased, without punctuation and spaces
   * @param score the clause's own score in [-1, 1], before contrast weighting
   */
  public record Clause(int unit, int index, String text, List<String> tokens, double score) {
    public Clause {
      tokens = List.copyOf(tokens);
    }
  }
}
