package com.voclake.config;

import com.typesafe.config.Config;

/**
 * Publishing settings.
 *
 * @param alerts path of the static alert rules (HOCON)
 * @param preferenceWindowDays days that product preference looks back, the run's date included
 * @param topKeywords keywords kept per request-map row
 */
public record PublishConfig(String alerts, int preferenceWindowDays, int topKeywords) {
  static PublishConfig from(Config c, ConfigLoader.PathResolver resolver) {
    return new PublishConfig(
        resolver.resolve("voclake.publish.alerts", c.getString("alerts")),
        VoclakeConfig.positive(c, "publish", "preference-window-days"),
        VoclakeConfig.positive(c, "publish", "top-keywords"));
  }
}
