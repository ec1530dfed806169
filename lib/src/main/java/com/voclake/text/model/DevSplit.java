package com.voclake.text.model;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Column;

/**
 * The deterministic train/dev split: a row is in the dev split when the 64-bit xxHash of its key
 * (the text; for aspects the post id) salted with the seed falls into the first
 * {@code fraction} of a million buckets. The same key, fraction and seed always give the same
 * side, on any cluster and in any input order, and a text that occurs twice is on one side only.
 */
public final class DevSplit {
  private static final long BUCKETS = 1_000_000L;

  private DevSplit() {}

  /** True for the dev split. */
  public static Column isDev(Column key, double fraction, long seed) {
    return pmod(xxhash64(lit(seed), key), lit(BUCKETS)).lt(lit(Math.round(fraction * BUCKETS)));
  }
}
