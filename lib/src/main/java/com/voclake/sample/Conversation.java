package com.voclake.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multi-turn hotline calls and chats (4–12 turns) in which the customer's mood moves: a question
 * answered well ends in thanks, a problem handled badly escalates (投诉, 找你们领导, 要求退车).
 * Chats open with the bot, which hands over to a human agent.
 */
final class Conversation {
  /** One turn as it lands: {@code offset_s} is seconds since the start of the conversation. */
  record Turn(String speaker, double offsetSeconds, String text) {}

  /** How the customer's mood moves across the conversation. */
  enum Arc { IMPROVES, WORSENS, STAYS }

  /** A conversation and its intended arc (tests and the README describe the mix by it). */
  record Dialog(List<Turn> turns, Topics.Topic topic, Arc arc, boolean escalated) {}

  private static final String CUSTOMER = "customer";
  private static final String AGENT = "agent";
  private static final String BOT = "bot";

  static final List<String> AGENT_GREETINGS = Pick.lines("""
      您好，星岚汽车客服中心，工号{agentno}，很高兴为您服务
      您好，星岚汽车客户服务热线，请问有什么可以帮您
      您好，这里是星岚客服，请问怎么称呼您
      星岚汽车您好，我是客服小{surname}，请问有什么可以帮到您
      """);
  static final List<String> BOT_GREETINGS = Pick.lines("""
      您好，我是星岚智能助手小岚，请问有什么可以帮您？
      欢迎咨询星岚汽车，请简单描述您的问题，例如：预约保养、充电桩安装、车机问题
      您好，小岚在线为您服务，请问您想咨询什么？
      """);
  static final List<String> BOT_FAILS = Pick.lines("""
      抱歉，小岚没有理解您的问题，您可以换个说法试试
      为您找到以下相关问题：如何预约保养？如何申请充电桩安装？
      小岚正在学习中，建议您查看帮助中心
      """);
  static final List<String> ASK_HUMAN = Pick.lines("""
      转人工
      人工客服
      我要找人工
      别让机器人回答了，转人工
      """);
  static final List<String> BOT_HANDOVERS = Pick.lines("""
      正在为您转接人工客服，请稍候
      已为您转接人工客服，当前排队人数{n}人
      """);
  static final List<String> CUSTOMER_OPENERS = Pick.lines("""
      你好，
      喂，你好，
      你好，我想问一下，
      是这样的，
      我想反映一下，
      你好，我那个车
      """);
  /** An agent's question and the customer's possible answers to it. */
  record Probe(String question, List<String> answers) {}

  private static final List<String> PHONE_ANSWERS = Pick.lines("""
      手机号{phone}
      我的电话是{phone}
      {phone}，就是我本人的号
      车架号记不住，手机号是{phone}
      就是我现在打的这个号码
      """);

  static final List<Probe> OWNER_PROBES = List.of(
      new Probe("请问您的车架号或者预留的手机号是多少，我帮您查一下", PHONE_ANSWERS),
      new Probe("麻烦您提供一下手机号，我这边核实一下信息", PHONE_ANSWERS),
      new Probe("方便说一下是什么时候开始出现这个情况的吗", Pick.lines("""
          就这几天开始的，之前一直好好的
          上周开始的，越来越频繁
          提车没多久就有了
          {days}天前第一次出现
          """)),
      new Probe("请问您是在哪家门店购买的车辆", Pick.lines("""
          在{dealer}买的
          {ago}在{dealer}提的车
          {city}的店，叫什么我忘了
          """)),
      new Probe("请问具体是什么车型，提车多久了", Pick.lines("""
          开的是{ms}，开了{km}公里
          {ms}，{ago}提的车
          """)),
      new Probe("请问这个情况出现几次了，有没有去门店检测过", Pick.lines("""
          已经有{n}次了，每次都是这样
          去过一次店里，说没检测出问题
          还没去过店里，想先问问你们
          """)));

  static final List<Probe> BUYER_PROBES = List.of(
      new Probe("请问您的订单号或者下单时预留的手机号是多少", PHONE_ANSWERS),
      new Probe("请问您是在哪家门店下的订单", Pick.lines("""
          在{dealer}下的订单
          {month}月份在{dealer}订的
          """)),
      new Probe("请问您订的是什么车型和配置", Pick.lines("""
          {ms}，顶配
          {ms}中配，白色的
          订的{ms}，选装了{feat}
          """)));

  static final List<Probe> PROSPECT_PROBES = List.of(
      new Probe("请问您在哪个城市，我帮您查一下附近的门店", Pick.lines("""
          我在{city}
          {city}，住得离{dealer}比较近
          """)),
      new Probe("请问怎么称呼您，方便留个手机号吗，门店顾问会联系您", Pick.lines("""
          我姓{mysurname}，电话{phone}
          姓{mysurname}，手机{phone}
          {phone}，打这个就行
          先不留了，我自己再看看
          """)),
      new Probe("请问您主要关注哪款车型", Pick.lines("""
          主要看{ms}
          在{ms}和别的品牌之间犹豫
          {ms}，想要{feat}
          """)),
      new Probe("请问您计划什么时候购车", Pick.lines("""
          年底之前吧
          就这一两个月
          还没想好，先了解一下
          """)));

  static final List<String> FOLLOW_UPS = Pick.lines("""
      那需要提前预约吗
      周末可以吗
      可以把资料发我手机上吗
      需要带什么材料吗
      大概要多长时间
      这个活动到什么时候结束
      """);
  static final List<String> FOLLOW_UP_ANSWERS = Pick.lines("""
      可以的，我这边帮您登记，稍后{dealer}的顾问会联系您
      可以的，详细资料稍后短信发给您
      建议您提前一天预约，到店就不用排队了
      周末正常营业，您直接过去就可以
      活动截止到本月底，具体以门店为准
      """);

  static final List<String> AGENT_SOLUTIONS = Pick.lines("""
      我这边给您创建了工单，工单号{ticket}，会有专人在{hours}小时内联系您
      我帮您把情况反馈给{dealer}，让服务顾问尽快和您约时间检查
      这个情况我们需要技术人员确认，我先帮您登记，今天内给您回复
      您可以先把车开到{dealer}检测，检测费用由我们承担
      我帮您申请加急处理，处理进度会通过短信通知您
      """);
  static final List<String> AGENT_APOLOGIES = Pick.lines("""
      非常抱歉给您带来不便
      非常理解您的心情
      实在抱歉让您久等了
      您先别着急，我一定帮您跟进
      """);
  static final List<String> AGENT_ESCALATIONS = Pick.lines("""
      我马上给您升级处理，由客服主管在{hours}小时内给您回电
      您的诉求我已经升级到投诉专员，会有专人全程跟进
      我理解，我这边立即上报给区域负责人处理
      """);
  static final List<String> AGENT_CLOSINGS = Pick.lines("""
      请问还有其他可以帮您的吗
      感谢您的来电，祝您生活愉快
      后续有问题随时联系我们，再见
      稍后会有一条满意度短信，麻烦您给个评价
      """);

  /** What the customer says at each mood level, -3 (furious) to +2 (delighted). */
  private static final List<List<String>> BY_MOOD = List.of(
      Pick.lines("""
          我要投诉，找你们领导来跟我说
          这车我不要了，我要求退车
          再不解决我就去12315投诉，还要在网上曝光你们
          别跟我说什么流程，我只要结果
          你们这是什么态度！我已经忍很久了
          我要找你们领导，你处理不了就换个能处理的人
          """),
      Pick.lines("""
          你们每次都这么说，到现在也没解决
          又要等？我都等了{days}天了
          这个回复我不能接受
          说实话我非常失望，买车的时候可不是这么说的
          我已经打了{n}次电话了，每次都让我等
          """),
      Pick.lines("""
          这都多久了还没弄好
          能不能快一点啊
          那要等多久
          行吧，但是这个问题真的很影响用车
          有点失望
          """),
      Pick.lines("""
          嗯，好的
          那大概要多久
          明白了
          需要我提供什么资料吗
          好，我知道了
          """),
      Pick.lines("""
          好的，谢谢你
          行，这样可以
          那就麻烦你了
          好的，辛苦了
          """),
      Pick.lines("""
          太好了，你们效率挺高的
          谢谢，服务很到位
          解决了，必须给你点个赞
          好的好的，非常感谢
          """));

  private Conversation() {}

  /**
   * A hotline call ({@code bot == false}) or chat about {@code topic}; {@code problem} says whether
   * the customer reports a problem or asks a question. {@code incident} uses the OTA incident phrases.
   */
  static Dialog of(SplittableRandom r, Persona p, Topics.Topic topic, boolean problem, boolean incident, boolean chat) {
    Arc arc = arcFor(r, p, problem, incident);
    int mood = problem ? (incident ? -2 : -1 - (p.temper() < -0.3 ? 1 : 0)) : 0;
    int rounds = 1 + r.nextInt(problem ? 4 : 3);
    List<Turn> turns = new ArrayList<>();
    double[] clock = {0};
    boolean escalated = false;

    if (chat) {
      add(turns, clock, r, BOT, fill(r, p, Pick.one(r, BOT_GREETINGS)));
      String first = problem ? (incident ? TextComposer.fill(r, p, Pick.one(r, Topics.INCIDENT_ISSUES))
          : TextComposer.issue(r, p, topic)) : TextComposer.ask(r, p, topic);
      add(turns, clock, r, CUSTOMER, first);
      if (Pick.chance(r, 0.5)) {
        add(turns, clock, r, BOT, fill(r, p, Pick.one(r, BOT_FAILS)));
        add(turns, clock, r, CUSTOMER, Pick.one(r, ASK_HUMAN));
        if (problem) {
          mood = Math.max(-3, mood - (Pick.chance(r, 0.5) ? 1 : 0));
        }
      }
      add(turns, clock, r, BOT, fill(r, p, Pick.one(r, BOT_HANDOVERS)));
      add(turns, clock, r, AGENT, Pick.one(r, "您好，人工客服为您服务，", "您好，我是客服" + Pick.one(r, World.SURNAMES) + "，")
          + "刚才的问题我看到了");
    } else {
      add(turns, clock, r, AGENT, fill(r, p, Pick.one(r, AGENT_GREETINGS)));
      String opener = Pick.one(r, CUSTOMER_OPENERS);
      String first = problem ? (incident ? TextComposer.fill(r, p, Pick.one(r, Topics.INCIDENT_ISSUES))
          : TextComposer.issue(r, p, topic)) : TextComposer.ask(r, p, topic);
      add(turns, clock, r, CUSTOMER, opener + first);
    }

    List<Probe> probes = switch (p.stage()) {
      case PROSPECT -> PROSPECT_PROBES;
      case BUYER -> BUYER_PROBES;
      case OWNER -> OWNER_PROBES;
    };
    for (int round = 0; round < rounds && turns.size() < 10; round++) {
      if (!problem && round > 0) {
        add(turns, clock, r, CUSTOMER, Pick.chance(r, 0.5) ? TextComposer.ask(r, p, topic) : Pick.one(r, FOLLOW_UPS));
        add(turns, clock, r, AGENT, fill(r, p, Pick.one(r, FOLLOW_UP_ANSWERS)));
        continue;
      }
      if (round == 0 || Pick.chance(r, 0.4)) {
        Probe probe = Pick.one(r, probes);
        add(turns, clock, r, AGENT, mood < 0 && Pick.chance(r, 0.5)
            ? fill(r, p, Pick.one(r, AGENT_APOLOGIES)) + "，" + probe.question() : probe.question());
        add(turns, clock, r, CUSTOMER, fill(r, p, Pick.one(r, probe.answers())));
      }
      String answer = !problem && !topic.answers().isEmpty()
          ? fill(r, p, Pick.one(r, topic.answers())) : fill(r, p, Pick.one(r, AGENT_SOLUTIONS));
      if (mood <= -3 && !escalated) {
        answer = fill(r, p, Pick.one(r, AGENT_APOLOGIES)) + "，" + fill(r, p, Pick.one(r, AGENT_ESCALATIONS));
        escalated = true;
      }
      add(turns, clock, r, AGENT, answer);
      mood = switch (arc) {
        case IMPROVES -> Math.min(2, mood + 1);
        case WORSENS -> Math.max(-3, mood - 1);
        case STAYS -> mood;
      };
      add(turns, clock, r, CUSTOMER, fill(r, p, Pick.one(r, BY_MOOD.get(mood + 3))));
    }
    if (turns.size() < 12 && Pick.chance(r, 0.7)) {
      add(turns, clock, r, AGENT, fill(r, p, Pick.one(r, AGENT_CLOSINGS)));
    }
    return new Dialog(List.copyOf(turns.subList(0, Math.min(12, turns.size()))), topic, arc,
        escalated || mood <= -3);
  }

  private static Arc arcFor(SplittableRandom r, Persona p, boolean problem, boolean incident) {
    if (incident) {
      return Pick.chance(r, 0.6) ? Arc.WORSENS : Pick.chance(r, 0.5) ? Arc.STAYS : Arc.IMPROVES;
    }
    double worsen = problem ? 0.25 - 0.15 * p.temper() : 0.05;
    double improve = problem ? 0.45 + 0.15 * p.temper() : 0.6;
    double x = r.nextDouble();
    return x < worsen ? Arc.WORSENS : x < worsen + improve ? Arc.IMPROVES : Arc.STAYS;
  }

  private static String fill(SplittableRandom r, Persona p, String phrase) {
    String withLocal = phrase
        .replace("{agentno}", String.valueOf(1000 + r.nextInt(9000)))
        .replace("{hours}", Pick.one(r, "24", "48", "2", "4"))
        .replace("{ticket}", "SR" + p.date().toString().replace("-", "") + IdentifierFormats.digits(r, 5));
    return TextComposer.fill(r, p, withLocal);
  }

  private static void add(List<Turn> turns, double[] clock, SplittableRandom r, String speaker, String text) {
    // Offsets grow with the length of what was said, like a transcript's timestamps.
    double offset = Math.round(clock[0] * 10) / 10.0;
    turns.add(new Turn(speaker, offset, text));
    clock[0] += 1.5 + text.length() * (0.18 + 0.1 * r.nextDouble()) + (BOT.equals(speaker) ? 0 : r.nextDouble() * 4);
  }
}

