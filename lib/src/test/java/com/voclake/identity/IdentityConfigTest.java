package com.voclake.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.config.ConfigException;
import com.voclake.config.ConfigLoader;
import com.voclake.config.IdentityConfig;
import com.voclake.testing.TestConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityConfigTest {
  private static IdentityConfig load(Map<String, String> overrides) {
    return ConfigLoader.load(TestConfigs.repoRoot().resolve("conf/local.conf").toString(), overrides).identity();
  }

  @Test
  void defaultsAreIncrementalWithSurvivorshipForEveryAttribute() {
    IdentityConfig c = load(Map.of());
    assertThat(c.mode()).isEqualTo("incremental");
    assertThat(c.maxComponentSize()).isEqualTo(500);
    assertThat(c.survivorship()).containsOnlyKeys(IdentityConfig.SURVIVORSHIP_ATTRIBUTES)
        .containsEntry("name", "source_priority").containsEntry("city", "newest");
    assertThat(c.sourcePriority()).startsWith("crm", "dealer");
    assertThat(load(Map.of("voclake.identity.mode", "full")).mode()).isEqualTo("full");
  }

  @Test
  void badValuesSayWhatToFix() {
    assertThatThrownBy(() -> load(Map.of("voclake.identity.survivorship.name", "oldest")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Cannot set identity.survivorship.name to oldest: the value must be one of"
            + " [newest, most_frequent, source_priority]");
    assertThatThrownBy(() -> load(Map.of("voclake.identity.mode", "nightly")))
        .hasMessage("Cannot set identity.mode to nightly: the value must be incremental or full");
    assertThatThrownBy(() -> load(Map.of("voclake.identity.max-component-size", "1")))
        .hasMessage("Cannot set identity.max-component-size to 1: the value must be at least 2");
    assertThatThrownBy(() -> load(Map.of("voclake.identity.compact-files", "1")))
        .hasMessage("Cannot set identity.compact-files to 1: the value must be at least 2");
    assertThatThrownBy(() -> new IdentityConfig(Map.of(), java.util.List.of(), java.util.List.of(), 10, 256, 10,
        "full", Map.of("name", "newest"), java.util.List.of(), 32))
        .hasMessageContaining("identity.survivorship.gender is missing");
    assertThatThrownBy(() -> new IdentityConfig(Map.of(), java.util.List.of(), java.util.List.of(), 10, 256, 10, "full",
        load(Map.of()).survivorship(), java.util.List.of("crm", "crm"), 32))
        .hasMessageContaining("entries must be distinct");
  }
}
