package com.voclake.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.voclake.io.RejectReason;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate END = LocalDate.parse("2026-11-20");
  private static final GeneratorOptions OPTIONS = new GeneratorOptions(1500, 7, END, 42);
  private static List<GeneratedRecord> lines;

  @BeforeAll
  static void generateOnce() {
    SampleGenerator generator = new SampleGenerator(OPTIONS);
    lines = new ArrayList<>();
    for (long i = 0; i < OPTIONS.customers(); i++) {
      lines.addAll(generator.forCustomer(i));
    }
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (java.io.IOException e) {
      throw new AssertionError("Not JSON: " + line, e);
    }
  }

  private static List<JsonNode> good(String source) {
    List<JsonNode> out = new ArrayList<>();
    for (GeneratedRecord rec : lines) {
      if (rec.source().equals(source) && !rec.isBad()) {
        out.add(parse(rec.jsonLine()));
      }
    }
    return out;
  }

  @Test
  void sameOptionsGiveTheSameLinesAndAnotherSeedDoesNot() {
    SampleGenerator a = new SampleGenerator(new GeneratorOptions(50, 7, END, 42));
    SampleGenerator b = new SampleGenerator(new GeneratorOptions(50, 7, END, 42));
    SampleGenerator other = new SampleGenerator(new GeneratorOptions(50, 7, END, 43));
    // Customer 17 first, before any other: a customer never depends on who was generated before.
    assertThat(b.forCustomer(17)).isEqualTo(a.forCustomer(17));
    for (long i = 0; i < 50; i++) {
      assertThat(b.forCustomer(i)).as("customer %d", i).isEqualTo(a.forCustomer(i));
    }
    assertThat(other.forCustomer(3)).isNotEqualTo(a.forCustomer(3));
    List<GeneratedRecord> first = new SampleGenerator(OPTIONS).forCustomer(0);
    assertThat(lines.subList(0, first.size())).isEqualTo(first);
  }

  @Test
  void optionsAreValidatedWithMessagesThatSayWhatToFix() {
    assertThatThrownBy(() -> new GeneratorOptions(0, 7, END, 1))
        .hasMessage("Cannot set customers to 0: the value must be positive");
    assertThatThrownBy(() -> new GeneratorOptions(10, 0, END, 1))
        .hasMessageContaining("Cannot set days to 0");
    assertThatThrownBy(() -> new GeneratorOptions(10, 7, null, 1)).hasMessageContaining("endDate");
    assertThat(new GeneratorOptions(10, 7, END, 1).incident()).isTrue();
    assertThat(new GeneratorOptions(10, 7, END, 1).startDate()).isEqualTo(LocalDate.parse("2026-11-14"));
    assertThatThrownBy(() -> new SampleGenerator(new GeneratorOptions(10, 7, END, 1)).forCustomer(10))
        .hasMessageContaining("outside [0, 10)");
  }

  @Test
  void customerTextsAreMostlyDistinct() {
    List<String> texts = new ArrayList<>();
    SampleGenerator generator = new SampleGenerator(new GeneratorOptions(300, 7, END, 42));
    for (long i = 0; i < 300; i++) {
      for (GeneratedRecord rec : generator.forCustomer(i)) {
        if (rec.source().equals(GeneratedRecord.INTERACTIONS) && !rec.isBad()) {
          JsonNode n = parse(rec.jsonLine());
          String kind = n.get("kind").asText();
          if (kind.equals("review") || kind.equals("complaint") || kind.equals("social")) {
            texts.add(n.get("text").asText());
          }
        }
      }
    }
    assertThat(texts).as("reviews, complaints and posts of 300 customers").hasSizeGreaterThan(80);
    assertThat((double) new HashSet<>(texts).size() / texts.size()).as("share of distinct texts").isGreaterThan(0.9);
  }

  @Test
  void everyBadRecordKindAppearsAtAboutOneToTwoPercent() {
    Map<String, Integer> byDefect = new TreeMap<>();
    long dataLines = 0;
    for (GeneratedRecord rec : lines) {
      if (rec.source().equals(GeneratedRecord.TRUTH)) {
        continue;
      }
      dataLines++;
      if (rec.isBad()) {
        byDefect.merge(rec.defect(), 1, Integer::sum);
      }
    }
    assertThat(byDefect).containsOnlyKeys(RejectReason.MALFORMED_JSON, RejectReason.MISSING_ID,
        RejectReason.INVALID_TIME, RejectReason.DUPLICATE_ID);
    double share = byDefect.values().stream().mapToInt(Integer::intValue).sum() / (double) dataLines;
    assertThat(share).as("share of defective lines").isBetween(0.008, 0.025);

    for (GeneratedRecord rec : lines) {
      if (RejectReason.MALFORMED_JSON.equals(rec.defect())) {
        assertThatThrownBy(() -> JSON.readTree(rec.jsonLine())).as(rec.jsonLine()).isInstanceOf(java.io.IOException.class);
      } else if (!rec.source().equals(GeneratedRecord.TRUTH)) {
        JsonNode n = parse(rec.jsonLine());
        String idField = rec.source().equals(GeneratedRecord.TOUCHPOINTS) ? "event_id" : "interaction_id";
        boolean hasId = n.hasNonNull(idField) && !n.get(idField).asText().isBlank();
        assertThat(hasId).as("id present unless missing_id: %s", rec.jsonLine())
            .isEqualTo(!RejectReason.MISSING_ID.equals(rec.defect()));
      }
    }
  }

  @Test
  void truthCoversEveryGoodRecordOnceAndNothingWithoutAnId() {
    Map<String, String> truth = new HashMap<>();
    for (GeneratedRecord rec : lines) {
      if (rec.source().equals(GeneratedRecord.TRUTH)) {
        JsonNode n = parse(rec.jsonLine());
        assertThat(truth.put(n.get("record_id").asText(), n.get("customer_key").asText()))
            .as("one truth line per id").isNull();
      }
    }
    int good = 0;
    for (String source : List.of(GeneratedRecord.TOUCHPOINTS, GeneratedRecord.INTERACTIONS)) {
      String idField = source.equals(GeneratedRecord.TOUCHPOINTS) ? "event_id" : "interaction_id";
      Set<String> ids = new HashSet<>();
      for (JsonNode n : good(source)) {
        String id = n.get(idField).asText();
        assertThat(ids.add(id)).as("good ids are unique: %s", id).isTrue();
        assertThat(truth).containsKey(id);
        good++;
      }
    }
    assertThat(truth.values()).allMatch(k -> k.matches("cust-\\d{7}"));
    assertThat(truth.size()).as("truth = good records + defective records that still carry an id").isGreaterThan(good);
  }

  @Test
  void recordsFollowTheInputContracts() {
    Set<String> channels = new HashSet<>();
    Set<String> dts = new HashSet<>();
    for (JsonNode n : good(GeneratedRecord.TOUCHPOINTS)) {
      assertThat(n.get("event_time").asText()).matches("2026-11-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?(\\+08:00|Z)");
      channels.add(n.get("channel").asText());
    }
    assertThat(channels).containsExactlyInAnyOrder("web", "wechat_oa", "wechat_mp", "app", "dealer", "crm", "hotline", "chat");
    for (GeneratedRecord rec : lines) {
      dts.add(rec.dt());
    }
    assertThat(dts).containsExactlyInAnyOrderElementsOf(OPTIONS.dates().stream().map(LocalDate::toString).toList());

    int withTurns = 0;
    for (JsonNode n : good(GeneratedRecord.INTERACTIONS)) {
      String kind = n.get("kind").asText();
      if (kind.equals("call") || kind.equals("chat")) {
        JsonNode turns = n.get("turns");
        assertThat(turns.size()).as("turns of %s", n.get("interaction_id")).isBetween(4, 12);
        for (JsonNode t : turns) {
          assertThat(t.get("speaker").asText()).isIn("customer", "agent", "bot");
          assertThat(t.get("text").asText()).isNotBlank();
        }
        withTurns++;
      } else {
        assertThat(n.get("text").asText()).isNotBlank();
        if (kind.equals("review") || kind.equals("survey")) {
          assertThat(n.get("rating").asInt()).isBetween(1, 5);
        }
      }
    }
    assertThat(withTurns).isGreaterThan(500);
  }

  @Test
  void identifiersOverlapAndCarryTheirNoise() {
    Map<String, Set<String>> customersByPhone = new HashMap<>();
    Map<String, Set<String>> customersByDevice = new HashMap<>();
    Map<String, String> customerOf = new HashMap<>();
    for (GeneratedRecord rec : lines) {
      if (rec.source().equals(GeneratedRecord.TRUTH)) {
        JsonNode n = parse(rec.jsonLine());
        customerOf.put(n.get("record_id").asText(), n.get("customer_key").asText());
      }
    }
    Set<String> forms = new HashSet<>();
    int junk = 0;
    for (JsonNode n : good(GeneratedRecord.TOUCHPOINTS)) {
      String customer = customerOf.get(n.get("event_id").asText());
      if (n.hasNonNull("phone")) {
        String phone = n.get("phone").asText();
        if (IdentifierFormats.PHONE_JUNK.contains(phone)) {
          junk++;
          continue;
        }
        forms.add(phone.replaceAll("\\d", "9").replaceAll("[０-９]", "９"));
        customersByPhone.computeIfAbsent(IdentifierFormatsTest.digitsOf(phone), k -> new HashSet<>()).add(customer);
      }
      if (n.hasNonNull("device_id")) {
        customersByDevice.computeIfAbsent(n.get("device_id").asText(), k -> new HashSet<>()).add(customer);
      }
    }
    // Digits masked to 9, so +86 reads +99 here.
    assertThat(forms).as("written forms of phones").contains("99999999999", "999 9999 9999", "999-9999-9999",
        "+99 999 9999 9999", "9999999999999", "+99-99999999999", "９９９９９９９９９９９");
    assertThat(junk).as("placeholder phones").isGreaterThan(10);
    assertThat(customersByPhone.values().stream().filter(c -> c.size() >= 5).count())
        .as("dealer sales phones typed into many customers' records").isBetween(3L, 6L);
    assertThat(customersByDevice.values().stream().filter(c -> c.size() >= 2).count())
        .as("family tablets shared by two or three customers").isGreaterThan(3);

    long textsWithOwnPhone = lines.stream()
        .filter(rec -> rec.source().equals(GeneratedRecord.INTERACTIONS) && !rec.isBad())
        .map(rec -> parse(rec.jsonLine()))
        .filter(n -> (n.hasNonNull("text") ? n.get("text").toString() : n.path("turns").toString())
            .matches(".*(电话|手机|回电).*1[3-9]\\d.*"))
        .count();
    assertThat(textsWithOwnPhone).as("customers who type their phone into a text").isGreaterThan(20);
  }

  @Test
  void everyAppAccountIsRegisteredWithAPhoneOnSomeRecord() {
    SampleGenerator generator = new SampleGenerator(OPTIONS);
    List<Long> withoutPhone = new ArrayList<>();
    long accounts = 0;
    for (long i = 0; i < OPTIONS.customers(); i++) {
      List<GeneratedRecord> records = generator.forCustomer(i);
      // A truncated line may have lost the phone of its account: such customers prove nothing.
      if (records.stream().anyMatch(rec -> com.voclake.io.RejectReason.MALFORMED_JSON.equals(rec.defect()))) {
        continue;
      }
      List<String> appLines = records.stream().map(GeneratedRecord::jsonLine)
          .filter(line -> line.contains("\"app_user_id\"")).toList();
      if (!appLines.isEmpty()) {
        accounts++;
        if (appLines.stream().noneMatch(line -> line.contains("\"phone\""))) {
          withoutPhone.add(i);
        }
      }
    }
    assertThat(accounts).as("customers with an app account").isGreaterThan(300);
    assertThat(withoutPhone).as("customers whose app account no record ties to a phone").isEmpty();
  }

  @Test
  void incidentDayHasSeveralTimesTheUsualHeadUnitComplaintsMostlyInOneProvince() {
    Map<String, Integer> perDay = new TreeMap<>();
    Map<String, Integer> incidentProvince = new TreeMap<>();
    for (JsonNode n : good(GeneratedRecord.INTERACTIONS)) {
      String text = n.hasNonNull("text") ? n.get("text").asText() : n.get("turns").toString();
      if (text.matches("(?s).*(车机|中控屏).*") && text.matches("(?s).*(黑屏|死机|变砖|重启).*")) {
        String day = n.get("start_time").asText().substring(0, 10);
        perDay.merge(day, 1, Integer::sum);
        if (day.equals(END.toString())) {
          incidentProvince.merge(n.get("province").asText(), 1, Integer::sum);
        }
      }
    }
    double usual = perDay.entrySet().stream().filter(e -> !e.getKey().equals(END.toString()))
        .mapToInt(Map.Entry::getValue).average().orElse(0);
    assertThat(perDay.get(END.toString())).as("head-unit mentions per day %s", perDay).isGreaterThan((int) (4 * usual));
    assertThat(incidentProvince.get(World.INCIDENT_PROVINCE) * 2).as("by province %s", incidentProvince)
        .isGreaterThan(perDay.get(END.toString()));

    SampleGenerator quiet = new SampleGenerator(new GeneratorOptions(300, 7, END, 42, false));
    long otaEventsWithoutIncident = 0;
    for (long i = 0; i < 300; i++) {
      otaEventsWithoutIncident += quiet.forCustomer(i).stream().filter(rec -> rec.jsonLine().contains("V4.2.0")).count();
    }
    assertThat(otaEventsWithoutIncident).as("the incident version only appears with the incident").isZero();
  }

  @Test
  void everyTopicAndPhraseFillsWithoutUnknownSlots() {
    SplittableRandom r = new SplittableRandom(5);
    Persona p = new Persona(World.MODELS.get(3), World.CITIES.get(0), "广州城东星岚4S店", "王", true, "13800138000",
        SampleGenerator.Stage.OWNER, 0, END);
    Set<String> l2 = new HashSet<>();
    for (Topics.Topic t : Topics.ALL) {
      l2.add(t.l1() + "/" + t.l2());
      assertThat(t.issues().size() + t.asks().size()).as(t.l2()).isGreaterThan(0);
      for (List<String> pool : List.of(t.issues(), t.praise(), t.asks(), t.answers())) {
        for (String phrase : pool) {
          assertThat(TextComposer.fill(r, p, phrase)).doesNotContain("{", "}");
        }
      }
    }
    assertThat(l2).hasSize(30).contains("智能座舱/车机死机", "投诉维权/退车退款", "账户会员/账号登录", "购车咨询/配置咨询");
    for (String phrase : Topics.INCIDENT_ISSUES) {
      assertThat(TextComposer.fill(r, p, phrase)).doesNotContain("{");
    }
  }
}
