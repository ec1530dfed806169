package com.voclake.sample;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;

/**
 * A tiny ordered JSON object writer: field order, spacing and number forms are exactly what the
 * generator chooses (a Jackson tree would reorder and reformat); only string quoting is Jackson's.
 */
final class JsonLine {
  /** Marker for an explicit JSON {@code null} (sources do send {@code "email": null}). */
  static final Object NULL = new Object();

  private final StringBuilder out = new StringBuilder(256).append('{');
  private boolean first = true;

  /** Adds a field; a Java null omits it, {@link #NULL} writes {@code null}. */
  JsonLine put(String key, Object value) {
    if (value == null) {
      return this;
    }
    key(key);
    value(value);
    return this;
  }

  /** Adds {@code "turns": [{"speaker":..,"offset_s":..,"text":..}, ...]}. */
  JsonLine turns(String key, List<Conversation.Turn> turns) {
    key(key);
    out.append('[');
    for (int i = 0; i < turns.size(); i++) {
      Conversation.Turn t = turns.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"speaker\":");
      string(t.speaker());
      out.append(",\"offset_s\":").append(t.offsetSeconds());
      out.append(",\"text\":");
      string(t.text());
      out.append('}');
    }
    out.append(']');
    return this;
  }

  boolean has(String key) {
    return out.indexOf("\"" + key + "\":") >= 0;
  }

  @Override
  public String toString() {
    return out + "}";
  }

  private void key(String key) {
    if (!first) {
      out.append(',');
    }
    first = false;
    string(key);
    out.append(':');
  }

  private void value(Object value) {
    if (value == NULL) {
      out.append("null");
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else {
      string(value.toString());
    }
  }

  private void string(String s) {
    out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
  }
}
