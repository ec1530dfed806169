package com.voclake.config;

import com.typesafe.config.Config;

/**
 * Where VOCLake reads and writes.
 *
 * @param input root holding {@code touchpoints/} and {@code interactions/}, one {@code dt=} folder
 *     per landing date
 * @param warehouse root of the CDP and VOC Delta tables, published Parquet and quarantine
 */
public record PathsConfig(String input, String warehouse) {
  public PathsConfig {
    if (input == null || input.isBlank()) {
      throw new ConfigException("paths.input is required: set it in the config or pass --input DIR");
    }
    if (warehouse == null || warehouse.isBlank()) {
      throw new ConfigException(
          "paths.warehouse is required: set it in the config or pass --warehouse DIR");
    }
  }

  static PathsConfig from(Config c, ConfigLoader.PathResolver resolver) {
    return new PathsConfig(
        resolver.resolve("voclake.paths.input", c.getIsNull("input") ? null : c.getString("input")),
        resolver.resolve("voclake.paths.warehouse",
            c.getIsNull("warehouse") ? null : c.getString("warehouse")));
  }
}
