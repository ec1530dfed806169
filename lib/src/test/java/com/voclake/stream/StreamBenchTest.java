package com.voclake.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The stream bench's per-record rewriting and its figures, without a broker. */
class StreamBenchTest {
  @Test
  void aCycledLineGetsANewIdAndTheTimeItIsSent() {
    String line = "{\"event_id\":\"ev-1\",\"event_time\":\"2026-11-20T12:10:42+08:00\",\"channel\":\"chat\","
        + "\"note\":\"event_time\"}";
    assertThat(StreamBench.restamp(line, "event_id", "s3-", "2026-12-07T10:00:00+08:00"))
        .isEqualTo("{\"event_id\":\"s3-ev-1\",\"event_time\":\"2026-12-07T10:00:00+08:00\",\"channel\":\"chat\","
            + "\"note\":\"event_time\"}");
    assertThat(StreamBench.restamp("{\"interaction_id\":\"i-9\",\"start_time\":\"2026-11-20T11:55:40+08:00\"}",
        "interaction_id", "s0-", "2026-12-07T10:00:00+08:00"))
        .isEqualTo("{\"interaction_id\":\"s0-i-9\",\"start_time\":\"2026-12-07T10:00:00+08:00\"}");
  }

  @Test
  void anAlertThatNeverCameCountsAsInfinitelyLateAndPrintsAsNull() {
    List<Double> latencies = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0,
        16.0, 17.0, 18.0, 19.0, Double.POSITIVE_INFINITY);
    assertThat(StreamBench.percentile(latencies, 0.50)).isEqualTo(10.0);
    assertThat(StreamBench.percentile(latencies, 0.95)).as("19 of 20 came: the 95th is the 19th").isEqualTo(19.0);
    assertThat(StreamBench.number(StreamBench.percentile(latencies, 1.0))).isEqualTo("null");
    assertThat(StreamBench.number(StreamBench.percentile(List.of(), 0.5))).isEqualTo("null");
    assertThat(StreamBench.number(12.345)).isEqualTo("12.35");
  }
}
