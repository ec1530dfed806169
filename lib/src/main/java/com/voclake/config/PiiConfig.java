package com.voclake.config;

import com.typesafe.config.Config;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the key for hashing identifiers comes from. The key itself is never stored in this record
 * (records print their fields); {@link #resolveKey(Map)} reads it from the environment when needed.
 *
 * @param keyEnv name of the environment variable holding the HMAC key
 * @param allowLocalDefaultKey whether a missing variable falls back to the sample-data key
 */
public record PiiConfig(String keyEnv, boolean allowLocalDefaultKey) {
  /** Fit only for sample data: anyone can read it here. */
  public static final String LOCAL_DEFAULT_KEY = "voclake-local-sample-key-NOT-FOR-PRODUCTION";

  static PiiConfig from(Config c) {
    PiiConfig pii = new PiiConfig(c.getString("key-env"), c.getBoolean("allow-local-default-key"));
    pii.resolveKey(System.getenv());
    return pii;
  }

  /** Whether {@link #resolveKey} would fall back to the local default key. */
  public boolean usesLocalDefault(Map<String, String> env) {
    String value = env.get(keyEnv);
    return value == null || value.isEmpty();
  }

  /** The HMAC key bytes; fails with a message that says what to set when none is available. */
  public byte[] resolveKey(Map<String, String> env) {
    if (!usesLocalDefault(env)) {
      return env.get(keyEnv).getBytes(StandardCharsets.UTF_8);
    }
    if (!allowLocalDefaultKey) {
      throw new ConfigException(String.format(
          "Environment variable %s is not set: set it to the secret key for hashing identifiers"
              + " (or set pii.allow-local-default-key = true for sample data only)", keyEnv));
    }
    return LOCAL_DEFAULT_KEY.getBytes(StandardCharsets.UTF_8);
  }
}
