package com.voclake.increment;

/**
 * Which increment: the writer and its batch. A replayed increment has the same id, and the
 * increment log ({@link IncrementLog}) tells that it was committed already, or finishes it.
 *
 * @param app the writer and stage, e.g. {@code daily/identity} or {@code stream-voc/identity}
 * @param version the batch: a streaming query's batch id, or a daily run's start time in milliseconds
 */
public record IncrementId(String app, long version) {
  public IncrementId {
    if (app == null || !app.matches("[A-Za-z0-9._/:-]+")) {
      throw new IllegalArgumentException("An increment's app must be letters, digits and ._/:- only: " + app);
    }
    if (version < 0) {
      throw new IllegalArgumentException("An increment's version must be >= 0: " + version);
    }
  }

  @Override
  public String toString() {
    return app + "@" + version;
  }
}
