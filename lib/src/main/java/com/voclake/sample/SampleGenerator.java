package com.voclake.sample;

import com.voclake.io.Identifiers;
import com.voclake.io.InteractionSchema;
import com.voclake.io.RejectReason;
import com.voclake.io.TouchpointSchema;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the touchpoints, interactions and identity truth of one synthetic customer. Pure Java
 * (no Spark), so {@link GenerateJob} can call it on executors and tests can call it directly.
 *
 * <p>Contract: {@link #forCustomer(long)} depends only on the options and the index (each customer
 * draws from its own {@link SplittableRandom} seeded from (seed, index)), so customers can be
 * generated in any order, on any machine, and always give the same lines. Cross-customer noise
 * (dealer sales phones typed into many customers' orders, a family tablet shared by two or three
 * customers) is derived from the seed alone. Instances are immutable and thread-safe.
 */
public final class SampleGenerator implements Serializable {
  /** Share of records written defective on purpose (about 1.5 % of lines). */
  static final double BAD_RECORD_RATE = 0.015;

  enum Stage { PROSPECT, BUYER, OWNER }

  private static final String APPID_OA = "wx8a3f5c2d1e9b7a60";
  private static final String APPID_MP = "wx2c7e9d4b6a1f3058";
  private static final String VIN_WMI = "LXL";

  private static final double[] HOUR_WEIGHTS = {
      0.3, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 1.6, 2.8, 4.2, 5, 5, 4, 4.2, 4.8, 4.8, 4.5, 4, 3.5, 3.8, 4.5, 4.2, 3, 1.5};
  private static final double[] INCIDENT_HOUR_WEIGHTS = {
      0, 0, 0, 0, 0, 0.5, 3, 8, 10, 9, 7, 6, 4, 4, 3.5, 3, 3, 2.5, 2.5, 2.5, 2.5, 2, 1.5, 1};

  private static final List<String> CHANNELS =
      List.of("web", "wechat_oa", "wechat_mp", "app", "dealer", "crm", "hotline", "chat");
  private static final double[][] CHANNEL_WEIGHTS = {
      {30, 18, 18, 6, 14, 3, 6, 5},   // prospect
      {8, 10, 16, 18, 20, 12, 10, 6}, // buyer
      {2, 10, 14, 35, 14, 10, 9, 6},  // owner
  };
  private static final List<String> KINDS = InteractionSchema.KINDS; // call, chat, review, complaint, social, survey
  private static final double[][] KIND_WEIGHTS = {
      {35, 35, 0, 8, 12, 10},
      {30, 25, 5, 20, 8, 12},
      {28, 22, 15, 15, 8, 12},
  };

  private final GeneratorOptions options;
  private final List<String> salesPhones;

  public SampleGenerator(GeneratorOptions options) {
    this.options = options;
    SplittableRandom shared = new SplittableRandom(Pick.mix(options.seed(), 0x5A1E5L));
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      phones.add(IdentifierFormats.newMobile(shared));
    }
    this.salesPhones = List.copyOf(phones);
  }

  public GeneratorOptions options() {
    return options;
  }

  /** The stable key of a customer in the truth lines, e.g. {@code cust-0000042}. */
  public static String customerKey(long index) {
    return String.format("cust-%07d", index);
  }

  /** Every line of customer {@code index} (0 ≤ index < customers): touchpoints, interactions, truth. */
  public List<GeneratedRecord> forCustomer(long index) {
    if (index < 0 || index >= options.customers()) {
      throw new IllegalArgumentException(String.format(
          "Customer index %d is outside [0, %d)", index, options.customers()));
    }
    return new CustomerWriter(index).write();
  }

  /** The writer of one customer: draws the person, then their records, in a fixed order. */
  private final class CustomerWriter {
    private final SplittableRandom r;
    private final String key;
    private final List<GeneratedRecord> out = new ArrayList<>();
    private final List<LocalDate> dates = options.dates();

    private final boolean male;
    private final String surname;
    private final String name;
    private final int birthYear;
    private final World.City city;
    private final String dealerId;
    private final String dealerName;
    private final Stage stage;
    private final World.CarModel model;
    private final String phone;
    private final String landline;
    private final String email;
    private final String openidOa;
    private final String openidMp;
    private final String unionid;
    private final String appUserId;
    private final List<String> devices = new ArrayList<>();
    private final String tablet;
    private final List<String> cookies = new ArrayList<>();
    private final java.util.Set<String> cookiesSeen = new java.util.HashSet<>();
    private final java.util.Set<String> anonymousCookies = new java.util.HashSet<>();
    private boolean appPhoneGiven;
    private boolean miniProgramPhoneGiven;
    private boolean officialAccountSeen;
    private final String crmId;
    private final String vin;
    private final double temper;
    private final int anchorDay;
    private final Persona persona;
    private final long index;

    CustomerWriter(long index) {
      this.index = index;
      r = new SplittableRandom(Pick.mix(options.seed(), index));
      key = customerKey(index);
      male = Pick.chance(r, 0.62);
      surname = Pick.one(r, World.SURNAMES);
      name = surname + World.givenName(r, male);
      birthYear = (int) Math.max(1955, Math.min(2004, Math.round(1989 + r.nextGaussian() * 8)));
      city = World.city(r);
      List<String> dealers = World.dealers(city);
      dealerId = Pick.one(r, dealers);
      dealerName = World.dealerName(city, dealerId);
      double s = r.nextDouble();
      stage = s < 0.45 ? Stage.PROSPECT : s < 0.57 ? Stage.BUYER : Stage.OWNER;
      model = World.model(r);
      phone = IdentifierFormats.newMobile(r);
      landline = Pick.chance(r, 0.08) ? IdentifierFormats.landline(city.areaCode(),
          IdentifierFormats.newLandlineDigits(r, city.areaCode()), r) : null;
      email = Pick.chance(r, 0.5) ? newEmail() : null;
      openidOa = IdentifierFormats.wechatId(r);
      openidMp = IdentifierFormats.wechatId(r);
      // The brand binds its official account and mini-program to one WeChat open platform, so
      // every follower who authorised either has a unionid; a few never authorise (OA-only readers).
      unionid = Pick.chance(r, 0.97) ? IdentifierFormats.wechatId(r) : null;
      appUserId = "U" + IdentifierFormats.digits(r, 9);
      devices.add(IdentifierFormats.deviceId(r));
      if (Pick.chance(r, 0.2)) {
        devices.add(IdentifierFormats.deviceId(r));
      }
      String familyTablet = familyTablet(index);
      tablet = familyTablet != null && Pick.chance(r, 0.85) ? familyTablet : null;
      int cookieCount = 1 + (Pick.chance(r, 0.3) ? 1 + r.nextInt(2) : 0);
      for (int i = 0; i < cookieCount; i++) {
        cookies.add(IdentifierFormats.uuid(r));
        // A browser the customer never logs in or leaves a lead from stays anonymous for good.
        if (Pick.chance(r, 0.05)) {
          anonymousCookies.add(cookies.get(i));
        }
      }
      // Prospects get a CRM id too, but only show it once a dealer or the CRM has met them.
      crmId = "CRM" + IdentifierFormats.digits(r, 10);
      char yearCode = "NPRS".charAt(r.nextInt(4));
      vin = stage == Stage.OWNER ? IdentifierFormats.vin(r, VIN_WMI, model.vinCode(), yearCode) : null;
      temper = Math.max(-1, Math.min(1, r.nextGaussian() * 0.45 + 0.1));
      anchorDay = r.nextInt(dates.size());
      persona = new Persona(model, city, dealerName, surname, male, phone, stage, temper,
          options.endDate());
    }

    List<GeneratedRecord> write() {
      int touchpoints = activity(new int[] {1, 3, 6, 12, 30});
      for (int i = 0; i < touchpoints; i++) {
        touchpoint(pickDay(), CHANNELS.get(Pick.weighted(r, CHANNEL_WEIGHTS[stage.ordinal()])));
      }
      int interactions = interactionCount();
      for (int i = 0; i < interactions; i++) {
        interaction(pickDay());
      }
      if (options.incident() && hitByIncident()) {
        incident();
      }
      return out;
    }

    // ---- people and their identifiers ----

    private String newEmail() {
      String pinyinish = switch (r.nextInt(4)) {
        case 0 -> IdentifierFormats.digits(r, 6 + r.nextInt(4));
        case 1 -> Pick.one(r, "xiao", "da", "ah", "lao", "happy", "sunny", "king", "lucky", "cool") + r.nextInt(1000);
        case 2 -> Pick.one(r, "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou")
            + "." + Pick.one(r, "wei", "fang", "na", "min", "jing", "lei", "jun", "yang", "tao", "hui") + (birthYear % 100);
        default -> Pick.one(r, "car", "driver", "sky", "moon", "tiger", "panda") + "_" + IdentifierFormats.hex(r, 4);
      };
      String domain = Pick.one(r, World.EMAIL_DOMAINS);
      return "qq.com".equals(domain) && r.nextBoolean() ? IdentifierFormats.digits(r, 8 + r.nextInt(3)) + "@qq.com"
          : pinyinish + "@" + domain;
    }

    /** A tablet shared by a family group (customers 3k..3k+2); derived from the seed so members agree. */
    private String familyTablet(long index) {
      SplittableRandom family = new SplittableRandom(Pick.mix(options.seed(), 0xFA111L, index / 3));
      return family.nextDouble() < 0.08 ? IdentifierFormats.deviceId(family) : null;
    }

    /** The phone or, in families that share one, often the tablet on the sofa. */
    private String device() {
      return tablet != null && r.nextBoolean() ? tablet : Pick.one(r, devices);
    }

    /** True the first time a cookie that will be linked is used: that visit leaves a phone. */
    private boolean firstUseOfLinkableCookie(String cookie) {
      return cookiesSeen.add(cookie) && !anonymousCookies.contains(cookie);
    }

    private String phoneAsTyped() {
      if (Pick.chance(r, 0.02)) {
        return Pick.one(r, IdentifierFormats.PHONE_JUNK);
      }
      return IdentifierFormats.phone(phone, IdentifierFormats.randomForm(r));
    }

    private String emailAsTyped() {
      if (email == null) {
        return null;
      }
      if (Pick.chance(r, 0.04)) {
        return Pick.one(r, IdentifierFormats.EMAIL_JUNK);
      }
      if (Pick.chance(r, 0.04)) {
        return IdentifierFormats.emailTypo(email, r);
      }
      return IdentifierFormats.emailAsTyped(email, r);
    }

    private String vinAsTyped() {
      return Pick.chance(r, 0.03) ? IdentifierFormats.invalidVin(vin, r) : vin;
    }

    // ---- touchpoints ----

    private void touchpoint(LocalDate day, String channel) {
      JsonLine j = new JsonLine();
      String id = "ev-" + IdentifierFormats.hex(r, 16);
      LocalDate landing = day;
      boolean utc = false;
      String eventType;
      List<Object[]> fields = new ArrayList<>();
      switch (channel) {
        case "web" -> {
          eventType = Pick.one(r, stage == Stage.PROSPECT
              ? new String[] {"page_view", "page_view", "page_view", "config_car", "lead_form", "test_drive_booking"}
              : new String[] {"page_view", "page_view", "lead_form"});
          utc = Pick.chance(r, 0.3);
          String cookie = Pick.one(r, cookies);
          fields.add(f(Identifiers.COOKIE_ID, cookie));
          if (firstUseOfLinkableCookie(cookie)) {
            eventType = "lead_form";
          }
          if (eventType.equals("lead_form") || eventType.equals("test_drive_booking")) {
            fields.add(f(Identifiers.PHONE, phoneAsTyped()));
            if (Pick.chance(r, 0.25)) {
              fields.add(f(Identifiers.EMAIL, emailAsTyped()));
            }
            fields.add(f(TouchpointSchema.NAME, Pick.chance(r, 0.7) ? name : surname + (male ? "先生" : "女士")));
            fields.add(f(TouchpointSchema.CITY, Pick.chance(r, 0.2) ? city.name() + "市" : city.name()));
            fields.add(f(TouchpointSchema.CAR_MODEL, model.name()));
            if (eventType.equals("test_drive_booking")) {
              fields.add(f(TouchpointSchema.DEALER_ID, dealerId));
            }
          } else if (eventType.equals("config_car")) {
            fields.add(f(TouchpointSchema.CAR_MODEL, model.name()));
          }
        }
        case "wechat_oa" -> {
          eventType = Pick.one(r, "follow", "article_read", "article_read", "menu_click", "member_bind", "survey_open");
          // Most followers bind their membership (with their mobile) when they first follow.
          if (!officialAccountSeen) {
            officialAccountSeen = true;
            if (Pick.chance(r, 0.85)) {
              eventType = "member_bind";
            }
          }
          fields.add(f(Identifiers.WECHAT_OPENID, openidOa));
          fields.add(f(Identifiers.WECHAT_APPID, APPID_OA));
          if (unionid != null) {
            fields.add(f(Identifiers.WECHAT_UNIONID, unionid));
          }
          if (eventType.equals("member_bind")) {
            fields.add(f(Identifiers.PHONE, phoneAsTyped()));
          }
          if (Pick.chance(r, 0.5)) {
            fields.add(f(TouchpointSchema.GENDER, male ? "1" : "2"));
          }
          if (Pick.chance(r, 0.4)) {
            fields.add(f(TouchpointSchema.CITY, city.name()));
            fields.add(f(TouchpointSchema.PROVINCE, city.province()));
          }
        }
        case "wechat_mp" -> {
          eventType = Pick.one(r, stage == Stage.OWNER
              ? new String[] {"mini_program_visit", "mini_program_visit", "service_booking", "points_redeem", "member_register"}
              : new String[] {"mini_program_visit", "mini_program_visit", "test_drive_booking", "lead_form", "member_register"});
          fields.add(f(Identifiers.WECHAT_OPENID, openidMp));
          fields.add(f(Identifiers.WECHAT_APPID, APPID_MP));
          if (unionid != null) {
            fields.add(f(Identifiers.WECHAT_UNIONID, unionid));
          }
          // The mini-program logs in with WeChat's phone-number authorisation, so the first visit
          // carries the mobile; forms carry it again.
          if (!eventType.equals("mini_program_visit") || !miniProgramPhoneGiven) {
            miniProgramPhoneGiven = true;
            fields.add(f(Identifiers.PHONE, phoneAsTyped()));
          }
          if (eventType.equals("test_drive_booking") || eventType.equals("service_booking")) {
            fields.add(f(TouchpointSchema.NAME, name));
            fields.add(f(TouchpointSchema.DEALER_ID, dealerId));
            fields.add(f(TouchpointSchema.CAR_MODEL, model.name()));
          }
        }
        case "app" -> {
          eventType = Pick.one(r, stage == Stage.OWNER
              ? new String[] {"app_login", "app_login", "remote_control", "remote_control",
                  model.powertrain() == World.Powertrain.ICE ? "points_redeem" : "charging_session",
                  "community_post", "ota_update"}
              : new String[] {"app_login", "app_login", "app_register", "community_post", "points_redeem"});
          fields.add(f(Identifiers.APP_USER_ID, appUserId));
          fields.add(f(Identifiers.DEVICE_ID, device()));
          // App accounts are registered with a mobile number: the first app record carries it.
          if (!appPhoneGiven || eventType.equals("app_register") || Pick.chance(r, 0.15)) {
            appPhoneGiven = true;
            fields.add(f(Identifiers.PHONE, phoneAsTyped()));
          }
          if (vin != null && (eventType.equals("remote_control") || eventType.equals("charging_session")
              || eventType.equals("ota_update"))) {
            fields.add(f(Identifiers.VIN, vinAsTyped()));
            fields.add(f(TouchpointSchema.CAR_MODEL, model.name()));
          }
        }
        case "hotline" -> {
          eventType = "inbound_call";
          fields.add(f(Identifiers.PHONE, landline != null && Pick.chance(r, 0.4) ? landline : phoneAsTyped()));
          if (Pick.chance(r, 0.5)) {
            fields.add(f(TouchpointSchema.NAME, surname + (male ? "先生" : "女士")));
          }
          if (stage != Stage.PROSPECT && Pick.chance(r, 0.4)) {
            fields.add(f(Identifiers.CRM_ID, crmId));
          }
        }
        case "chat" -> {
          eventType = "chat_session";
          if (stage == Stage.OWNER || Pick.chance(r, 0.3)) {
            fields.add(f(Identifiers.APP_USER_ID, appUserId));
            if (!appPhoneGiven) {
              appPhoneGiven = true;
              fields.add(f(Identifiers.PHONE, phoneAsTyped()));
            }
          } else {
            String cookie = Pick.one(r, cookies);
            fields.add(f(Identifiers.COOKIE_ID, cookie));
            // The web chat asks for a mobile number before it connects an agent.
            if (firstUseOfLinkableCookie(cookie)) {
              fields.add(f(Identifiers.PHONE, phoneAsTyped()));
            }
          }
        }
        default -> { // dealer and crm: the DMS and the brand CRM, exported in nightly batches
          boolean dealer = channel.equals("dealer");
          eventType = dealerEvent(dealer);
          if (dealer && Pick.chance(r, 0.15) && dates.indexOf(day) < dates.size() - 1) {
            landing = day.plusDays(1);
          }
          fields.add(f(Identifiers.CRM_ID, crmId));
          // Sales consultants type their own number when the customer will not give one.
          boolean salesPhone = dealer && Pick.chance(r, 0.12) && (eventType.equals("showroom_visit")
              || eventType.equals("order") || eventType.equals("test_drive") || eventType.equals("quote"));
          // The CRM keeps a home landline beside the mobile; its exports send one of them.
          boolean homePhone = !dealer && landline != null && Pick.chance(r, 0.3);
          fields.add(f(Identifiers.PHONE, salesPhone ? Pick.one(r, salesPhones) : homePhone ? landline : phoneAsTyped()));
          if (!dealer) {
            fields.add(f(Identifiers.EMAIL, email != null && Pick.chance(r, 0.7) ? emailAsTyped() : JsonLine.NULL));
          }
          if (vin != null || eventType.equals("delivery") || eventType.equals("delivery_sync")) {
            fields.add(f(Identifiers.VIN, vin != null ? vinAsTyped()
                : IdentifierFormats.vin(new SplittableRandom(Pick.mix(options.seed(), index, 17)),
                    VIN_WMI, model.vinCode(), 'S')));
          } else if (!dealer) {
            fields.add(f(Identifiers.VIN, ""));
          }
          fields.add(f(TouchpointSchema.NAME, Pick.chance(r, 0.05) ? " " + name + " " : name));
          fields.add(f(TouchpointSchema.GENDER, dealer ? (male ? "男" : "女") : (male ? "M" : "F")));
          if (Pick.chance(r, 0.7)) {
            fields.add(f(TouchpointSchema.BIRTH_YEAR, Pick.chance(r, 0.03) ? (Object) "unknown"
                : Pick.chance(r, 0.2) ? (Object) String.valueOf(birthYear) : (Object) birthYear));
          }
          fields.add(f(TouchpointSchema.CITY, city.name()));
          fields.add(f(TouchpointSchema.PROVINCE, Pick.chance(r, 0.25) ? city.province() + provinceSuffix() : city.province()));
          fields.add(f(TouchpointSchema.CAR_MODEL, model.name()));
          fields.add(f(TouchpointSchema.DEALER_ID, dealerId));
        }
      }
      String time = time(day, HOUR_WEIGHTS, utc);
      emit(GeneratedRecord.TOUCHPOINTS, landing, TouchpointSchema.EVENT_ID, id, TouchpointSchema.EVENT_TIME, time,
          j, new Object[][] {{TouchpointSchema.CHANNEL, channel}, {TouchpointSchema.EVENT_TYPE, eventType}}, fields,
          null);
    }

    private String provinceSuffix() {
      String p = city.province();
      return p.equals("北京") || p.equals("上海") || p.equals("天津") || p.equals("重庆") ? "市"
          : p.equals("广西") ? "壮族自治区" : "省";
    }

    private String dealerEvent(boolean dealer) {
      return switch (stage) {
        case PROSPECT -> dealer ? Pick.one(r, "showroom_visit", "test_drive", "quote") : "member_update";
        case BUYER -> dealer ? Pick.one(r, "order", "showroom_visit", "delivery", "quote") : Pick.one(r, "order_sync", "delivery_sync", "member_update");
        case OWNER -> dealer ? Pick.one(r, "service_visit", "service_visit", "repair_order", "showroom_visit")
            : Pick.one(r, "service_record", "member_update", "survey_sent");
      };
    }

    // ---- interactions ----

    private void interaction(LocalDate day) {
      String kind = KINDS.get(Pick.weighted(r, KIND_WEIGHTS[stage.ordinal()]));
      Persona p = persona.on(day);
      switch (kind) {
        case "call" -> {
          Topics.Topic topic = topic(false);
          Conversation.Dialog d = Conversation.of(r, p, topic, isProblem(), false, false);
          writeInteraction(day, "hotline", kind, null, 0, d.turns(), HOUR_WEIGHTS);
        }
        case "chat" -> {
          Topics.Topic topic = topic(false);
          String channel = Pick.one(r, "chat", "chat", "app", "wechat_mp");
          Conversation.Dialog d = Conversation.of(r, p, topic, isProblem(), false, true);
          writeInteraction(day, channel, kind, null, 0, d.turns(), HOUR_WEIGHTS);
        }
        case "complaint" -> {
          TextComposer.Text t = TextComposer.complaint(r, p, topic(true));
          writeInteraction(day, Pick.one(r, "wechat_mp", "wechat_mp", "app", "app", "web"), kind, t.text(), 0, null,
              HOUR_WEIGHTS);
        }
        case "review" -> {
          TextComposer.Text t = TextComposer.review(r, p);
          writeInteraction(day, Pick.one(r, "app", "app", "autohome", "dongchedi"), kind, t.text(), t.rating(), null,
              HOUR_WEIGHTS);
        }
        case "social" -> {
          boolean negative = r.nextDouble() < 0.55 - 0.3 * temper;
          TextComposer.Text t = TextComposer.social(r, p, topic(true), negative);
          writeInteraction(day, Pick.one(r, "weibo", "douyin", "xiaohongshu"), kind, t.text(), 0, null, HOUR_WEIGHTS);
        }
        default -> {
          Topics.Topic topic = surveyTopic();
          TextComposer.Text t = TextComposer.survey(r, p, topic, r.nextDouble() < 0.65 + 0.25 * temper);
          writeInteraction(day, Pick.one(r, "wechat_oa", "crm"), kind, t.text(), t.rating(), null, HOUR_WEIGHTS);
        }
      }
    }

    private boolean hitByIncident() {
      if (stage != Stage.OWNER || !World.INCIDENT_MODELS.contains(model.name())) {
        return false;
      }
      return r.nextDouble() < (World.INCIDENT_PROVINCE.equals(city.province()) ? 0.6 : 0.03);
    }

    /** The head unit went black after the overnight OTA: an app event, then one or two contacts that day. */
    private void incident() {
      LocalDate day = options.endDate();
      Persona p = persona.on(day);
      List<Object[]> fields = new ArrayList<>();
      fields.add(f(Identifiers.APP_USER_ID, appUserId));
      fields.add(f(Identifiers.DEVICE_ID, devices.get(0)));
      // The same rule as every other app record: an account's first record carries the mobile it
      // was registered with. Without it, an owner whose only app record is this one had an app
      // account that no source ever tied to a person.
      if (!appPhoneGiven) {
        appPhoneGiven = true;
        fields.add(f(Identifiers.PHONE, phoneAsTyped()));
      }
      fields.add(f(Identifiers.VIN, vin));
      fields.add(f(TouchpointSchema.CAR_MODEL, model.name()));
      String id = "ev-" + IdentifierFormats.hex(r, 16);
      String otaTime = String.format("%sT%02d:%02d:%02d+08:00", day, 1 + r.nextInt(3), r.nextInt(60), r.nextInt(60));
      emit(GeneratedRecord.TOUCHPOINTS, day, TouchpointSchema.EVENT_ID, id, TouchpointSchema.EVENT_TIME, otaTime,
          new JsonLine(), new Object[][] {{TouchpointSchema.CHANNEL, "app"}, {TouchpointSchema.EVENT_TYPE, "ota_update"}},
          fields, null);
      int contacts = Pick.chance(r, 0.3) ? 2 : 1;
      for (int i = 0; i < contacts; i++) {
        switch (Pick.weighted(r, new double[] {40, 25, 20, 15})) {
          case 0 -> writeInteraction(day, "hotline", "call", null, 0,
              Conversation.of(r, p, Topics.HEAD_UNIT, true, true, false).turns(), INCIDENT_HOUR_WEIGHTS);
          case 1 -> writeInteraction(day, Pick.one(r, "app", "wechat_mp"), "complaint",
              TextComposer.incidentComplaint(r, p).text(), 0, null, INCIDENT_HOUR_WEIGHTS);
          case 2 -> writeInteraction(day, "app", "chat", null, 0,
              Conversation.of(r, p, Topics.HEAD_UNIT, true, true, true).turns(), INCIDENT_HOUR_WEIGHTS);
          default -> writeInteraction(day, Pick.one(r, "weibo", "douyin"), "social",
              Pick.one(r, "#星岚" + model.shortName() + "# ", "#星岚车机黑屏# ", "")
                  + TextComposer.incidentComplaint(r, p).text() + Pick.one(r, " @星岚汽车", ""),
              0, null, INCIDENT_HOUR_WEIGHTS);
        }
      }
    }

    private void writeInteraction(LocalDate day, String channel, String kind, String text, int rating,
        List<Conversation.Turn> turns, double[] hourWeights) {
      String id = "ix-" + IdentifierFormats.hex(r, 16);
      List<Object[]> fields = new ArrayList<>();
      switch (channel) {
        case "hotline" -> {
          fields.add(f(Identifiers.PHONE, landline != null && Pick.chance(r, 0.3) ? landline : phoneAsTyped()));
          if (stage != Stage.PROSPECT && Pick.chance(r, 0.4)) {
            fields.add(f(Identifiers.CRM_ID, crmId));
          }
        }
        case "chat" -> {
          String cookie = Pick.one(r, cookies);
          fields.add(f(Identifiers.COOKIE_ID, cookie));
          if (firstUseOfLinkableCookie(cookie)) {
            fields.add(f(Identifiers.PHONE, phoneAsTyped()));
          }
        }
        case "app" -> {
          fields.add(f(Identifiers.APP_USER_ID, appUserId));
          fields.add(f(Identifiers.DEVICE_ID, device()));
          if (!appPhoneGiven) {
            appPhoneGiven = true;
            fields.add(f(Identifiers.PHONE, phoneAsTyped()));
          }
        }
        case "wechat_mp", "wechat_oa" -> {
          boolean mp = channel.equals("wechat_mp");
          fields.add(f(Identifiers.WECHAT_OPENID, mp ? openidMp : openidOa));
          fields.add(f(Identifiers.WECHAT_APPID, mp ? APPID_MP : APPID_OA));
          if (unionid != null) {
            fields.add(f(Identifiers.WECHAT_UNIONID, unionid));
          }
          // A first contact through an app the customer never used before is a bound member too.
          boolean firstContact = mp ? !miniProgramPhoneGiven : !officialAccountSeen && Pick.chance(r, 0.85);
          miniProgramPhoneGiven |= mp;
          officialAccountSeen |= !mp;
          if ((kind.equals("complaint") && Pick.chance(r, 0.5)) || firstContact) {
            fields.add(f(Identifiers.PHONE, phoneAsTyped()));
          }
        }
        case "web" -> {
          fields.add(f(Identifiers.COOKIE_ID, Pick.one(r, cookies)));
          fields.add(f(Identifiers.PHONE, phoneAsTyped()));
          if (email != null && Pick.chance(r, 0.5)) {
            fields.add(f(Identifiers.EMAIL, emailAsTyped()));
          }
        }
        case "crm" -> {
          fields.add(f(Identifiers.CRM_ID, stage == Stage.PROSPECT ? JsonLine.NULL : crmId));
          fields.add(f(Identifiers.PHONE, phoneAsTyped()));
        }
        default -> { } // review sites and social media know nothing that identifies the author
      }
      fields.add(f(InteractionSchema.CAR_MODEL, model.name()));
      fields.add(f(InteractionSchema.CITY, city.name()));
      fields.add(f(InteractionSchema.PROVINCE, city.province()));
      if (rating > 0) {
        fields.add(f(InteractionSchema.RATING, Pick.chance(r, 0.1) ? (Object) String.valueOf(rating) : (Object) rating));
      }
      if (text != null) {
        fields.add(f(InteractionSchema.TEXT, text));
      }
      emit(GeneratedRecord.INTERACTIONS, day, InteractionSchema.INTERACTION_ID, id, InteractionSchema.START_TIME,
          time(day, hourWeights, false), new JsonLine(),
          new Object[][] {{InteractionSchema.CHANNEL, channel}, {InteractionSchema.KIND, kind}}, fields, turns);
    }

    private boolean isProblem() {
      double p = switch (stage) {
        case PROSPECT -> 0.3;
        case BUYER -> 0.5;
        case OWNER -> 0.65;
      };
      return r.nextDouble() < p - 0.15 * temper;
    }

    /** A topic this customer could raise; {@code problem} restricts to topics with problem phrases. */
    private Topics.Topic topic(boolean problem) {
      List<Topics.Topic> eligible = new ArrayList<>();
      List<Double> weights = new ArrayList<>();
      for (Topics.Topic t : Topics.ALL) {
        if (!Topics.fits(t.fit(), model.powertrain()) || (problem && t.issues().isEmpty())) {
          continue;
        }
        double w = switch (t.audience()) {
          case ANY -> t.weight() * (stage == Stage.PROSPECT ? 0.4 : 1);
          case PROSPECT -> stage == Stage.PROSPECT ? t.weight() * 2.5 : stage == Stage.BUYER ? t.weight() * 0.5 : 0;
          case BUYER -> stage == Stage.BUYER ? t.weight() * 3 : stage == Stage.OWNER ? t.weight() * 0.2 : 0;
          case OWNER -> stage == Stage.OWNER ? t.weight() : 0;
        };
        if (w > 0) {
          eligible.add(t);
          weights.add(w);
        }
      }
      return eligible.get(Pick.weighted(r, weights.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    private Topics.Topic surveyTopic() {
      return switch (stage) {
        case PROSPECT -> Pick.one(r, List.of(Topics.TEST_DRIVE, Topics.TEST_DRIVE, Topics.SERVICE_ATTITUDE, Topics.PRICE));
        case BUYER -> Pick.one(r, List.of(Topics.HANDOVER, Topics.DELIVERY_DELAY, Topics.SERVICE_ATTITUDE, Topics.FINANCE));
        case OWNER -> Pick.one(r, List.of(Topics.MAINTENANCE, Topics.REPAIR, Topics.SERVICE_ATTITUDE, Topics.PARTS,
            Topics.MAINTENANCE, Topics.POINTS));
      };
    }

    // ---- counts, days and times ----

    /** Most customers do little, a few do a lot: bounds are tiers of a heavy tail. */
    private int activity(int[] bounds) {
      double x = r.nextDouble();
      int tier = x < 0.55 ? 0 : x < 0.85 ? 1 : x < 0.97 ? 2 : 3;
      return bounds[tier] + r.nextInt(bounds[tier + 1] - bounds[tier] + 1);
    }

    private int interactionCount() {
      double x = r.nextDouble() + Math.max(0, -temper) * 0.15;
      if (x < 0.42) {
        return 0;
      }
      if (x < 0.77) {
        return 1;
      }
      if (x < 0.92) {
        return 2;
      }
      if (x < 0.985) {
        return 3 + r.nextInt(3);
      }
      return 6 + r.nextInt(7);
    }

    /** Records cluster around a customer's busy day, with the rest spread over the window. */
    private LocalDate pickDay() {
      int i = Pick.chance(r, 0.65) ? anchorDay + r.nextInt(3) - 1 : r.nextInt(dates.size());
      return dates.get(Math.max(0, Math.min(dates.size() - 1, i)));
    }

    private String time(LocalDate day, double[] hourWeights, boolean utc) {
      int hour = Pick.weighted(r, hourWeights);
      int minute = r.nextInt(60);
      int second = r.nextInt(60);
      if (utc) {
        java.time.Instant t = day.atTime(hour, minute, second).atOffset(java.time.ZoneOffset.ofHours(8)).toInstant();
        return t.toString();
      }
      String millis = Pick.chance(r, 0.1) ? String.format(".%03d", r.nextInt(1000)) : "";
      return String.format("%sT%02d:%02d:%02d%s+08:00", day, hour, minute, second, millis);
    }

    // ---- writing lines, defects and truth ----

    private void emit(String source, LocalDate day, String idField, String id, String timeField, String time,
        JsonLine j, Object[][] head, List<Object[]> fields, List<Conversation.Turn> turns) {
      String defect = Pick.chance(r, BAD_RECORD_RATE) ? Pick.one(r, RejectReason.MALFORMED_JSON,
          RejectReason.MISSING_ID, RejectReason.INVALID_TIME, RejectReason.DUPLICATE_ID) : null;
      if (RejectReason.MISSING_ID.equals(defect)) {
        switch (r.nextInt(3)) {
          case 0 -> { }
          case 1 -> j.put(idField, "");
          default -> j.put(idField, JsonLine.NULL);
        }
      } else {
        j.put(idField, id);
      }
      j.put(timeField, RejectReason.INVALID_TIME.equals(defect) ? impossibleTime(day) : time);
      for (Object[] h : head) {
        j.put((String) h[0], h[1]);
      }
      for (Object[] field : fields) {
        j.put((String) field[0], field[1]);
      }
      if (turns != null) {
        j.turns(InteractionSchema.TURNS, turns);
      }
      String line = j.toString();
      String dt = day.toString();
      if (RejectReason.MALFORMED_JSON.equals(defect)) {
        out.add(new GeneratedRecord(source, dt, line.substring(0, line.length() * (4 + r.nextInt(5)) / 10), defect));
      } else if (RejectReason.DUPLICATE_ID.equals(defect)) {
        out.add(new GeneratedRecord(source, dt, line));
        int next = dates.indexOf(day) + 1;
        String copyDt = next < dates.size() && r.nextBoolean() ? dates.get(next).toString() : dt;
        out.add(new GeneratedRecord(source, copyDt, line, defect));
      } else {
        out.add(new GeneratedRecord(source, dt, line, defect));
      }
      if (!RejectReason.MISSING_ID.equals(defect)) {
        out.add(new GeneratedRecord(GeneratedRecord.TRUTH, dt,
            new JsonLine().put("record_id", id).put("customer_key", key).toString()));
      }
    }

    private String impossibleTime(LocalDate day) {
      int y = day.getYear();
      return switch (r.nextInt(6)) {
        case 0 -> y + "-02-30T10:00:00+08:00";
        case 1 -> String.format("%d-13-%02dT09:15:00+08:00", y, day.getDayOfMonth());
        case 2 -> String.format("%d-%02d-32T11:20:00+08:00", y, day.getMonthValue());
        case 3 -> String.format("%sT25:10:00+08:00", day);
        case 4 -> "0000-00-00 00:00:00";
        default -> "1970-01-01T08:00:00+08:00";
      };
    }
  }

  private static Object[] f(String name, Object value) {
    return new Object[] {name, value};
  }
}
