package com.voclake.config;

import com.typesafe.config.Config;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * How a run treats its input.
 *
 * @param failFast stop at the first bad record instead of quarantining it
 * @param timeZone zone of output dates and hours (China time by default)
 * @param earliestValidDate event times before this day are quarantined as impossible
 * @param limits bounds on a landed record's size and values
 * @param maintainEvery every this many increments, the one that completes the count compacts the
 *     tables ({@code identity.compact-files})
 * @param incrementGrace how long an increment another writer claimed and has not committed is left to
 *     it before this writer commits it
 */
public record RunConfig(boolean failFast, String timeZone, LocalDate earliestValidDate, InputLimits limits,
    int maintainEvery, Duration incrementGrace) {
  public RunConfig {
    if (maintainEvery < 1) {
      throw new ConfigException(String.format(
          "Cannot set run.maintain-every to %d: the value must be at least 1", maintainEvery));
    }
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
      return new RunConfig(c.getBoolean("fail-fast"), c.getString("time-zone"), LocalDate.parse(earliest),
          InputLimits.from(c.getConfig("limits")), c.getInt("maintain-every"), c.getDuration("increment-grace"));
    } catch (DateTimeParseException e) {
      throw new ConfigException(String.format(
          "Cannot set run.earliest-valid-date to %s: the value must be a date YYYY-MM-DD", earliest));
    }
  }

  /** Returns a copy that maintains the tables every {@code every} increments. */
  public RunConfig withMaintainEvery(int every) {
    return new RunConfig(failFast, timeZone, earliestValidDate, limits, every, incrementGrace);
  }

  public RunConfig withFailFast(boolean value) {
    return new RunConfig(value, timeZone, earliestValidDate, limits, maintainEvery, incrementGrace);
  }
}
