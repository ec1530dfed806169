package com.voclake.stream;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request to stop the stream gracefully: the running micro-batch finishes and commits, no new
 * one starts, and the job returns normally (exit code 0). Thread-safe.
 */
public final class StopRequest {
  private static final Logger LOG = LoggerFactory.getLogger(StopRequest.class);
  private final CountDownLatch requested = new CountDownLatch(1);

  /** A request nobody makes but {@link #request()} (tests, embedding code). */
  public StopRequest() {}

  /**
   * A request made by SIGTERM (what {@code kill}, YARN, Kubernetes and Airflow send). The JVM's own
   * reaction to SIGTERM, an immediate shutdown that would interrupt the batch, is replaced.
   */
  @SuppressWarnings("sunapi")
  public static StopRequest onSigterm() {
    StopRequest stop = new StopRequest();
    sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
      LOG.info("SIGTERM: the stream stops once its running micro-batch has committed");
      stop.request();
    });
    return stop;
  }

  public void request() {
    requested.countDown();
  }

  public boolean requested() {
    return requested.getCount() == 0;
  }

  /** Waits up to {@code timeout} for the request; returns whether it was made. */
  boolean await(Duration timeout) throws InterruptedException {
    return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
