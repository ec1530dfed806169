package com.voclake.jobs;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed, validated command line of one job. */
record Invocation(Job job, CommandLine line, String configFile, Map<String, String> configOverrides,
    Optional<LocalDate> date, boolean failFast) {

  static final String DEFAULT_CONFIG = "conf/local.conf";

  static Invocation parse(Job job, List<String> args) {
    CommandLine line = CommandLine.parse(job.cliName(), job.options(), args);
    if (line.flag("master") || line.value("master").isPresent()) {
      throw new UsageException("--master goes to spark-submit, before the jar; jobs/bin/voclake passes it on"
          + " for you");
    }
    Optional<LocalDate> date = line.value("date").map(d -> date("date", d));
    return new Invocation(job, line, line.value("config").orElse(DEFAULT_CONFIG), Main.overrides(line), date,
        line.flag("fail-fast"));
  }

  static LocalDate date(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new UsageException(String.format("Cannot use --%s %s: give a date as YYYY-MM-DD, e.g. 2026-11-20",
          option, value));
    }
  }

  long positiveLong(String option, long defaultValue) {
    Optional<String> value = line.value(option);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.get().replace("_", ""));
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new UsageException(String.format("Cannot use --%s %s: the value must be a positive whole number",
        option, value.get()));
  }
}
