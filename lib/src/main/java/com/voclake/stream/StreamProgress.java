package com.voclake.stream;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per micro-batch: what the core query's batch did (records in, quarantined,
 * customers touched, enriched, alerts, seconds) with Spark's input and processing rates, and for
 * the windows query the windows it updated and the size of its state (which must stay flat).
 * Thread-safe: batches record their figures on the stream's thread, Spark's listener bus logs them.
 */
final class StreamProgress extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger(StreamProgress.class);

  /**
   * What one core micro-batch did; {@code seconds} is the whole batch: reading, validation and
   * identity ({@code identitySeconds}: the batch's lines are first read when identity needs them),
   * enrichment ({@code enrichSeconds}) and the alerts ({@code alertSeconds}).
   */
  record Batch(long recordsIn, long good, long quarantined, long customersTouched, long enriched, long alertsFiring,
      long conversationAlerts, long notifications, boolean replayed, double seconds, double identitySeconds,
      double enrichSeconds, double alertSeconds) {}

  /** Who else hears of each batch (a benchmark); called on the stream's threads. */
  interface Observer {
    Observer NONE = new Observer() {};

    default void coreBatch(long batchId, Batch batch) {}

    /** The windows query's state after one of its batches: windows held and bytes used. */
    default void windowsState(long rows, long bytes) {}
  }

  private final String coreName;
  private final String windowsName;
  private final Map<Long, Batch> pending = new ConcurrentHashMap<>();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private final Observer observer;

  StreamProgress(String coreName, String windowsName, Observer observer) {
    this.coreName = coreName;
    this.windowsName = windowsName;
    this.observer = observer;
  }

  void record(long batchId, Batch batch) {
    pending.put(batchId, batch);
    observer.coreBatch(batchId, batch);
    batches.incrementAndGet();
    records.addAndGet(batch.recordsIn());
  }

  /** Core micro-batches this run processed, and their records. */
  long batches() {
    return batches.get();
  }

  long records() {
    return records.get();
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    LOG.info("Stream query {} started (id {}, run {})", event.name(), event.id(), event.runId());
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress p = event.progress();
    if (coreName.equals(p.name())) {
      Batch b = pending.remove(p.batchId());
      if (b != null) {
        LOG.info(String.format(Locale.ROOT, "Stream batch %d: %d records in, %d good, %d quarantined; %d customers"
                + " touched, %d interactions enriched; %d alerts firing, %d escalated conversations, %d notifications;"
                + " %.1f s (identity %.1f, enrich %.1f, alerts %.1f)%s; input %.1f records/s, processed %.1f"
                + " records/s", p.batchId(), b.recordsIn(), b.good(), b.quarantined(), b.customersTouched(),
            b.enriched(), b.alertsFiring(), b.conversationAlerts(), b.notifications(), b.seconds(),
            b.identitySeconds(), b.enrichSeconds(), b.alertSeconds(),
            b.replayed() ? " (replayed: its increments were committed before)" : "", p.inputRowsPerSecond(),
            p.processedRowsPerSecond()));
      }
    } else if (windowsName.equals(p.name()) && p.numInputRows() > 0) {
      long stateRows = 0;
      long stateBytes = 0;
      long updated = 0;
      // A foreachBatch sink reports no output rows (-1): the windows the batch changed are the
      // state rows it updated.
      for (StateOperatorProgress state : p.stateOperators()) {
        stateRows += state.numRowsTotal();
        stateBytes += state.memoryUsedBytes();
        updated += state.numRowsUpdated();
      }
      observer.windowsState(stateRows, stateBytes);
      LOG.info(String.format(Locale.ROOT, "Stream windows batch %d: %d events, %d windows updated; state %d windows"
              + " (%.1f MB); watermark %s", p.batchId(), p.numInputRows(), updated, stateRows,
          stateBytes / 1e6, p.eventTime().getOrDefault("watermark", "-")));
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {
    LOG.info("Stream query {} stopped{}", event.id(), event.exception().isDefined() ? " with an error" : "");
  }
}
