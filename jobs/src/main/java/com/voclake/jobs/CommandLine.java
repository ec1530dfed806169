package com.voclake.jobs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A small, strict parser for {@code --name value}, {@code --name=value} and {@code --flag}
 * options. Anything it does not know is an error that lists what it does know.
 */
final class CommandLine {
  /** An option a job accepts; {@code valueName} is null for a flag. */
  record Option(String name, String valueName, String help) {
    boolean isFlag() {
      return valueName == null;
    }

    String usage() {
      return "--" + name + (isFlag() ? "" : " " + valueName);
    }
  }

  private final Map<String, String> values;

  private CommandLine(Map<String, String> values) {
    this.values = values;
  }

  static CommandLine parse(String job, List<Option> allowed, List<String> args) {
    Map<String, Option> byName = allowed.stream()
        .collect(Collectors.toMap(Option::name, o -> o, (a, b) -> a, LinkedHashMap::new));
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException(String.format("Unexpected argument '%s' for job %s: options start with --."
            + " Options: %s", arg, job, names(allowed)));
      }
      String name = arg.substring(2);
      String inlineValue = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        inlineValue = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Option option = byName.get(name);
      if (option == null) {
        throw new UsageException(String.format("Unknown option --%s for job %s. Options: %s", name, job,
            names(allowed)));
      }
      if (values.containsKey(name)) {
        throw new UsageException(String.format("Option --%s is given twice", name));
      }
      if (option.isFlag()) {
        if (inlineValue != null) {
          throw new UsageException(String.format("Option --%s is a flag and takes no value", name));
        }
        values.put(name, "true");
      } else if (inlineValue != null) {
        values.put(name, inlineValue);
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        values.put(name, args.get(++i));
      } else {
        throw new UsageException(String.format("Option --%s needs a value: %s", name, option.usage()));
      }
    }
    return new CommandLine(values);
  }

  Optional<String> value(String name) {
    return Optional.ofNullable(values.get(name));
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  private static String names(List<Option> allowed) {
    return allowed.stream().map(o -> "--" + o.name()).collect(Collectors.joining(", "));
  }
}
