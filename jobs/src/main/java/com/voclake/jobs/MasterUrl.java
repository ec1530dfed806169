package com.voclake.jobs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The forms of Spark master URL that VOCLake runs on, checked before Spark starts: a typo such as
 * {@code local[abc]} or {@code bogus://} is a usage error (exit code 2, one line) rather than a
 * stack trace from deep inside SparkContext. The launcher calls {@link #main} before it submits;
 * {@link Main} checks {@code spark.master} again for those who call spark-submit themselves.
 */
final class MasterUrl {
  private static final String HOST = "(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)";
  private static final String PORT = "(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})";
  private static final String COUNT = "[1-9][0-9]*";
  private static final List<Pattern> FORMS = List.of(
      Pattern.compile("local"),
      Pattern.compile("local\\[(\\*|" + COUNT + ")(,\\s*" + COUNT + ")?\\]"),
      Pattern.compile("local-cluster\\[" + COUNT + ",\\s*" + COUNT + ",\\s*" + COUNT + "\\]"),
      Pattern.compile("spark://" + HOST + ":" + PORT + "(," + HOST + ":" + PORT + ")*"),
      Pattern.compile("yarn"),
      Pattern.compile("k8s://(https?://)?" + HOST + "(:" + PORT + ")?(/\\S*)?"));

  static final String FORMS_HELP = "local, local[N], local[*], local[N,MAX_FAILURES], spark://HOST:PORT[,HOST:PORT],"
      + " yarn or k8s://https://HOST:PORT";

  private MasterUrl() {}

  /** Why {@code master} is not a master URL VOCLake can run on; empty when it is one. */
  static Optional<String> problem(String master) {
    if (master != null && FORMS.stream().anyMatch(f -> f.matcher(master).matches())) {
      return Optional.empty();
    }
    return Optional.of(String.format("Cannot use --master %s: give one of %s", master, FORMS_HELP));
  }

  /** For the launcher: exit code 0 when {@code args[0]} is a master URL, else 2 and one line. */
  public static void main(String[] args) {
    Optional<String> problem = problem(args.length == 1 ? args[0] : null);
    if (problem.isPresent()) {
      System.err.println("voclake: " + problem.get());
      System.exit(2);
    }
  }
}
