package com.voclake.stream;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a streaming query stop between micro-batches, never inside one: each batch runs holding
 * the gate, and {@link #stopBetweenBatches} takes the gate (waiting for a running batch to commit)
 * before it stops the query. A batch that starts meanwhile waits at the gate and is interrupted
 * by the stop before it writes anything; Spark runs it again on the next start, from the same
 * offsets. Thread-safe.
 */
final class BatchGate {
  private static final Logger LOG = LoggerFactory.getLogger(BatchGate.class);
  private static final Duration COMMIT_LOG_WAIT = Duration.ofMinutes(1);
  private final ReentrantLock lock = new ReentrantLock();

  /** A micro-batch's work. */
  @FunctionalInterface
  interface Work {
    void run() throws Exception;
  }

  /** Runs one micro-batch through the gate; interrupted (not run) when the query stops first. */
  void run(Work batch) throws Exception {
    lock.lockInterruptibly();
    try {
      batch.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops {@code query} once its running micro-batch, if any, has committed: its work (the gate)
   * and Spark's own end of the batch, the entry in the checkpoint's commit log, which Spark writes
   * after the work returns and which a stop would interrupt (the batch would then run again on the
   * next start, as a replay). The trigger is over when Spark says so or when the next batch waits
   * at the gate; at most {@link #COMMIT_LOG_WAIT} is spent waiting for that.
   */
  void stopBetweenBatches(StreamingQuery query) {
    lock.lock();
    try {
      long until = System.nanoTime() + COMMIT_LOG_WAIT.toNanos();
      while (query.isActive() && query.status().isTriggerActive() && !lock.hasQueuedThreads()
          && System.nanoTime() < until) {
        Thread.sleep(50);
      }
      if (query.isActive()) {
        LOG.info("Stopping stream query {} between micro-batches", query.name());
        query.stop();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while stream query " + query.name() + " ended its batch", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Stream query " + query.name() + " did not stop in time", e);
    } finally {
      lock.unlock();
    }
  }
}
