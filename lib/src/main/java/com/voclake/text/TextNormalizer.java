package com.voclake.text;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Character-level normalisation that needs no dictionary: full-width ASCII forms (ＡＢＣ１２３，！)
 * and the ideographic space become half-width, so that rules and the tokenizer see one form.
 * Traditional to simplified Chinese needs HanLP's dictionary and happens in {@link HanLPRuntime}.
 * Thread-safe.
 */
public final class TextNormalizer {
  private static final char IDEOGRAPHIC_SPACE = '\u3000';
  /** Full-width forms of ASCII ! to ~; each is its ASCII character plus {@link #OFFSET}. */
  private static final char FIRST_FULL_WIDTH = '\uFF01';
  private static final char LAST_FULL_WIDTH = '\uFF5E';
  private static final int OFFSET = 0xFEE0;
  private static final String FULL_WIDTH;
  private static final String HALF_WIDTH;

  static {
    StringBuilder full = new StringBuilder().append(IDEOGRAPHIC_SPACE);
    StringBuilder half = new StringBuilder(" ");
    for (char c = FIRST_FULL_WIDTH; c <= LAST_FULL_WIDTH; c++) {
      full.append(c);
      half.append((char) (c - OFFSET));
    }
    FULL_WIDTH = full.toString();
    HALF_WIDTH = half.toString();
  }

  private TextNormalizer() {}

  public static String halfWidth(String text) {
    if (text == null) {
      return null;
    }
    char[] out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      char half = c == IDEOGRAPHIC_SPACE ? ' ' : c >= FIRST_FULL_WIDTH && c <= LAST_FULL_WIDTH ? (char) (c - OFFSET) : c;
      if (half != c) {
        if (out == null) {
          out = text.toCharArray();
        }
        out[i] = half;
      }
    }
    // Most text has no full-width form: it is returned as it is, without a copy.
    return out == null ? text : new String(out);
  }

  /** Native {@code translate}: the same mapping as {@link #halfWidth(String)} without a UDF. */
  public static Column halfWidth(Column text) {
    return functions.translate(text, FULL_WIDTH, HALF_WIDTH);
  }

  /** Half-width, then PII scrubbed: what every later step of text analysis starts from. */
  public static String prepare(String text) {
    return PiiScrubber.scrub(halfWidth(text));
  }
}
