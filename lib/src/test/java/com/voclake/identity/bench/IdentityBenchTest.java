package com.voclake.identity.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("integration")
class IdentityBenchTest {
  @Test
  void reportsTheMedianRunSoThatOneSlowRunDoesNotMoveTheFigure() {
    assertThat(IdentityBench.median(List.of(12.4, 10.1, 31.0))).isEqualTo(12.4);
    assertThat(IdentityBench.median(List.of(3.0, 1.0))).isEqualTo(2.0);
    assertThat(IdentityBench.median(List.of(7.5))).isEqualTo(7.5);
  }
}
