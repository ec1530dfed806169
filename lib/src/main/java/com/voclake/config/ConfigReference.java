package com.voclake.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code voclake-defaults.conf} (every key, its default and the comment above it) as the
 * Markdown page {@code docs/configuration.md}, so the page cannot say anything the defaults file
 * does not. Keys appear in the file's order, one table per section.
 *
 * <p>{@code main(path)} writes the page; {@code ConfigReferenceTest} fails when the page in the
 * repository differs from what this renders now.
 */
public final class ConfigReference {
  /** How to regenerate the page, from the repository root; the test's failure message repeats it. */
  public static final String REGENERATE = "./mvnw -q -pl lib compile exec:java"
      + " -Dexec.mainClass=com.voclake.config.ConfigReference -Dexec.args=docs/configuration.md";

  private static final ConfigRenderOptions CONCISE = ConfigRenderOptions.concise();

  private ConfigReference() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("Usage: ConfigReference <output.md>   (e.g. docs/configuration.md)");
      System.exit(2);
    }
    Files.writeString(Path.of(args[0]), markdown(), StandardCharsets.UTF_8);
  }

  /** The whole page. */
  public static String markdown() {
    Config defaults = ConfigFactory.parseResources(ConfigReference.class, "/voclake-defaults.conf");
    StringBuilder out = new StringBuilder()
        .append("# Configuration reference\n\n")
        .append("<!-- Generated from lib/src/main/resources/voclake-defaults.conf by ConfigReference; do not edit.\n")
        .append("     Regenerate: ").append(REGENERATE).append(" -->\n\n")
        .append("Every key VOCLake reads, with its default. A config file (`--config`, default\n")
        .append("`conf/local.conf`) sets only what differs; a key that is not listed here is an error, and so\n")
        .append("is a value of the wrong type or range. Relative paths are relative to the config file's folder;\n")
        .append("`--input` and `--warehouse` on the command line override `voclake.paths.*` and are relative\n")
        .append("to the working directory. Every path a job needs is checked before it writes anything (exit\n")
        .append("code 2, one line naming the key). Paths may be any Hadoop path (`hdfs://`, `s3a://`).\n");
    ConfigObject root = (ConfigObject) defaults.root().get(ConfigLoader.ROOT);
    for (Map.Entry<String, ConfigValue> section : inFileOrder(root)) {
      String name = ConfigLoader.ROOT + "." + section.getKey();
      out.append("\n## `").append(name).append("`\n\n");
      String about = comment(section.getValue());
      if (!about.isEmpty()) {
        out.append(about).append("\n\n");
      }
      out.append("| key | default | meaning |\n|---|---|---|\n");
      rows((ConfigObject) section.getValue(), name, out);
    }
    return out.toString();
  }

  private static void rows(ConfigObject object, String prefix, StringBuilder out) {
    for (Map.Entry<String, ConfigValue> entry : inFileOrder(object)) {
      String key = prefix + "." + entry.getKey();
      ConfigValue value = entry.getValue();
      if (value.valueType() == ConfigValueType.OBJECT) {
        String about = comment(value);
        if (!about.isEmpty()) {
          out.append("| `").append(key).append("` | | ").append(cell(about)).append(" |\n");
        }
        rows((ConfigObject) value, key, out);
      } else {
        String shown = value.valueType() == ConfigValueType.NULL ? "(none: required)" : code(value.render(CONCISE));
        out.append("| `").append(key).append("` | ").append(shown).append(" | ").append(cell(comment(value)))
            .append(" |\n");
      }
    }
  }

  private static List<Map.Entry<String, ConfigValue>> inFileOrder(ConfigObject object) {
    return object.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber()))
        .toList();
  }

  private static String comment(ConfigValue value) {
    return String.join(" ", value.origin().comments().stream().map(String::strip).toList()).strip();
  }

  /** Text for a table cell: one line, pipes escaped. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }

  private static String code(String rendered) {
    return "`" + rendered.replace("|", "\\|") + "`";
  }
}
