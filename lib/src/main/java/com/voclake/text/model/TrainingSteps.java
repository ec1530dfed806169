package com.voclake.text.model;

import org.slf4j.Logger;

/**
 * Progress of a training run in the log: each finished step with what it did, its own time and
 * the time since the start, so that a run of several minutes is never silent and a slow step is
 * easy to spot. Not thread-safe: one per run.
 */
final class TrainingSteps {
  private final Logger log;
  private final String task;
  private final long start = System.nanoTime();
  private long last = start;
  private int done;

  TrainingSteps(Logger log, String task) {
    this.log = log;
    this.task = task;
  }

  /** Logs a finished step: {@code train aspect step 3 (polarity) 12.3 s, 45.6 s in: <what>}. */
  void done(String step, String what) {
    long now = System.nanoTime();
    done++;
    log.info("train {} step {} ({}) {} s, {} s in: {}", task, done, step, seconds(now - last), seconds(now - start),
        what);
    last = now;
  }

  private static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }
}
