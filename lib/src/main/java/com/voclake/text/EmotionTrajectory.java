package com.voclake.text;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * The customer's emotion over one interaction, from the scores of its units in order (the
 * customer's turns; a single text has one unit, so start = min = end = its score).
 * Escalate when the lowest point is below {@code escalateBelow}, or when it fell from the highest
 * point before it by more than {@code escalateDrop}. Native column expressions; an interaction
 * without analysed text gets null scores and no escalation.
 */
public final class EmotionTrajectory {
  private EmotionTrajectory() {}

  public static Column start(Column unitScores) {
    return functions.try_element_at(unitScores, lit(1));
  }

  public static Column end(Column unitScores) {
    return functions.try_element_at(unitScores, lit(-1));
  }

  public static Column min(Column unitScores) {
    return functions.array_min(unitScores);
  }

  /** Highest score up to and including the first lowest one. */
  public static Column peakBeforeMin(Column unitScores) {
    Column minAt = functions.array_position(unitScores, functions.array_min(unitScores));
    return functions.array_max(functions.slice(unitScores, lit(1), minAt.cast("int")));
  }

  public static Column escalate(Column unitScores, double escalateBelow, double escalateDrop) {
    Column low = min(unitScores);
    return coalesce(low.lt(escalateBelow).or(peakBeforeMin(unitScores).minus(low).gt(escalateDrop)), lit(false));
  }
}
