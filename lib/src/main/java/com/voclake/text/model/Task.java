package com.voclake.text.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a model learns, with the default text and label columns of its usual input.
 *
 * <ul>
 *   <li>{@link #SENTIMENT}: polarity of a text (labels 0/1, -1/0/1 or negative/neutral/positive;
 *       the public sets are binary: {@code label, review}).
 *   <li>{@link #ASPECT}: the product features a car-owner post talks about and each one's own
 *       polarity, from the car-reviews layout ({@code content_id, content, subject,
 *       sentiment_value}, one row per post and aspect).
 *   <li>{@link #CATEGORY}: the request category of a text (any label strings).
 * </ul>
 */
public enum Task {
  SENTIMENT("review", "label"),
  ASPECT("content", "subject"),
  CATEGORY("text", "label");

  private final String defaultTextCol;
  private final String defaultLabelCol;

  Task(String defaultTextCol, String defaultLabelCol) {
    this.defaultTextCol = defaultTextCol;
    this.defaultLabelCol = defaultLabelCol;
  }

  public String defaultTextCol() {
    return defaultTextCol;
  }

  public String defaultLabelCol() {
    return defaultLabelCol;
  }

  /** The name used on the command line and in model directories. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a task name; the message lists the tasks there are. */
  public static Task of(String name) {
    for (Task t : values()) {
      if (t.id().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException(String.format("Unknown task '%s': use one of %s", name,
        Arrays.stream(values()).map(Task::id).collect(Collectors.joining(", "))));
  }
}
