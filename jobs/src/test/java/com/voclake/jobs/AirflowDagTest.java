package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Airflow DAGs in {@code conf/airflow} against the CLI's own registry ({@link Commands}): every
 * job, word and option they pass must parse as {@code voclake} would parse it, the class and jar
 * they submit must be this build's, and every {@code voclake.*} key they name must be in
 * voclake-defaults.conf. So renaming a job or an option in the CLI fails here until the DAGs follow.
 *
 * <p>Airflow is not installed here: {@code airflow_dag_facts.py} reads the DAG files with Python's
 * {@code ast} (never running them) and prints what they name as JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AirflowDagTest {
  /**
   * Jobs that a DAG may already run but the CLI does not have yet, with the options the DAG
   * passes to them. The one place for them: when a job lands, its entry goes (the test says so).
   */
  static final Map<String, List<String>> PLANNED = Map.of();

  /** What a Jinja expression stands for when the arguments are parsed: a date, or any word. */
  private static final String SAMPLE_DATE = "2026-11-20";

  private final Path root = Path.of(System.getProperty("voclake.repo.root"));
  /** What every .py file of conf/airflow names; {@link #dags}: those that build a DAG. */
  private List<JsonNode> files;
  private List<JsonNode> dags;

  @BeforeAll
  void readDags() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3",
        root.resolve("jobs/src/test/resources/airflow_dag_facts.py").toString()));
    try (Stream<Path> files = Files.list(root.resolve("conf/airflow"))) {
      files.filter(f -> f.toString().endsWith(".py")).sorted().forEach(f -> command.add(f.toString()));
    }
    Process python = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String json = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("python3 finished").isTrue();
    assertThat(python.exitValue()).as("python3 %s exit code", command).isZero();
    files = new ArrayList<>();
    new ObjectMapper().readTree(json).forEach(files::add);
    dags = files.stream().filter(f -> !f.get("dags").isEmpty()).toList();
    assertThat(dags).as("files in conf/airflow that build a DAG").hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void everyArgumentIsOneTheDagCouldEvaluate() {
    for (JsonNode file : files) {
      assertThat(file.get("errors")).as("%s: arguments built at run time cannot be checked", file.get("file"))
          .isEmpty();
    }
  }

  @Test
  void everySubmittedCommandLineParsesAsTheCliWould() {
    int checked = 0;
    for (JsonNode dag : dags) {
      for (JsonNode submit : dag.get("submits")) {
        List<String> args = new ArrayList<>();
        submit.get("application_args").forEach(a -> args.add(a.asText()));
        String where = dag.get("file").asText() + " line " + submit.get("line") + ": " + args;
        assertThat(args).as(where).isNotEmpty();
        String job = args.get(0);
        if (PLANNED.containsKey(job)) {
          assertPlanned(job, args, where);
          continue;
        }
        List<String> options = sample(args.subList(1, args.size()));
        assertThatCode(() -> {
          Command command = Commands.named(job);
          Invocation invocation = Invocation.parse(command, options);
          if (command instanceof StageCommand || command instanceof IdentityCommand) {
            assertThat(invocation.date()).as("a dated job in a DAG names its date (backfills rerun that date)")
                .isPresent();
          }
        }).as("%s parses with the CLI's registry", where).doesNotThrowAnyException();
        checked++;
      }
    }
    assertThat(checked).as("command lines checked against the registry").isPositive();
  }

  @Test
  void theDailyDagRunsIdentityEnrichPublish() {
    JsonNode daily = dag("voclake_daily.py");
    List<String> jobs = new ArrayList<>();
    daily.get("submits").forEach(s -> jobs.add(s.get("application_args").get(0).asText()));
    assertThat(jobs).containsExactly("identity", "enrich", "publish");
  }

  @Test
  void theDagsSubmitThisBuildsJarClassAndProperties() throws IOException {
    String shadedJar = Files.readString(root.resolve("jobs/pom.xml"))
        .replaceAll("(?s).*<outputFile>\\$\\{project.build.directory}/([^<]+)</outputFile>.*", "$1");
    for (JsonNode dag : dags) {
      JsonNode settings = dag.get("settings");
      String file = dag.get("file").asText();
      assertThat(texts(settings.get("java_class"))).as("%s java_class", file).isNotEmpty()
          .allMatch(Main.class.getName()::equals);
      assertThat(texts(settings.get("application"))).as("%s application: the shaded jar", file).isNotEmpty()
          .allMatch(a -> a.endsWith("/" + shadedJar));
      assertThat(texts(settings.get("properties_file"))).as("%s properties_file: a file of conf/", file)
          .isNotEmpty().allMatch(p -> Files.isRegularFile(root.resolve("conf").resolve(Path.of(p).getFileName())));
    }
  }

  @Test
  void everyConfigKeyNamedIsADocumentedKey() {
    Config defaults = ConfigFactory.parseResources("voclake-defaults.conf");
    List<String> named = new ArrayList<>();
    for (JsonNode file : files) {
      named.addAll(texts(file.get("config_keys")));
    }
    assertThat(named).as("the daily DAG names the config keys its constants mirror").isNotEmpty();
    assertThat(named).as("keys named in conf/airflow, each in voclake-defaults.conf")
        .allMatch(defaults::hasPathOrNull);
  }

  private void assertPlanned(String job, List<String> args, String where) {
    assertThat(Commands.ALL).as("%s is now a job of the CLI: remove it from AirflowDagTest.PLANNED", job)
        .noneMatch(c -> c.name().equals(job));
    for (String arg : args) {
      if (arg.startsWith("--")) {
        assertThat(PLANNED.get(job)).as("%s: option %s of planned job %s", where, arg, job)
            .contains(arg.substring(2));
      }
    }
  }

  /** The arguments with each Jinja expression replaced by a value of its option's kind. */
  private static List<String> sample(List<String> args) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      boolean date = i > 0 && (args.get(i - 1).equals("--date") || args.get(i - 1).equals("--end-date"));
      out.add(arg.contains("{{") ? (date ? SAMPLE_DATE : "templated") : arg);
    }
    return out;
  }

  private JsonNode dag(String name) {
    return dags.stream().filter(d -> d.get("file").asText().endsWith("/" + name)).findFirst()
        .orElseThrow(() -> new AssertionError("conf/airflow/" + name + " is missing"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
