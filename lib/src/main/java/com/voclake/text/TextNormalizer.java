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
  private static final String FULL_WIDTH;
  private static final String HALF_WIDTH;

  static {
    StringBuilder full = new StringBuilder("\u3000");
    StringBuilder half = new StringBuilder(" ");
    for (char c = '\uFF01'; c <= '\uFF5E'; c++) {
      full.append(c);
      half.append((char) (c - 0xFEE0));
    }
    FULL_WIDTH = full.toString();
    HALF_WIDTH = half.toString();
  }

  private TextNormalizer() {}

  public static String halfWidth(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int at = FULL_WIDTH.indexOf(c);
      out.append(at >= 0 ? HALF_WIDTH.charAt(at) : c);
    }
    return out.toString();
  }

  /** Native {@code translate}: the same mapping as {@link #halfWidth(String)} without a UDF. */
  public static Column halfWidth(Column text) {
    return functions.translate(text, FULL_WIDTH, HALF_WIDTH);
  }

  /** Half-width, then PII scrubbed: what every later step of text analysis starts from. */
  public static String prepare(String text) {
    return PiiScrubber.scrub(halfWidth(text));
  }

  /** Column form of {@link #prepare(String)}. */
  public static Column prepare(Column text) {
    return PiiScrubber.scrub(halfWidth(text));
  }
}
