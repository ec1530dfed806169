package com.voclake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every path a configuration names is found before a job runs, through Hadoop's file systems. */
class ConfigPathsTest {
  private final ConfigPaths.Probe hadoop = ConfigPaths.hadoop(new SparkConf(false));

  @Test
  void theRepositorysOwnConfigNamesOnlyFilesThatExist(@TempDir Path tmp) {
    VoclakeConfig config = TestConfigs.local(TestConfigs.repoRoot().resolve("sample-data"), tmp.resolve("wh"));
    List<ConfigPaths.Named> all = new ArrayList<>(ConfigPaths.input(config));
    all.addAll(ConfigPaths.text(config));
    all.addAll(ConfigPaths.publish(config));
    assertThat(all).extracting(ConfigPaths.Named::key).as("every file key of the text and publish sections")
        .contains("voclake.paths.input", "voclake.text.taxonomy", "voclake.text.lexicons.user-dictionary",
            "voclake.text.lexicons.features", "voclake.publish.alerts");
    assertThatCode(() -> ConfigPaths.requireExisting(all, hadoop, config.origin())).doesNotThrowAnyException();
  }

  @Test
  void aMissingLexiconNamesItsKeyAndTheConfigFile(@TempDir Path tmp) throws Exception {
    Path conf = copyOfLocalConf(tmp, "text.lexicons.negation = \"lexicons/no-such-file.txt\"\n"
        + "text.lexicons.degree = \"lexicons/neither.txt\"");
    VoclakeConfig config = ConfigLoader.load(conf.toString());
    assertThatThrownBy(() -> ConfigPaths.requireExisting(ConfigPaths.text(config), hadoop, config.origin()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("File %s does not exist: set voclake.text.lexicons.negation in %s to an existing file"
            + " (and 1 more like it)", tmp.resolve("lexicons/no-such-file.txt"), conf);
  }

  @Test
  void aCategoryModelFolderMustBeAModelVersion(@TempDir Path tmp) throws Exception {
    Files.createDirectories(tmp.resolve("models/category"));
    Path conf = copyOfLocalConf(tmp, "text.models.category = \"models/category\"");
    VoclakeConfig config = ConfigLoader.load(conf.toString());
    assertThat(config.text().models().category()).contains(tmp.resolve("models/category").toString());
    assertThatThrownBy(() -> ConfigPaths.requireExisting(ConfigPaths.text(config), hadoop, config.origin()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("File %s does not exist: set voclake.text.models.category in %s to a model version folder"
            + " written by 'voclake train --task category' (a v<time>-<fingerprint> folder with training.json)",
            tmp.resolve("models/category/training.json"), conf);
    Files.writeString(tmp.resolve("models/category/training.json"), "{\"task\": \"category\"}");
    assertThatCode(() -> ConfigPaths.requireExisting(ConfigPaths.text(config), hadoop, config.origin()))
        .doesNotThrowAnyException();
  }

  @Test
  void aMissingInputFolderSaysToPassInput(@TempDir Path tmp) {
    VoclakeConfig config = TestConfigs.local(tmp.resolve("landing"), tmp.resolve("wh"));
    assertThatThrownBy(() -> ConfigPaths.requireExisting(ConfigPaths.input(config), hadoop, config.origin()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Folder " + tmp.resolve("landing") + " does not exist: pass --input");
  }

  @Test
  void aFileWhereAFolderBelongsIsAlsoBadConfiguration(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("landing"), "not a folder");
    VoclakeConfig config = TestConfigs.local(tmp.resolve("landing"), tmp.resolve("wh"));
    assertThatThrownBy(() -> ConfigPaths.requireExisting(ConfigPaths.input(config), hadoop, config.origin()))
        .hasMessageContaining(tmp.resolve("landing") + " is a file, not a folder");
  }

  @Test
  void hadoopSettingsFromSparkSubmitReachTheProbe(@TempDir Path tmp) {
    // A path without a scheme lives on fs.defaultFS: local by default, elsewhere when spark-submit says so.
    assertThat(hadoop.kind(tmp.toString())).isEqualTo(ConfigPaths.Kind.FOLDER);
    ConfigPaths.Probe elsewhere = ConfigPaths.hadoop(
        new SparkConf(false).set("spark.hadoop.fs.defaultFS", "nosuch:///"));
    assertThatThrownBy(() -> elsewhere.kind(tmp.toString())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("Cannot check whether " + tmp + " exists").hasMessageContaining("nosuch");
  }

  /** conf/local.conf's folder copied to {@code tmp} (lexicons included), with {@code extra} settings. */
  static Path copyOfLocalConf(Path tmp, String extra) throws Exception {
    Path confDir = TestConfigs.repoRoot().resolve("conf");
    try (var files = Files.walk(confDir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path target = tmp.resolve(confDir.relativize(file).toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
    Path conf = tmp.resolve("local.conf");
    Files.writeString(conf, Files.readString(conf) + "\nvoclake {\n" + extra + "\n}\n");
    return conf;
  }
}
