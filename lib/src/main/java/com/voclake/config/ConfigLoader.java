package com.voclake.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException.BadValue;
import com.typesafe.config.ConfigException.Missing;
import com.typesafe.config.ConfigException.WrongType;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Loads a VOCLake configuration file (HOCON) over the documented defaults in
 * {@code voclake-defaults.conf} and validates it.
 *
 * <p>Precedence, highest first: command-line overrides passed to {@link #load(String, Map)},
 * then the user's file, then the defaults. Keys that the defaults do not know are rejected, so a
 * typo never silently falls back to a default.
 */
public final class ConfigLoader {
  static final String ROOT = "voclake";
  private static final String DEFAULTS = "voclake-defaults.conf";

  private ConfigLoader() {}

  /** Loads {@code file} with no overrides. */
  public static VoclakeConfig load(String file) {
    return load(file, Map.of());
  }

  /**
   * Loads {@code file}; {@code overrides} maps full keys (for example {@code voclake.paths.input})
   * to values that win over the file. Override paths are taken relative to the working directory.
   */
  public static VoclakeConfig load(String file, Map<String, String> overrides) {
    File configFile = new File(file);
    if (!configFile.isFile()) {
      throw new ConfigException(
          "Config file " + file + " does not exist; pass --config with the path of a .conf file"
              + " (conf/local.conf is the local default)");
    }
    Config user;
    try {
      user = ConfigFactory.parseFile(configFile, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Cannot parse config file " + file + ": " + e.getMessage(), e);
    }
    Config defaults = ConfigFactory.parseResources(ConfigLoader.class, "/" + DEFAULTS);
    if (defaults.isEmpty()) {
      throw new ConfigException("Built-in defaults " + DEFAULTS + " are missing from the classpath");
    }
    rejectUnknownKeys(user, defaults, file);
    Config overrideConfig = ConfigFactory.parseMap(overrides, "command line");
    rejectUnknownKeys(overrideConfig, defaults, "the command line");

    Config merged;
    try {
      merged = overrideConfig.withFallback(user).withFallback(defaults)
          .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(false));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Cannot resolve config file " + file + ": " + e.getMessage(), e);
    }
    Path baseDir = configFile.getAbsoluteFile().getParentFile().toPath();
    PathResolver fileRelative = new PathResolver(baseDir, overrides.keySet(),
        Path.of("").toAbsolutePath());
    try {
      return VoclakeConfig.from(merged.getConfig(ROOT), fileRelative, file);
    } catch (Missing | WrongType | BadValue e) {
      throw new ConfigException("Invalid setting in " + file + ": " + e.getMessage(), e);
    }
  }

  private static void rejectUnknownKeys(Config user, Config defaults, String origin) {
    Set<String> unknown = new TreeSet<>();
    for (Map.Entry<String, ConfigValue> entry : user.entrySet()) {
      String key = entry.getKey();
      if (!isKnown(defaults, key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      String first = unknown.iterator().next();
      throw new ConfigException(String.format(
          "Unknown config key%s %s in %s. Known keys: %s",
          unknown.size() > 1 ? "s" : "", unknown, origin, knownKeysNear(defaults, first)));
    }
  }

  /** A key is known when the defaults have it, or it sits inside a map-valued default (shared-limits). */
  private static boolean isKnown(Config defaults, String key) {
    if (defaults.hasPathOrNull(key)) {
      return true;
    }
    int dot = key.lastIndexOf('.');
    while (dot > 0) {
      String parent = key.substring(0, dot);
      if (OPEN_MAPS.contains(parent)) {
        return true;
      }
      dot = parent.lastIndexOf('.');
    }
    return false;
  }

  /** Settings whose keys are user data (identifier types, Kafka client settings), not fixed names. */
  private static final Set<String> OPEN_MAPS = Set.of("voclake.identity.shared-limits",
      "voclake.stream.kafka.options");

  private static String knownKeysNear(Config defaults, String key) {
    String section = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : key;
    while (!section.isEmpty() && !defaults.hasPathOrNull(section)) {
      section = section.contains(".") ? section.substring(0, section.lastIndexOf('.')) : "";
    }
    String prefix = section.isEmpty() ? "" : section + ".";
    List<String> all = new java.util.ArrayList<>();
    collectKeys(defaults.root(), "", all);
    List<String> keys = all.stream().filter(k -> k.startsWith(prefix)).sorted().collect(Collectors.toList());
    return String.join(", ", keys.isEmpty() ? all.stream().sorted().collect(Collectors.toList()) : keys);
  }

  /** Every leaf key, including those whose default is null (entrySet() leaves them out). */
  private static void collectKeys(ConfigObject object, String prefix, List<String> out) {
    for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
      String key = prefix + entry.getKey();
      if (entry.getValue() instanceof ConfigObject child) {
        collectKeys(child, key + ".", out);
      } else {
        out.add(key);
      }
    }
  }

  /** Sorted key/value lines of the effective config for the log, with nothing secret in it. */
  public static Map<String, String> describe(VoclakeConfig config) {
    return new TreeMap<>(config.describe());
  }

  /** Resolves relative paths against the config file's directory, overrides against the working dir. */
  static final class PathResolver {
    private final Path configDir;
    private final Set<String> overriddenKeys;
    private final Path workingDir;

    PathResolver(Path configDir, Set<String> overriddenKeys, Path workingDir) {
      this.configDir = configDir;
      this.overriddenKeys = overriddenKeys;
      this.workingDir = workingDir;
    }

    String resolve(String fullKey, String value) {
      if (value == null || value.isBlank()) {
        throw new ConfigException("Setting " + fullKey + " is required: give it a path");
      }
      if (hasScheme(value) || new File(value).isAbsolute()) {
        return value;
      }
      Path base = overriddenKeys.contains(fullKey) ? workingDir : configDir;
      return base.resolve(value).normalize().toString();
    }

    private static boolean hasScheme(String value) {
      try {
        URI uri = new URI(value);
        return uri.getScheme() != null && uri.getScheme().length() > 1;
      } catch (Exception e) {
        return false;
      }
    }
  }
}
