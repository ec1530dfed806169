package com.voclake.config;

import com.typesafe.config.Config;

/**
 * Bounds on landed records ({@code run.limits}). A record that breaks one is quarantined with a
 * reason of its own ({@code line_too_long}, {@code field_too_long}, {@code out_of_range}) instead of
 * reaching the CDP: a 2 MB "name" would otherwise become a 700,000-character masked name, and a
 * rating of 99 would skew every average it joins.
 *
 * @param maxLineBytes the longest landed line (UTF-8 bytes) that is parsed at all
 * @param maxFieldChars the longest identifier or attribute value (ids, names, cities, ...)
 * @param maxTextChars the longest {@code text}, and the longest text of one turn
 * @param maxTurns the most turns one conversation may have
 * @param ratingMin the lowest {@code rating} accepted
 * @param ratingMax the highest {@code rating} accepted
 */
public record InputLimits(long maxLineBytes, int maxFieldChars, int maxTextChars, int maxTurns, int ratingMin,
    int ratingMax) {
  public InputLimits {
    if (maxLineBytes <= 0 || maxFieldChars <= 0 || maxTextChars <= 0 || maxTurns <= 0) {
      throw new ConfigException("Cannot set run.limits: max-line-bytes, max-field-chars, max-text-chars and"
          + " max-turns must be positive");
    }
    if (ratingMin > ratingMax) {
      throw new ConfigException(String.format(
          "Cannot set run.limits.rating-min to %d: it must not be above rating-max (%d)", ratingMin, ratingMax));
    }
  }

  static InputLimits from(Config c) {
    return new InputLimits(c.getBytes("max-line-bytes"), c.getInt("max-field-chars"), c.getInt("max-text-chars"),
        c.getInt("max-turns"), c.getInt("rating-min"), c.getInt("rating-max"));
  }
}
