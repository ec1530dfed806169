package com.voclake.io;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * What Spark's JSON parser does not tell about a line: it reads the first JSON value of a line and
 * ignores whatever follows, so {@code {"a":1}{"a":2}} (two records glued together by a broken
 * export) would keep the first and silently lose the second.
 */
public final class JsonLines {
  private static final UserDefinedFunction TRAILING = functions.udf(
      (UDF1<String, Boolean>) JsonLines::hasTrailingContent, DataTypes.BooleanType)
      .withName("voclake_json_trailing");

  private JsonLines() {}

  /** Whether the line holds more than one JSON value (null for a null line). */
  public static Column trailingContent(Column line) {
    return TRAILING.apply(line);
  }

  /**
   * Whether anything but white space follows the first complete JSON object or array of
   * {@code line}. One pass over the characters, tracking strings and nesting; a line whose first
   * value never closes has no trailing content (the parser reports it as malformed).
   */
  public static Boolean hasTrailingContent(String line) {
    if (line == null) {
      return null;
    }
    int depth = 0;
    boolean inString = false;
    boolean started = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (!started) {
        if (Character.isWhitespace(c) || c == '\uFEFF') {
          continue;
        }
        if (c != '{' && c != '[') {
          return false;
        }
        started = true;
      }
      if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return !line.substring(i + 1).isBlank();
        }
      }
    }
    return false;
  }
}
