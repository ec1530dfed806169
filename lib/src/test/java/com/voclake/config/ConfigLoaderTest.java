package com.voclake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @Test
  void localConfigResolvesPathsAgainstItsOwnFolder() {
    Path root = TestConfigs.repoRoot();
    VoclakeConfig config = ConfigLoader.load(root.resolve("conf/local.conf").toString());
    assertThat(config.paths().input()).isEqualTo(root.resolve("sample-data").toString());
    assertThat(config.paths().warehouse()).isEqualTo(root.resolve("warehouse").toString());
    assertThat(config.text().taxonomy()).isEqualTo(root.resolve("conf/taxonomy.conf").toString());
    assertThat(config.run().timeZone()).isEqualTo("Asia/Shanghai");
  }

  @Test
  void commandLineOverridesWinAndResolveAgainstTheWorkingDirectory() {
    Path root = TestConfigs.repoRoot();
    VoclakeConfig config = ConfigLoader.load(root.resolve("conf/local.conf").toString(),
        Map.of("voclake.paths.warehouse", "some/wh", "voclake.paths.input", "hdfs://nn/landing"));
    assertThat(config.paths().warehouse()).isEqualTo(Path.of("some/wh").toAbsolutePath().toString());
    assertThat(config.paths().input()).as("a Hadoop URI is taken as it is").isEqualTo("hdfs://nn/landing");
  }

  @Test
  void productionExampleRefusesToRunWithoutAKey() {
    Path example = TestConfigs.repoRoot().resolve("conf/production.example.conf");
    if (System.getenv("VOCLAKE_PII_KEY") == null) {
      assertThatThrownBy(() -> ConfigLoader.load(example.toString()))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("Environment variable VOCLAKE_PII_KEY is not set");
    }
    PiiConfig pii = new PiiConfig("VOCLAKE_PII_KEY", false);
    assertThat(new String(pii.resolveKey(Map.of("VOCLAKE_PII_KEY", "s3cret")))).isEqualTo("s3cret");
  }

  @Test
  void unknownKeysAreErrorsThatListTheKnownOnes(@TempDir Path tmp) throws Exception {
    Path conf = tmp.resolve("typo.conf");
    Files.writeString(conf, "voclake { paths { input = a, warehouse = b }, publish { top-keyword = 3 } }");
    assertThatThrownBy(() -> ConfigLoader.load(conf.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unknown config key [voclake.publish.top-keyword]")
        .hasMessageContaining("voclake.publish.top-keywords");
  }

  @Test
  void nonPositiveCountsAreRejected(@TempDir Path tmp) throws Exception {
    Path conf = tmp.resolve("bad.conf");
    Files.writeString(conf, "voclake { paths { input = a, warehouse = b }, pii.allow-local-default-key = true,"
        + " publish { top-keywords = 0 } }");
    assertThatThrownBy(() -> ConfigLoader.load(conf.toString()))
        .hasMessageContaining("Cannot set publish.top-keywords to 0: the value must be positive");
  }

  @Test
  void wrongTypeNamesTheFile(@TempDir Path tmp) throws Exception {
    Path conf = tmp.resolve("bad.conf");
    Files.writeString(conf, "voclake { paths { input = a, warehouse = b }, pii.allow-local-default-key = true,"
        + " run { fail-fast = maybe } }");
    assertThatThrownBy(() -> ConfigLoader.load(conf.toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bad.conf")
        .hasMessageContaining("fail-fast");
  }
}
