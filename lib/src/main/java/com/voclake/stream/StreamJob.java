package com.voclake.stream;

import com.voclake.VoclakeException;
import com.voclake.config.StreamConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.Warehouse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code stream} job: two Structured Streaming queries on the warehouse.
 *
 * <ol>
 *   <li>core: touchpoints and interactions from Kafka or a landing directory
 *       ({@link StreamSources}); each micro-batch is validated, merged into the CDP, enriched and
 *       alerted on through the increment core ({@link MicroBatch}), exactly once;
 *   <li>windows: the interactions the core committed ({@link StreamEvents}) aggregated in sliding
 *       event-time windows with a watermark, state in RocksDB ({@link RequestWindows}).
 * </ol>
 *
 * <p>Checkpoints live under {@code _streams/<query>/checkpoint/}: a restarted job goes on where
 * the last one stopped, and one whose checkpoint belongs to another configuration is refused
 * ({@link StreamCheckpoint}). With the {@code available-now} trigger the core catches up and
 * stops, then the windows do; with an interval both run until a {@link StopRequest} (SIGTERM),
 * which stops each between two micro-batches.
 */
public final class StreamJob {
  private static final Logger LOG = LoggerFactory.getLogger(StreamJob.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private StreamJob() {}

  /** What a run did: core micro-batches processed and their records. */
  public record Report(long batches, long records, boolean stoppedByRequest) {}

  public static Report run(SparkSession spark, VoclakeConfig config, StopRequest stop) {
    return run(spark, config, stop, StreamProgress.Observer.NONE);
  }

  /** {@link #run(SparkSession, VoclakeConfig, StopRequest)}, telling {@code observer} of every batch. */
  static Report run(SparkSession spark, VoclakeConfig config, StopRequest stop, StreamProgress.Observer observer) {
    StreamConfig stream = config.stream();
    Warehouse warehouse = new Warehouse(config.paths().warehouse());
    String checkpointId = StreamCheckpoint.claim(spark, warehouse, config);
    // Recorded in the windows query's checkpoint when it first starts.
    spark.conf().set("spark.sql.streaming.stateStore.providerClass", RequestWindows.ROCKSDB);
    StreamEvents.createIfMissing(spark, warehouse.streamEvents(stream.query()));
    RequestWindows.createIfMissing(spark, warehouse.requestWindows());
    String coreName = "voclake-" + stream.query() + "-core";
    String windowsName = "voclake-" + stream.query() + "-windows";
    StreamProgress progress = new StreamProgress(coreName, windowsName, observer);
    BatchGate coreGate = new BatchGate();
    BatchGate windowsGate = new BatchGate();
    MicroBatch batch = new MicroBatch(config, new StreamAlerting(spark, config), coreGate, progress);
    LOG.info("Stream query '{}' reads {}, trigger {}, checkpoints under {}", stream.query(),
        StreamSources.describe(config), stream.trigger(), warehouse.stream(stream.query()));
    spark.streams().addListener(progress);
    try {
      StreamingQuery core = StreamSources.read(spark, config).writeStream().queryName(coreName)
          .option("checkpointLocation", warehouse.streamCheckpoint(stream.query(), "core"))
          .trigger(trigger(stream.trigger())).foreachBatch(batch).start();
      List<Running> running = new ArrayList<>(List.of(new Running(core, coreGate)));
      if (stream.trigger().availableNow()) {
        // The windows read what the core committed: they start once it has caught up.
        await(running, stop);
        running.clear();
      }
      if (!stop.requested()) {
        running.add(new Running(windows(spark, warehouse, config, windowsName, checkpointId, windowsGate), windowsGate));
        await(running, stop);
      }
    } catch (TimeoutException e) {
      throw new VoclakeException("A stream query did not start in time: " + e.getMessage(), e);
    } finally {
      spark.streams().removeListener(progress);
    }
    LOG.info("Stream query '{}' stopped{}: {} micro-batches, {} records", stream.query(),
        stop.requested() ? " as requested" : " (caught up)", progress.batches(), progress.records());
    return new Report(progress.batches(), progress.records(), stop.requested());
  }

  private record Running(StreamingQuery query, BatchGate gate) {}

  private static StreamingQuery windows(SparkSession spark, Warehouse warehouse, VoclakeConfig config, String name,
      String checkpointId, BatchGate gate) throws TimeoutException {
    StreamConfig stream = config.stream();
    // Commits that delete (retention, forget) are not new events: the stream skips them.
    return RequestWindows.writer(RequestWindows.aggregate(spark.readStream().format("delta")
                .option("skipChangeCommits", "true").load(warehouse.streamEvents(stream.query())), stream.windows()),
            warehouse.requestWindows(), "voclake.windows." + checkpointId, gate)
        .queryName(name)
        .option("checkpointLocation", warehouse.streamCheckpoint(stream.query(), "windows"))
        .trigger(trigger(stream.trigger())).start();
  }

  /**
   * Waits until every query has stopped by itself (available-now) or a stop is requested, then
   * stops the rest between batches; a query that failed stops the others and its error is thrown.
   */
  private static void await(List<Running> running, StopRequest stop) {
    try {
      while (true) {
        for (Running r : running) {
          if (!r.query().isActive() && r.query().exception().isDefined()) {
            running.forEach(other -> other.gate().stopBetweenBatches(other.query()));
            throw new VoclakeException("Stream query " + r.query().name() + " failed: "
                + r.query().exception().get().getMessage(), r.query().exception().get());
          }
        }
        if (running.stream().noneMatch(r -> r.query().isActive())) {
          return;
        }
        if (stop.await(POLL)) {
          running.forEach(r -> r.gate().stopBetweenBatches(r.query()));
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.forEach(r -> r.gate().stopBetweenBatches(r.query()));
      throw new VoclakeException("Interrupted while the stream ran", e);
    }
  }

  private static Trigger trigger(StreamConfig.Trigger trigger) {
    return trigger.availableNow() ? Trigger.AvailableNow() : Trigger.ProcessingTime(trigger.interval().toMillis());
  }
}
