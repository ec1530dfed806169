package com.voclake.config;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole, validated configuration of one VOCLake run. Immutable; built only by
 * {@link ConfigLoader}, whose defaults file documents every key.
 *
 * @param origin the file it was loaded from, for messages
 */
public record VoclakeConfig(
    String origin,
    PathsConfig paths,
    RunConfig run,
    PiiConfig pii,
    IdentityConfig identity,
    TextConfig text,
    PublishConfig publish,
    StreamConfig stream) {

  static VoclakeConfig from(Config voclake, ConfigLoader.PathResolver resolver, String origin) {
    return new VoclakeConfig(
        origin,
        PathsConfig.from(voclake.getConfig("paths"), resolver),
        RunConfig.from(voclake.getConfig("run")),
        PiiConfig.from(voclake.getConfig("pii")),
        IdentityConfig.from(voclake.getConfig("identity")),
        TextConfig.from(voclake.getConfig("text"), resolver),
        PublishConfig.from(voclake.getConfig("publish"), resolver),
        StreamConfig.from(voclake.getConfig("stream")));
  }

  /** Returns a copy with other input and warehouse roots (tests and tools that build configs). */
  public VoclakeConfig withPaths(String input, String warehouse) {
    return new VoclakeConfig(origin, new PathsConfig(input, warehouse), run, pii, identity, text, publish, stream);
  }

  /** Returns a copy with other identity rules (benchmarks and comparisons). */
  public VoclakeConfig withIdentity(IdentityConfig newIdentity) {
    return new VoclakeConfig(origin, paths, run, pii, newIdentity, text, publish, stream);
  }

  /** Returns a copy with another run section. */
  public VoclakeConfig withRun(RunConfig newRun) {
    return new VoclakeConfig(origin, paths, newRun, pii, identity, text, publish, stream);
  }

  /** Returns a copy with other publish settings (tests that point the robots at a local server). */
  public VoclakeConfig withPublish(PublishConfig newPublish) {
    return new VoclakeConfig(origin, paths, run, pii, identity, text, newPublish, stream);
  }

  /** Returns a copy with other stream settings (the stream job's command-line options). */
  public VoclakeConfig withStream(StreamConfig newStream) {
    return new VoclakeConfig(origin, paths, run, pii, identity, text, publish, newStream);
  }

  /** Key/value pairs of the effective settings for the start-of-run log; holds no secret. */
  Map<String, String> describe() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("config", origin);
    out.put("paths.input", paths.input());
    out.put("paths.warehouse", paths.warehouse());
    out.put("run", run.toString());
    out.put("pii", pii.toString());
    out.put("identity", identity.toString());
    out.put("text", text.toString());
    out.put("publish", publish.toString());
    out.put("stream", stream.toString());
    return out;
  }

  static int positive(Config c, String section, String key) {
    int value = c.getInt(key);
    if (value <= 0) {
      throw new ConfigException(String.format(
          "Cannot set %s.%s to %d: the value must be positive", section, key, value));
    }
    return value;
  }
}
