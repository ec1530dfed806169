package com.voclake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream's settings: defaults, the command line's values, and what is refused before anything starts. */
class StreamConfigTest {
  private static VoclakeConfig load(Path tmp, String stream) throws Exception {
    Path conf = tmp.resolve("stream.conf");
    Files.writeString(conf, "voclake { paths { input = a, warehouse = b }, pii.allow-local-default-key = true,"
        + " stream { " + stream + " } }");
    return ConfigLoader.load(conf.toString());
  }

  @Test
  void defaultsReadTheLandingDirectoryInFiveMinuteWindowsEveryMinute(@TempDir Path tmp) throws Exception {
    StreamConfig stream = load(tmp, "").stream();
    assertThat(stream.kafka().enabled()).as("no broker by default: the landing directory").isFalse();
    assertThat(stream.trigger().interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(stream.windows().length()).isEqualTo(Duration.ofMinutes(5));
    assertThat(stream.windows().slide()).isEqualTo(Duration.ofMinutes(1));
    assertThat(StreamConfig.Windows.interval(stream.windows().length())).isEqualTo("300 seconds");
  }

  @Test
  void kafkaClientSettingsPassThroughWithSparksPrefixAndOnlyTheirNamesAreShown(@TempDir Path tmp) throws Exception {
    StreamConfig stream = load(tmp, "kafka { bootstrap = \"b1:9092\", options { \"security.protocol\" = SASL_SSL,"
        + " \"sasl.jaas.config\" = secret } }").stream();
    assertThat(stream.kafka().clientOptions()).containsEntry("kafka.security.protocol", "SASL_SSL")
        .containsEntry("kafka.bootstrap.servers", "b1:9092");
    assertThat(stream.kafka().toString()).contains("sasl.jaas.config").doesNotContain("secret");
  }

  @Test
  void triggersAreAnIntervalOfAtLeastOneSecondOrAvailableNow() {
    assertThat(StreamConfig.Trigger.parse("available-now").availableNow()).isTrue();
    assertThat(StreamConfig.Trigger.parse("2s").interval()).isEqualTo(Duration.ofSeconds(2));
    assertThatThrownBy(() -> StreamConfig.Trigger.parse("soon")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("such as 10s, or available-now");
    assertThatThrownBy(() -> StreamConfig.Trigger.parse("100ms")).isInstanceOf(ConfigException.class);
  }

  @Test
  void settingsThatCannotWorkAreRefusedWithWhatToFix(@TempDir Path tmp) {
    assertThatThrownBy(() -> load(tmp, "window { length = 5m, slide = 2m }")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("it must divide stream.window.length");
    assertThatThrownBy(() -> load(tmp, "kafka.options { \"group.id\" = mine }")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("Spark's Kafka source sets it itself");
    assertThatThrownBy(() -> load(tmp, "kafka.interactions-topics = [voclake.touchpoints]"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
    assertThatThrownBy(() -> load(tmp, "query = \"a b\"")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("stream.query");
    assertThatThrownBy(() -> load(tmp, "kafka.starting-offsets = middle")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("earliest or latest");
  }
}
