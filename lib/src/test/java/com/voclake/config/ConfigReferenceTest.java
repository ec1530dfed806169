package com.voclake.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from voclake-defaults.conf and must not drift from it. */
class ConfigReferenceTest {
  @Test
  void theConfigurationPageIsWhatTheDefaultsFileSays() throws Exception {
    Path page = TestConfigs.repoRoot().resolve("docs/configuration.md");
    assertThat(page).as("docs/configuration.md; create it with " + ConfigReference.REGENERATE).isRegularFile();
    assertThat(Files.readString(page))
        .as("docs/configuration.md differs from voclake-defaults.conf; regenerate it with "
            + ConfigReference.REGENERATE)
        .isEqualTo(ConfigReference.markdown());
  }

  @Test
  void everyKeyOfTheDefaultsIsOnThePageWithItsDefault() {
    String page = ConfigReference.markdown();
    assertThat(page).contains("| `voclake.paths.input` | (none: required) |",
        "| `voclake.identity.max-component-size` | `500` |",
        "| `voclake.text.lexicons.user-dictionary` | `\"lexicons/user_dictionary.txt\"` |",
        "| `voclake.run.increment-grace` | `\"30s\"` |",
        "| `voclake.identity.shared-limits.phone` | `2` |");
    assertThat(page).as("a regular expression's | is escaped inside a table cell").contains("0+\\|1+");
  }
}
