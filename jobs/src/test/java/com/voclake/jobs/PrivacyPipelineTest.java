package com.voclake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.config.VoclakeConfig;
import com.voclake.identity.Explain;
import com.voclake.identity.Explanation;
import com.voclake.identity.GivenIdentifier;
import com.voclake.identity.PiiProtection;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PII end to end on a small landing set: after a daily run no raw identifier is in any table (but
 * quarantine, which keeps input lines on purpose), any published file or any log line;
 * {@code identity explain} shows how three records link through two identifiers; {@code forget}
 * counts in a dry run, then erases one customer everywhere, physically, and leaves the others.
 * The tests run in order: the last ones erase.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyPipelineTest {
  private static final String DAY = "2026-11-20";
  /** Every raw identifier and name of the landing set, in the forms they were written. */
  private static final List<String> RAW_VALUES = List.of(
      "138 0013 8000", "13800138000", "138-0013-8000", "8613800138000", "Wang.XiaoMing@163.com",
      "王小明", "oA1b2C3d4E5f", "uZ9y8X7w6V", "CRM-000123", "ck-81f2aa", "LSVAM4187C2184847",
      "li.na@163.com", "u-77821", "dev-5521", "13912345678", "88886666", "李娜");

  private SparkSession spark;
  private VoclakeConfig config;
  private String warehouse;
  private final List<String> logLines = Collections.synchronizedList(new ArrayList<>());
  private String wang;
  private String li;

  @BeforeAll
  void runDaily() throws Exception {
    spark = SparkExtension.session();
    Path tmp = Files.createTempDirectory("voclake-privacy-test");
    writeLanding(tmp.resolve("in"));
    config = TestConfigs.local(tmp.resolve("in"), tmp.resolve("wh"));
    warehouse = config.paths().warehouse();
    captureLogs(() -> run("daily", "--date", DAY));
    wang = oneIdOf("t1");
    li = oneIdOf("t4");
  }

  @Test
  @Order(1)
  void noRawIdentifierInAnyTablePublishedFileOrLogLine() throws Exception {
    List<String> tables = deltaTables();
    assertThat(tables).as("the daily run writes the CDP, enriched, quarantine and run tables")
        .contains("cdp/identity_links", "cdp/customer_profile", "cdp/customer_journey", "cdp/customer_voc",
            "voc/interactions_enriched", "quarantine/touchpoints", "quarantine/interactions", "_runs");
    for (String table : tables) {
      String rows = json(spark.read().format("delta").load(warehouse + "/" + table));
      if (table.equals("quarantine/touchpoints") || table.equals("quarantine/interactions")) {
        // Input quarantine keeps bad lines as they arrived, to fix and replay them: the scan sees them.
        assertThat(rows).as("the scan finds raw values where they are on purpose").contains("138 0013 8000");
      } else {
        assertNoRawValue(rows, table);
      }
    }
    for (String name : List.of("request_map", "request_map_daily", "alerts", "product_preference")) {
      String path = warehouse + "/publish/" + name;
      if (Files.isDirectory(Path.of(path))) {
        assertNoRawValue(json(spark.read().parquet(path)), "publish/" + name);
      }
    }
    Path pages = Path.of(warehouse + "/publish/summary");
    if (Files.isDirectory(pages)) {
      try (java.util.stream.Stream<Path> files = Files.walk(pages)) {
        for (Path page : files.filter(f -> f.toString().endsWith(".html")).toList()) {
          assertNoRawValue(Files.readString(page), "the daily page " + page.getFileName());
        }
      }
    }
    assertThat(logLines).as("the capture saw the run's own log lines").isNotEmpty()
        .anySatisfy(l -> assertThat(l).contains("identity"));
    assertNoRawValue(String.join("\n", logLines), "log output");
  }

  @Test
  @Order(2)
  void explainShowsTheChainOfIdentifiers() {
    GivenIdentifier phone = GivenIdentifier.of(config, "phone", "+86 138 0013 8000");
    Explanation explanation = Explain.of(spark, config, phone);

    assertThat(explanation.customers()).hasSize(1);
    Explanation.Customer c = explanation.customers().get(0);
    assertThat(c.oneId()).isEqualTo(wang);
    assertThat(c.records()).extracting(Explanation.Record::recordId)
        .as("oldest first").containsExactly("c1", "t1", "t2", "t3", "call-1");
    assertThat(c.edges()).extracting(e -> e.from() + " " + e.via().type() + " " + e.via().masked() + " " + e.to())
        .as("t1-t2-call-1 share the phone, c1-t2 the CRM id, c1-t3 the e-mail")
        .containsExactlyInAnyOrder(
            "event:t1 phone 138****8000 event:t2",
            "event:t2 phone 138****8000 interaction:call-1",
            "event:c1 crm_id CRM****23 event:t2",
            "event:c1 email w***@163.com event:t3");
    assertThat(c.tree()).as("every record but the oldest is reached once").hasSize(4);
    assertThat(c.unused()).extracting(u -> u.recordKey() + " " + u.identifier().type() + " " + u.identifier().state())
        .containsExactlyInAnyOrder("event:c1 phone shared_blocked", "event:t3 phone junk");

    String text = runAndCapture("identity", "explain", "--phone", "138-0013-8000");
    assertThat(text).contains("Customer " + wang, "└─", "[2] t1 —phone 138****8000— [3] t2",
        "[1] c1 —crm_id CRM****23— [3] t2", "shared_blocked",
        "identity.shared-limits.phone = " + config.identity().sharedLimits().get("phone"),
        "#" + GivenIdentifier.shortHash(PiiProtection.hash(config.pii().resolveKey(System.getenv()), "phone",
            "+8613800138000")));
    assertNoRawValue(text, "explain output");
  }

  @Test
  @Order(3)
  void dryRunCountsAndDeletesNothing() {
    long before = totalRows();
    String out = runAndCapture("forget", "--phone", "(+86) 138 0013 8000", "--dry-run");
    assertThat(out).contains("dry run", wang)
        .containsPattern("cdp/customer_journey\\s+5\\b")
        .containsPattern("cdp/customer_profile\\s+1\\b")
        .containsPattern("voc/interactions_enriched\\s+1\\b")
        .containsPattern("cdp/customer_voc\\s+1\\b")
        .containsPattern("quarantine/touchpoints\\s+1\\b")
        .containsPattern("quarantine/interactions\\s+2\\b")
        .contains("only aggregates");
    assertNoRawValue(out, "dry-run output");
    assertThat(totalRows()).as("a dry run deletes nothing").isEqualTo(before);
    assertThat(Files.exists(Path.of(warehouse, "cdp/forget_log"))).as("and records nothing").isFalse();
  }

  @Test
  @Order(4)
  void forgetErasesTheCustomerEverywhereAndOnlyThem() throws Exception {
    long liJourney = rows("cdp/customer_journey").where(col("one_id").equalTo(li)).count();
    long others = rows("cdp/customer_profile").where(col("one_id").notEqual(wang)).count();
    assertThat(liJourney).isEqualTo(2);

    String out = runAndCapture("forget", "--phone", "138 0013 8000");

    assertThat(out).contains("Forget: phone 138****8000", wang, "Vacuumed", "only aggregates", "landing zone");
    assertNoRawValue(out, "forget output");
    for (String table : List.of("cdp/customer_journey", "cdp/customer_profile", "cdp/identity_links",
        "cdp/customer_voc", "voc/interactions_enriched")) {
      assertThat(rows(table).where(col("one_id").equalTo(wang)).count()).as(table).isZero();
    }
    assertThat(rows("voc/interactions_enriched").where(col("interaction_id").equalTo("call-1")).count()).isZero();
    assertThat(Rows.of(rows("quarantine/touchpoints"), "record_id")).containsExactly(Rows.row("q2"));
    assertThat(rows("quarantine/interactions").count()).as("both lines carrying his phone or e-mail").isZero();
    assertThat(rows("cdp/identity_links").where(col("status").equalTo("shared_blocked")).count())
        .as("the dealer's shared phone is not his alone: kept").isEqualTo(1);
    assertThat(rows("cdp/customer_journey").where(col("one_id").equalTo(li)).count()).isEqualTo(liJourney);
    assertThat(rows("cdp/customer_profile").count()).as("other customers untouched").isEqualTo(others);

    List<List<Object>> log = Rows.of(rows("cdp/forget_log"), "id_type", "id_hash", "id_masked", "one_ids",
        "removed['cdp/customer_journey']");
    assertThat(log).containsExactly(Rows.row("phone", PiiProtection.hash(config.pii().resolveKey(System.getenv()),
        "phone", "+8613800138000"), "138****8000", scala.jdk.javaapi.CollectionConverters.asScala(List.of(wang))
        .toList(), 5L));

    for (String table : List.of("cdp/customer_journey", "cdp/customer_profile", "cdp/identity_links",
        "cdp/customer_voc", "voc/interactions_enriched", "quarantine/touchpoints", "quarantine/interactions")) {
      for (Path file : dataFiles(Path.of(warehouse, table))) {
        String content = json(spark.read().parquet(file.toString()));
        assertThat(content).as("%s: no data file left with his one_id", file).doesNotContain(wang);
        assertThat(content).as("%s: no data file left with his phone", file).doesNotContain("138 0013 8000");
      }
    }
  }

  @Test
  @Order(5)
  void anUnknownIdentifierIsNotAnError() {
    String out = runAndCapture("forget", "--email", "Nobody.Here@163.com");
    assertThat(out).contains("Nothing found", "n***@163.com", "Vacuumed with retention 0 (old files physically removed): none").doesNotContainIgnoringCase("nobody.here");
  }

  private void run(String... args) {
    Command command = Commands.named(args[0]);
    command.execute(spark, config, Invocation.parse(command, List.of(args).subList(1, args.length)));
  }

  private String runAndCapture(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      captureLogs(() -> run(args));
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    original.print(out);
    assertNoRawValue(String.join("\n", logLines), "log output of " + String.join(" ", args));
    return out;
  }

  private String oneIdOf(String eventId) {
    return rows("cdp/customer_journey").where(col("event_id").equalTo(eventId)).select("one_id")
        .as(Encoders.STRING()).first();
  }

  private Dataset<Row> rows(String table) {
    return spark.read().format("delta").load(warehouse + "/" + table);
  }

  private long totalRows() {
    long total = 0;
    for (String table : deltaTables()) {
      total += rows(table).count();
    }
    return total;
  }

  private static void assertNoRawValue(String text, String where) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String value : RAW_VALUES) {
      assertThat(lower).as("%s must not contain the raw value %s", where, value)
          .doesNotContain(value.toLowerCase(Locale.ROOT));
    }
  }

  private static String json(Dataset<Row> rows) {
    return String.join("\n", rows.select(functions.to_json(functions.struct(col("*")))).as(Encoders.STRING())
        .collectAsList());
  }

  /** Every Delta table under the warehouse, as paths relative to it. */
  private List<String> deltaTables() {
    try (Stream<Path> walk = Files.walk(Path.of(warehouse))) {
      return walk.filter(p -> p.getFileName().toString().equals("_delta_log"))
          .map(p -> Path.of(warehouse).relativize(p.getParent()).toString().replace('\\', '/'))
          .sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Path> dataFiles(Path table) throws IOException {
    try (Stream<Path> walk = Files.walk(table)) {
      return walk.filter(p -> p.toString().endsWith(".parquet") && !p.toString().contains("_delta_log")).toList();
    }
  }

  /** Runs {@code action} with every log event (com.voclake at all levels, the rest at INFO) captured. */
  private void captureLogs(Runnable action) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration configuration = context.getConfiguration();
    AbstractAppender appender = new AbstractAppender("privacy-test-capture", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        logLines.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
            + (event.getThrown() == null ? "" : " " + event.getThrown()));
      }
    };
    appender.start();
    LoggerConfig root = configuration.getRootLogger();
    LoggerConfig voclake = configuration.getLoggerConfig("com.voclake");
    Level rootLevel = root.getLevel();
    Level voclakeLevel = voclake.getLevel();
    root.addAppender(appender, Level.INFO, null);
    if (voclake != root) {
      voclake.setLevel(Level.ALL);
    }
    context.updateLoggers();
    try {
      action.run();
    } finally {
      root.removeAppender(appender.getName());
      root.setLevel(rootLevel);
      if (voclake != root) {
        voclake.setLevel(voclakeLevel);
      }
      context.updateLoggers();
      appender.stop();
    }
  }

  private static String tp(String id, String dt, String time, String channel, String type, String fields) {
    return String.format("{\"event_id\":\"%s\",\"event_time\":\"%sT%s:00+08:00\",\"channel\":\"%s\","
        + "\"event_type\":\"%s\",%s}", id, dt, time, channel, type, fields);
  }

  private static void writeLanding(Path in) {
    String d19 = "2026-11-19";
    Rows.writeLines(in.resolve("touchpoints/dt=" + d19 + "/part-0.jsonl"),
        // 王小明: c1 -crm- t2 -phone- t1 and call-1; c1 -email- t3.
        tp("c1", d19, "09:00", "crm", "update", "\"crm_id\":\"crm-000123\",\"email\":\"Wang.XiaoMing@163.com\","
            + "\"phone\":\"0571-8888 6666\",\"name\":\"王小明\",\"city\":\"深圳\""),
        tp("t1", d19, "10:02", "web", "lead_form", "\"phone\":\"138 0013 8000\",\"cookie_id\":\"ck-81f2aa\","
            + "\"name\":\"王小明\""),
        tp("t2", d19, "15:40", "dealer", "order", "\"phone\":\"+86-13800138000\",\"crm_id\":\"CRM-000123\","
            + "\"vin\":\"LSVAM4187C2184847\""),
        tp("t3", d19, "20:11", "wechat_oa", "follow", "\"wechat_openid\":\"oA1b2C3d4E5f\","
            + "\"wechat_appid\":\"wx8d7e6f5a\",\"wechat_unionid\":\"uZ9y8X7w6V\","
            + "\"email\":\"ＷＡＮＧ.XiaoMing@163.com\",\"phone\":\"13800000000\""),
        // 李娜, another customer.
        tp("t4", d19, "21:30", "app", "app_login", "\"app_user_id\":\"u-77821\",\"device_id\":\"dev-5521\","
            + "\"email\":\"li.na@163.com\",\"name\":\"李娜\""),
        // A dealer's front-desk phone in four other customers' orders: shared, links no one.
        tp("d1", d19, "11:00", "dealer", "order", "\"phone\":\"0571-8888 6666\",\"crm_id\":\"CRM101\""),
        tp("d2", d19, "11:10", "dealer", "order", "\"phone\":\"0571-8888 6666\",\"crm_id\":\"CRM102\""),
        tp("d3", d19, "11:20", "dealer", "order", "\"phone\":\"0571-8888 6666\",\"crm_id\":\"CRM103\""),
        tp("d4", d19, "11:30", "dealer", "order", "\"phone\":\"0571-8888 6666\",\"crm_id\":\"CRM104\""),
        // Quarantined (no channel): one with his phone, one with hers.
        "{\"event_id\":\"q1\",\"event_time\":\"2026-11-19T11:00:00+08:00\",\"event_type\":\"lead\","
            + "\"phone\":\"+86 138 0013 8000\"}",
        "{\"event_id\":\"q2\",\"event_time\":\"2026-11-19T11:00:00+08:00\",\"event_type\":\"lead\","
            + "\"email\":\"li.na@163.com\"}");
    Rows.writeLines(in.resolve("interactions/dt=" + DAY + "/part-0.jsonl"),
        "{\"interaction_id\":\"call-1\",\"start_time\":\"2026-11-20T14:05:00+08:00\",\"channel\":\"hotline\","
            + "\"kind\":\"call\",\"phone\":\"138-0013-8000\",\"text\":\"车机又死机了，我电话13800138000，请尽快回电\"}",
        "{\"interaction_id\":\"r-1\",\"start_time\":\"2026-11-20T19:20:00+08:00\",\"channel\":\"app\",\"kind\":\"review\","
            + "\"email\":\"LI.NA@163.com\",\"rating\":5,\"text\":\"续航很扎实，座椅加热很给力\"}",
        "{\"interaction_id\":\"s-1\",\"start_time\":\"2026-11-20T21:00:00+08:00\",\"channel\":\"chat\","
            + "\"kind\":\"complaint\",\"phone\":\"13912345678\",\"text\":\"保养预约一直约不上，请尽快回电\"}",
        // Quarantined: a broken line with his phone in the text, and one without text with his e-mail.
        "{\"interaction_id\":\"q3\",\"text\":\"请回电 138 0013 8000 谢谢\",\"start_time\":\"2026-11-20T09:",
        "{\"interaction_id\":\"q4\",\"start_time\":\"2026-11-20T10:00:00+08:00\",\"channel\":\"chat\","
            + "\"kind\":\"chat\",\"email\":\"WANG.XIAOMING@163.COM\"}");
  }
}
