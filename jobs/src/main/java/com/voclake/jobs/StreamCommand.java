package com.voclake.jobs;

import com.voclake.config.ConfigException;
import com.voclake.config.ConfigPaths;
import com.voclake.config.StreamConfig;
import com.voclake.config.VoclakeConfig;
import com.voclake.stream.StopRequest;
import com.voclake.stream.StreamJob;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@code stream}: the streaming job ({@link StreamJob}); SIGTERM stops it between micro-batches. */
final class StreamCommand implements Command {
  static final CommandLine.Option TRIGGER = new CommandLine.Option("trigger", "10s|available-now",
      "a micro-batch every interval, or catch up and stop (default: stream.trigger)");
  static final CommandLine.Option QUERY = new CommandLine.Option("query", "NAME",
      "the streaming query: its checkpoint under _streams/NAME (default: stream.query)");
  static final CommandLine.Option KAFKA = new CommandLine.Option("kafka-bootstrap", "HOST:PORT",
      "read Kafka at these brokers instead of the landing directory (default: stream.kafka.bootstrap)");

  @Override
  public String name() {
    return "stream";
  }

  @Override
  public String summary() {
    return "Stream touchpoints and interactions into the CDP, enrichment and real-time alerts.";
  }

  @Override
  public String description() {
    return "Reads Kafka (--kafka-bootstrap, topics in stream.kafka) or, by default, new files of the landing\n"
        + "directory, and commits each micro-batch exactly once: identity, enrichment, alerts (robots, the\n"
        + "alerts topic, state/alerts), and windowed counts in stream/request_windows. Restarts from its\n"
        + "checkpoint under _streams/<query>/. SIGTERM finishes the running micro-batch, then exits 0.";
  }

  @Override
  public List<CommandLine.Option> options() {
    return List.of(TRIGGER, QUERY, KAFKA, StageCommand.DATED.get(1));
  }

  @Override
  public void validate(Invocation invocation) {
    try {
      invocation.line().value(TRIGGER.name()).ifPresent(StreamConfig.Trigger::parse);
    } catch (ConfigException e) {
      throw new UsageException("--trigger: " + e.getMessage());
    }
    invocation.line().value(QUERY.name()).filter(q -> !q.matches("[A-Za-z0-9_-]{1,64}")).ifPresent(q -> {
      throw new UsageException("Cannot use --query " + q + ": use 1 to 64 letters, digits, '_' or '-'");
    });
    invocation.line().value(KAFKA.name()).filter(b -> !b.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*")).ifPresent(b -> {
      throw new UsageException("Cannot use --kafka-bootstrap " + b + ": give host:port[,host:port...]");
    });
  }

  @Override
  public List<ConfigPaths.Named> requiredPaths(VoclakeConfig config, Invocation invocation) {
    List<ConfigPaths.Named> paths = new ArrayList<>();
    if (!withOptions(config, invocation).stream().kafka().enabled()) {
      paths.addAll(ConfigPaths.input(config));
    }
    paths.addAll(ConfigPaths.text(config));
    paths.addAll(ConfigPaths.publish(config));
    return paths;
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    StreamJob.run(spark, withOptions(config, invocation), StopRequest.onSigterm());
  }

  /** {@code config} with the command line's stream options. */
  static VoclakeConfig withOptions(VoclakeConfig config, Invocation invocation) {
    StreamConfig stream = config.stream();
    CommandLine line = invocation.line();
    if (line.value(TRIGGER.name()).isPresent()) {
      stream = stream.withTrigger(StreamConfig.Trigger.parse(line.value(TRIGGER.name()).get()));
    }
    if (line.value(QUERY.name()).isPresent()) {
      stream = stream.withQuery(line.value(QUERY.name()).get());
    }
    if (line.value(KAFKA.name()).isPresent()) {
      stream = stream.withKafkaBootstrap(line.value(KAFKA.name()).get());
    }
    return config.withStream(stream);
  }
}
