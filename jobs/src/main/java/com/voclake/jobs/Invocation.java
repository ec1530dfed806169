package com.voclake.jobs;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed, validated command line of one job. */
record Invocation(Command command, String subcommand, CommandLine line, String configFile, Map<String, String> configOverrides,
    Optional<LocalDate> date, boolean failFast) {

  static final String DEFAULT_CONFIG = "conf/local.conf";

  static Invocation parse(Command command, List<String> args) {
    String subcommand = null;
    if (!command.subcommands().isEmpty()) {
      boolean wordGiven = !args.isEmpty() && !args.get(0).startsWith("--");
      if (wordGiven && !command.subcommands().contains(args.get(0))) {
        throw new UsageException(String.format("Unknown word '%s' for job %s: expected one of %s, e.g. voclake %s %s",
            args.get(0), command.name(), command.subcommands(), command.name(), command.subcommands().get(0)));
      }
      if (!wordGiven && command.subcommandRequired()) {
        throw new UsageException(String.format("Job %s needs one of %s first, e.g. voclake %s %s",
            command.name(), command.subcommands(), command.name(), command.subcommands().get(0)));
      }
      if (wordGiven) {
        subcommand = args.get(0);
        args = args.subList(1, args.size());
      }
    }
    CommandLine line = CommandLine.parse(command.name(), Commands.optionsOf(command), args);
    if (line.flag("master") || line.value("master").isPresent()) {
      throw new UsageException("--master goes to spark-submit, before the jar; jobs/bin/voclake passes it on"
          + " for you");
    }
    Optional<LocalDate> date = line.value("date").map(d -> date("date", d));
    Invocation invocation = new Invocation(command, subcommand, line, line.value("config").orElse(DEFAULT_CONFIG),
        Main.overrides(command, line), date, line.flag("fail-fast"));
    command.validate(invocation);
    return invocation;
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
