package com.voclake.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composes Chinese customer texts (complaints, reviews, social posts, survey comments) from phrase
 * pools: openers, context, topic clauses with slots, feelings with negation and degree words,
 * requests, closers, particles, slang and the occasional typo. The combinations are many, so
 * thousands of texts are mostly distinct while each still names its topic in plain words.
 */
final class TextComposer {
  /** A composed text and what it is about (useful to tests and to reason about the mix). */
  record Text(String text, Topics.Topic topic, int rating, double polarity) {}

  static final List<String> OPENERS = Pick.lines("""
      你好，
      客服你好，
      您好，
      说一下我的情况，
      想反映个问题，
      实在忍不了了，
      大家评评理，
      第{nth}次来反映了，
      有个事情必须说一下，
      麻烦看一下，
      @星岚汽车客服 
      投诉！
      烦死了，
      """);
  static final List<String> CONTEXTS = Pick.lines("""
      我是{city}的车主，{ago}在{dealer}提的{ms}
      {ms}车主，开了{km}公里
      车是{month}月份在{dealer}买的
      家里那台{ms}刚过磨合期
      我在{city}，开的是{ms}
      {ago}刚提的{ms}
      老用户了，这是家里第二台{ms}
      本人{ms}车主
      """);
  static final List<String> BUYER_CONTEXTS = Pick.lines("""
      {month}月份在{dealer}订的{ms}
      定金交了快两个月了
      我订了一台{ms}
      {ms}准车主，订单是{month}月份下的
      """);
  static final List<String> PROSPECT_CONTEXTS = Pick.lines("""
      最近在看{ms}
      打算年底换车，看中了{ms}
      我在{city}，想买一台{ms}
      对比了好几款车，比较倾向{ms}
      朋友推荐了{ms}
      """);
  static final List<String> HEDGES = Pick.lines("""
      说实话
      讲真
      不得不说
      个人感觉
      老实讲
      怎么说呢
      真的是
      结果
      没想到
      """);
  static final List<String> HISTORY = Pick.lines("""
      已经去店里{n}次了
      前前后后打了{n}次客服电话
      反映了好几次都没人管
      每次都说会反馈给厂家
      店里说要等总部的技术支持
      上次来说修好了，结果没几天又这样
      """);
  static final List<String> NEG_ADJ = Pick.lines("""
      失望
      无语
      生气
      郁闷
      糟心
      闹心
      窝火
      心累
      """);
  static final List<String> POS_ADJ = Pick.lines("""
      满意
      放心
      省心
      靠谱
      专业
      """);
  static final List<String> NEG_FEELINGS = Pick.lines("""
      {deg}{negadj}
      真的{deg}{negadj}
      一点都不{posadj}
      {little}后悔买了
      太让人{negadj}了
      这体验谁受得了
      真的会谢
      心态崩了
      破防了
      太离谱了
      无语子
      服了
      这也太坑了
      简直了
      """);
  static final List<String> POS_FEELINGS = Pick.lines("""
      {deg}满意
      {deg}省心
      {deg}惊喜
      没什么可挑剔的
      买得不亏
      一点都不后悔
      真香
      yyds
      值得推荐
      必须点个赞
      开着很放心
      """);
  static final List<String> REQUESTS = Pick.lines("""
      希望尽快给个解决方案
      请尽快安排人联系我
      麻烦给个明确的处理时间
      希望厂家重视一下
      别再让我来回跑了
      请给我一个说法
      要求免费维修
      要求换车
      要求赔偿
      再不解决我就打12315投诉
      再拖下去我就去黑猫投诉曝光
      希望你们领导出面处理
      能不能有人负责一下
      """);
  static final List<String> CLOSERS = Pick.lines("""
      谢谢
      等你们回复
      辛苦了
      急
      在线等
      希望别再敷衍了
      拜托了
      """);
  static final List<String> PHONE_MENTIONS = Pick.lines("""
      我电话{phone}，尽快回电
      联系方式{phone}
      有结果打我手机{phone}
      我的手机号是{phone}，白天都能接
      回电请打{phone}
      """);
  static final List<String> SLANG = Pick.lines("""
      绝了
      离谱
      蚌埠住了
      栓Q
      我真的会谢
      家人们谁懂啊
      """);
  static final List<String> PARTICLES = List.of("啊", "呀", "吧", "啦", "哈", "呢", "嘛", "哦");

  static final List<String> REVIEW_PREFIXES = Pick.lines("""
      提车{n}个月了，说说真实感受：
      开了{km}公里，来交个作业。
      作为{ms}车主，简单说两句。
      用车{n}个月的感受：
      提车日记：
      {ms}用车一段时间了，
      从{city}跑了趟长途回来，
      """);
  static final List<String> REVIEW_POS_END = Pick.lines("""
      总体{deg}满意
      推荐购买
      这个价位闭眼入
      整体来说值得推荐
      买得不后悔
      """);
  static final List<String> REVIEW_NEG_END = Pick.lines("""
      总的来说不太推荐
      {little}后悔
      希望厂家好好改进
      劝大家慎重考虑
      避雷吧
      """);
  static final List<String> REVIEW_MIXED_END = Pick.lines("""
      瑕不掩瑜吧
      总体还行
      中规中矩
      有优点也有缺点，看个人需求
      """);
  static final List<String> SOCIAL_TAGS = Pick.lines("""
      #星岚{short}#
      #星岚汽车#
      #提车日记#
      #车主吐槽#
      #新能源车#
      #用车感受#
      """);
  static final List<String> SURVEY_SUGGESTIONS = Pick.lines("""
      建议休息区多放点充电线
      希望能增加周末的预约名额
      建议保养后把费用明细发到手机上
      希望服务顾问回消息再快一点
      建议App里能看到维修进度
      希望取送车服务覆盖到{city}郊区
      """);
  private static final List<String> FEATURE_NAMES = Pick.lines("""
      360全景影像
      座椅通风
      HUD抬头显示
      电动尾门
      全景天窗
      无线充电
      L2辅助驾驶
      香氛系统
      后排娱乐屏
      自动泊车
      座椅加热
      车内K歌
      """);
  private static final List<String> DEGREES = List.of("很", "非常", "特别", "挺", "蛮", "超", "相当", "十分", "真心", "贼");
  private static final List<String> LITTLES = List.of("有点", "有些", "稍微有点", "略", "多少有点");
  private static final List<String> AGO = List.of("上个月", "上周", "三个月前", "半年前", "前天", "去年年底", "两个月前");
  private static final List<String> DAYS_OF_WEEK = List.of("周六", "周日", "这周六", "下周日", "明天", "后天", "周五下午");
  private static final List<String[]> TYPOS = List.of(
      new String[] {"已经", "以经"}, new String[] {"反映", "反应"}, new String[] {"到底", "倒底"},
      new String[] {"再也", "在也"}, new String[] {"的时候", "得时候"}, new String[] {"怎么", "咋么"},
      new String[] {"一直", "一只"}, new String[] {"根本", "跟本"}, new String[] {"联系", "连系"});
  private static final Pattern SLOT = Pattern.compile("\\{(\\w+)}");
  private static final String CN_DIGITS = "零一二三四五六七八九";

  private TextComposer() {}

  /** A complaint about {@code topic}: mostly negative, often with a request, sometimes with the customer's phone. */
  static Text complaint(SplittableRandom r, Persona p, Topics.Topic topic) {
    List<String> sentence = new ArrayList<>();
    List<String> issues = topic.issues().isEmpty() ? topic.asks() : topic.issues();
    if (Pick.chance(r, 0.35)) {
      sentence.add(fill(r, p, Pick.one(r, OPENERS)).strip());
    }
    if (Pick.chance(r, 0.5)) {
      sentence.add(fill(r, p, Pick.one(r, contexts(p))));
    }
    List<String> picked = Pick.distinct(r, issues, Pick.chance(r, 0.3) ? 2 : 1);
    for (int i = 0; i < picked.size(); i++) {
      String clause = fill(r, p, picked.get(i));
      if (i == 0 && Pick.chance(r, 0.2)) {
        clause = Pick.one(r, HEDGES) + "，" + clause;
      } else if (i > 0) {
        clause = Pick.one(r, "而且", "还有就是", "另外", "再加上") + clause;
      }
      sentence.add(clause);
    }
    if (Pick.chance(r, 0.3)) {
      sentence.add(fill(r, p, Pick.one(r, HISTORY)));
    }
    sentence.add(fill(r, p, Pick.one(r, NEG_FEELINGS)));
    if (Pick.chance(r, 0.75)) {
      sentence.add(fill(r, p, Pick.one(r, REQUESTS)));
    }
    if (Pick.chance(r, 0.06)) {
      sentence.add(fill(r, p, Pick.one(r, PHONE_MENTIONS)));
    }
    if (Pick.chance(r, 0.35)) {
      sentence.add(fill(r, p, Pick.one(r, CLOSERS)));
    }
    String text = roughen(r, join(r, sentence));
    return new Text(text, topic, 0, -0.6 - 0.4 * r.nextDouble());
  }

  static List<String> contexts(Persona p) {
    return switch (p.stage()) {
      case PROSPECT -> PROSPECT_CONTEXTS;
      case BUYER -> BUYER_CONTEXTS;
      case OWNER -> CONTEXTS;
    };
  }

  /** The incident complaint: the head unit went black after last night's OTA. */
  static Text incidentComplaint(SplittableRandom r, Persona p) {
    List<String> sentence = new ArrayList<>();
    if (Pick.chance(r, 0.4)) {
      sentence.add(fill(r, p, Pick.one(r, OPENERS)).strip());
    }
    if (Pick.chance(r, 0.4)) {
      sentence.add(fill(r, p, Pick.one(r, CONTEXTS)));
    }
    sentence.add(fill(r, p, Pick.one(r, Topics.INCIDENT_ISSUES)));
    if (Pick.chance(r, 0.3)) {
      sentence.add(Pick.one(r, "打客服电话一直占线", "售后说要排队等技术支持", "4S店说今天已经来了十几台一样的车",
          "重启了好几次都没用", "孩子上学都迟到了"));
    }
    sentence.add(fill(r, p, Pick.one(r, NEG_FEELINGS)));
    sentence.add(fill(r, p, Pick.one(r, REQUESTS)));
    if (Pick.chance(r, 0.06)) {
      sentence.add(fill(r, p, Pick.one(r, PHONE_MENTIONS)));
    }
    return new Text(roughen(r, join(r, sentence)), Topics.HEAD_UNIT, 0, -0.8 - 0.2 * r.nextDouble());
  }

  /**
   * A review weighing two or three features with their own polarity ("动力很足，但是油耗有点高"),
   * and a 1–5 rating that follows the balance.
   */
  static Text review(SplittableRandom r, Persona p) {
    List<Topics.Feature> fitting = new ArrayList<>();
    for (Topics.Feature f : Topics.FEATURES) {
      if (Topics.fits(f.fit(), p.model().powertrain())) {
        fitting.add(f);
      }
    }
    List<Topics.Feature> features = Pick.distinct(r, fitting, 2 + r.nextInt(2));
    double positiveShare = Math.max(0.1, Math.min(0.9, 0.62 + 0.3 * p.temper()));
    StringBuilder b = new StringBuilder();
    if (Pick.chance(r, 0.45)) {
      b.append(fill(r, p, Pick.one(r, REVIEW_PREFIXES)));
    }
    int score = 0;
    Boolean previous = null;
    for (Topics.Feature f : features) {
      boolean positive = r.nextDouble() < positiveShare;
      score += positive ? 1 : -1;
      String clause = fill(r, p, Pick.one(r, positive ? f.positive() : f.negative()));
      if (previous == null) {
        b.append(Pick.chance(r, 0.15) ? Pick.one(r, HEDGES) + "，" : "").append(clause);
      } else if (previous == positive) {
        b.append(Pick.one(r, "，而且", "，", "；", "。另外", "，还有")).append(clause);
      } else if (previous) {
        b.append(Pick.one(r, "，但是", "，不过", "，就是", "，可惜", "。唯一不满意的是")).append(clause);
      } else {
        b.append(Pick.one(r, "，好在", "，不过", "，但", "。还好")).append(clause);
      }
      previous = positive;
    }
    double polarity = (double) score / features.size();
    List<String> endings = polarity > 0.5 ? REVIEW_POS_END : polarity < -0.5 ? REVIEW_NEG_END : REVIEW_MIXED_END;
    if (Pick.chance(r, 0.7)) {
      b.append(Pick.one(r, "。", "，", "！")).append(fill(r, p, Pick.one(r, endings)));
    }
    b.append(Pick.one(r, "。", "！", "", "~"));
    int rating = (int) Math.max(1, Math.min(5, Math.round(3 + 2 * polarity + (r.nextDouble() - 0.5))));
    Topics.Topic topic = topicOfFeature(features.get(0).name());
    return new Text(roughen(r, b.toString()), topic, rating, polarity);
  }

  /** A social-media post: a short rant about a topic or a happy owner's post, with hashtags. */
  static Text social(SplittableRandom r, Persona p, Topics.Topic topic, boolean negative) {
    StringBuilder b = new StringBuilder();
    if (Pick.chance(r, 0.6)) {
      b.append(fill(r, p, Pick.one(r, SOCIAL_TAGS))).append(' ');
    }
    Text body;
    if (negative) {
      if (Pick.chance(r, 0.4)) {
        b.append(Pick.one(r, SLANG)).append("，");
      }
      body = complaint(r, p, topic);
      b.append(body.text());
      if (Pick.chance(r, 0.5)) {
        b.append(" @星岚汽车 ").append(Pick.one(r, "能不能管管", "出来说句话", "给个解释", ""));
      }
    } else {
      body = review(r, p);
      b.append(body.text());
      if (Pick.chance(r, 0.4)) {
        b.append(Pick.one(r, " 真香", " 种草了", " 冲就完了", " 已推荐给同事"));
      }
    }
    return new Text(b.toString().strip(), body.topic(), 0, body.polarity());
  }

  /** A satisfaction-survey comment after a service visit, with its 1–5 rating. */
  static Text survey(SplittableRandom r, Persona p, Topics.Topic topic, boolean positive) {
    List<String> sentence = new ArrayList<>();
    List<String> pool = positive && !topic.praise().isEmpty() ? topic.praise() : topic.issues();
    boolean good = pool == topic.praise();
    sentence.add(fill(r, p, Pick.one(r, pool)));
    if (Pick.chance(r, 0.5)) {
      sentence.add(fill(r, p, Pick.one(r, good ? POS_FEELINGS : NEG_FEELINGS)));
    }
    if (Pick.chance(r, 0.3)) {
      sentence.add(fill(r, p, Pick.one(r, SURVEY_SUGGESTIONS)));
    }
    int rating = good ? 4 + r.nextInt(2) : 1 + r.nextInt(2) + (Pick.chance(r, 0.2) ? 1 : 0);
    return new Text(roughen(r, join(r, sentence)), topic, rating, good ? 0.7 : -0.7);
  }

  /** A neutral question about a topic (prospects asking about prices, owners about maintenance). */
  static String ask(SplittableRandom r, Persona p, Topics.Topic topic) {
    List<String> pool = topic.asks().isEmpty() ? topic.issues() : topic.asks();
    return fill(r, p, Pick.one(r, pool));
  }

  static String issue(SplittableRandom r, Persona p, Topics.Topic topic) {
    List<String> pool = topic.issues().isEmpty() ? topic.asks() : topic.issues();
    return fill(r, p, Pick.one(r, pool));
  }

  /** Fills every {slot} of a phrase. */
  static String fill(SplittableRandom r, Persona p, String phrase) {
    Matcher m = SLOT.matcher(phrase);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(slot(r, p, m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String slot(SplittableRandom r, Persona p, String name) {
    return switch (name) {
      case "ms" -> switch (r.nextInt(10)) {
        case 0, 1, 2 -> p.model().shortName();
        case 3, 4 -> p.model().name();
        default -> World.BRAND + p.model().shortName();
      };
      case "short" -> p.model().shortName();
      case "model" -> p.model().name();
      case "city" -> p.city().name();
      case "mysurname" -> p.surname();
      case "dealer" -> Pick.chance(r, 0.6) ? p.dealerName() : Pick.one(r, "店里", "4S店", "门店", "你们店");
      case "days" -> number(r, 3 + r.nextInt(40));
      case "n" -> number(r, 2 + r.nextInt(4));
      case "nth" -> Pick.one(r, "二", "三", "四", "2", "3", "N");
      case "km" -> Pick.chance(r, 0.3) ? (1 + r.nextInt(5)) + "." + r.nextInt(10) + "万"
          : String.valueOf((3 + r.nextInt(60)) * 500);
      case "price" -> switch (r.nextInt(5)) {
        case 0 -> (2 + r.nextInt(9)) * 1000 + "块";
        case 1 -> number(r, 2 + r.nextInt(8)) + "千";
        case 2 -> (1 + r.nextInt(3)) + "." + (1 + r.nextInt(9)) + "万";
        case 3 -> Pick.one(r, "一万", "两万", "一万五", "三万");
        default -> (1 + r.nextInt(20)) * 500 + "元";
      };
      case "speed" -> (6 + r.nextInt(7)) * 10 + Pick.one(r, "码", "公里", "km/h");
      case "range" -> String.valueOf(p.model().rangeKm() > 0 ? p.model().rangeKm() : 500);
      case "pct" -> String.valueOf(30 + r.nextInt(11) * 5);
      case "month" -> String.valueOf(p.date().minusMonths(1 + r.nextInt(2)).getMonthValue());
      case "day" -> Pick.one(r, DAYS_OF_WEEK);
      case "feat" -> Pick.one(r, FEATURE_NAMES);
      case "surname" -> Pick.one(r, World.SURNAMES);
      case "version" -> World.INCIDENT_VERSION;
      case "deg" -> Pick.one(r, DEGREES);
      case "little" -> Pick.one(r, LITTLES);
      case "negadj" -> Pick.one(r, NEG_ADJ);
      case "posadj" -> Pick.one(r, POS_ADJ);
      case "ago" -> Pick.one(r, AGO);
      case "fuel" -> (5 + r.nextInt(3)) + "." + r.nextInt(10);
      case "fuel2" -> String.valueOf(10 + r.nextInt(5));
      case "phone" -> IdentifierFormats.phone(p.phoneDigits(), IdentifierFormats.randomForm(r));
      default -> throw new IllegalArgumentException("Unknown slot {" + name + "} in a phrase pool");
    };
  }

  /** Small numbers the way people type them: sometimes digits, sometimes characters. */
  static String number(SplittableRandom r, int n) {
    if (r.nextBoolean() || n >= 100) {
      return String.valueOf(n);
    }
    if (n == 2) {
      return "两";
    }
    if (n < 10) {
      return String.valueOf(CN_DIGITS.charAt(n));
    }
    int tens = n / 10;
    int ones = n % 10;
    return (tens == 1 ? "" : String.valueOf(CN_DIGITS.charAt(tens))) + "十" + (ones == 0 ? "" : CN_DIGITS.charAt(ones));
  }

  /** Joins clauses into sentences with the punctuation people actually use. */
  static String join(SplittableRandom r, List<String> clauses) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < clauses.size(); i++) {
      String c = clauses.get(i);
      if (c.isEmpty()) {
        continue;
      }
      b.append(c);
      boolean last = i == clauses.size() - 1;
      char end = c.charAt(c.length() - 1);
      if (end == '，' || end == '！' || end == '。' || end == ' ' || end == '：') {
        continue;
      }
      if (last) {
        b.append(Pick.one(r, "。", "！", "！！", "", "…", "。。。"));
      } else {
        b.append(r.nextInt(10) < 6 ? "，" : Pick.one(r, "。", "！", " ", "，"));
      }
    }
    return b.toString();
  }

  /** Casual noise: a particle here, a common typo there, a final exclamation. */
  static String roughen(SplittableRandom r, String text) {
    String t = text;
    if (Pick.chance(r, 0.12)) {
      String[] typo = Pick.one(r, TYPOS);
      t = t.replaceFirst(typo[0], typo[1]);
    }
    if (Pick.chance(r, 0.2)) {
      int comma = t.indexOf('，');
      if (comma > 2) {
        t = t.substring(0, comma) + Pick.one(r, PARTICLES) + t.substring(comma);
      }
    }
    return t;
  }

  private static Topics.Topic topicOfFeature(String feature) {
    return switch (feature) {
      case "车机" -> Topics.HEAD_UNIT;
      case "语音助手" -> Topics.VOICE;
      case "车内K歌" -> Topics.KARAOKE;
      case "自动驾驶" -> Topics.AUTOPILOT;
      case "泊车辅助" -> Topics.PARKING;
      case "续航" -> Topics.RANGE;
      case "充电" -> Topics.CHARGING;
      case "座椅加热" -> Topics.SEAT_HEATING;
      case "空调" -> Topics.AIR_CONDITIONING;
      case "价格" -> Topics.PRICE;
      case "外观" -> Topics.PAINT;
      case "隔音", "操控" -> Topics.NOISE;
      default -> Topics.CONFIG;
    };
  }
}
