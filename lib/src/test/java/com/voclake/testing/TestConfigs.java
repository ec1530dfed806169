package com.voclake.testing;

import com.voclake.config.ConfigLoader;
import com.voclake.config.VoclakeConfig;
import java.nio.file.Path;
import java.util.Map;

/** The repository's own configuration files, pointed at a test's temporary folders. */
public final class TestConfigs {
  private TestConfigs() {}

  /** The repository root (Surefire passes it; falls back to walking up from the working dir). */
  public static Path repoRoot() {
    String prop = System.getProperty("voclake.repo.root");
    Path dir = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
    while (dir != null && !dir.resolve("conf/local.conf").toFile().isFile()) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("Cannot find the repository root (conf/local.conf)");
    }
    return dir;
  }

  /** {@code conf/local.conf} with input and warehouse replaced. */
  public static VoclakeConfig local(Path input, Path warehouse) {
    return ConfigLoader.load(repoRoot().resolve("conf/local.conf").toString(), Map.of(
        "voclake.paths.input", input.toAbsolutePath().toString(),
        "voclake.paths.warehouse", warehouse.toAbsolutePath().toString()));
  }

  /** The shared datasets folder beside the repository ({@code ../shared/datasets}). */
  public static Path sharedDatasets() {
    return repoRoot().resolve("../shared/datasets").normalize();
  }
}
