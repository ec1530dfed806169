package com.voclake.config;

import com.typesafe.config.Config;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * How a run treats its input.
 *
 * @param failFast stop at the first bad record instead of quarantining it
 * @param timeZone zone of output dates and hours (China time by default)
 * @param earliestValidDate event times before this day are quarantined as impossible
 */
public record RunConfig(boolean failFast, String timeZone, LocalDate earliestValidDate) {
  public RunConfig {
    try {
      ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw new ConfigException(String.format(
          "Cannot set run.time-zone to %s: use a region id such as Asia/Shanghai", timeZone));
    }
  }

  static RunConfig from(Config c) {
    String earliest = c.getString("earliest-valid-date");
    try {
      return new RunConfig(c.getBoolean("fail-fast"), c.getString("time-zone"), LocalDate.parse(earliest));
    } catch (DateTimeParseException e) {
      throw new ConfigException(String.format(
          "Cannot set run.earliest-valid-date to %s: the value must be a date YYYY-MM-DD", earliest));
    }
  }

  public RunConfig withFailFast(boolean value) {
    return new RunConfig(value, timeZone, earliestValidDate);
  }
}
