package com.voclake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.testing.TestConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SingleTaskBudgetConfigTest {
  private static final String LOCAL = TestConfigs.repoRoot().resolve("conf/local.conf").toString();
  private static final String KEY = "voclake.identity.single-task-budget-mb";

  @Test
  void defaultsTo256MebibytesAndZeroMeansAlwaysDistributed() {
    assertThat(ConfigLoader.load(LOCAL).identity().singleTaskBudgetBytes()).isEqualTo(256L << 20);
    IdentityConfig never = ConfigLoader.load(LOCAL, Map.of(KEY, "0")).identity();
    assertThat(never.singleTaskBudgetMb()).isZero();
  }

  @Test
  void negativeBudgetIsRejectedWithTheKeyName() {
    assertThatThrownBy(() -> ConfigLoader.load(LOCAL, Map.of(KEY, "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Cannot set identity.single-task-budget-mb to -1");
  }
}
