package com.voclake.text;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in free text with placeholders before anything else reads the text, so
 * that no phone number, e-mail, ID-card number, VIN, plate, WeChat or QQ id can reach tokens,
 * keywords or snippets. Rules run in a fixed order (e-mail before phone, since an address can hold
 * a phone number; ID cards before phones, since they hold 11-digit runs).
 *
 * <p>Plain Java, called once per text inside enrichment's per-interaction pass. Each rule has a
 * guard that a single scan of the text decides ({@link Signals}): a condition every match of the
 * rule needs (an ID card needs a run of 17 digits, a plate a province character before a capital
 * letter), so a rule whose guard fails could not have changed the text and is skipped. Most
 * customer text passes no guard at all and costs one scan instead of ten regex passes. Expects
 * half-width text: apply {@link TextNormalizer#halfWidth} first so that full-width digits are
 * caught. Thread-safe.
 */
public final class PiiScrubber {
  public static final String PHONE = "[电话]";
  public static final String EMAIL = "[邮箱]";
  public static final String ID_CARD = "[证件号]";
  public static final String VIN = "[车架号]";
  public static final String PLATE = "[车牌]";
  public static final String WECHAT = "[微信号]";
  public static final String NUMBER = "[号码]";

  /** Matches any placeholder this class writes; tokenizers keep each as one token. */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\[(电话|邮箱|证件号|车架号|车牌|微信号|号码)\\]");

  /** Digits as customers write them in speech-to-text and chat: 一三八 / 幺三八 as well as 138. */
  private static final String DIGIT = "[0-9零〇一二三四五六七八九幺两]";
  private static final String SEPARATOR = "[\\s\\-.]{0,2}";
  private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

  private record Rule(Pattern pattern, String replacement, Predicate<Signals> guard) {
    Rule(String regex, String replacement, Predicate<Signals> guard) {
      this(Pattern.compile(regex), replacement, guard);
    }
  }

  private static final List<Rule> RULES = List.of(
      new Rule("[A-Za-z0-9._%+\\-]+\\s*(?:@|\\(at\\)|\\[at\\])\\s*[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*"
          + "\\.[A-Za-z]{2,}", EMAIL, s -> s.at),
      new Rule("(?<![0-9A-Za-z])[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])"
          + "\\d{3}[0-9Xx](?![0-9A-Za-z])", ID_CARD, s -> s.longestDigitRun >= 17),
      new Rule("(?i)(?<![0-9a-z])(?=[a-hj-npr-z0-9]{0,16}[0-9])(?=[a-hj-npr-z0-9]{0,16}[a-hj-npr-z])"
          + "[a-hj-npr-z0-9]{17}(?![0-9a-z])", VIN, s -> s.longestAlphanumericRun >= 17),
      // Mobile numbers, with +86/0086, any spaces, dashes or dots between digits, or Chinese numerals.
      new Rule("(?<![0-9])(?:(?:\\+|00)?86" + SEPARATOR + ")?[1一幺]" + SEPARATOR + "[3-9三四五六七八九]"
          + "(?:" + SEPARATOR + DIGIT + "){9}(?![0-9])", PHONE, s -> s.longestSpokenDigitChain >= 11),
      // Landlines with an area code, and 400/800 service numbers.
      new Rule("(?<![0-9])\\(?0\\d{2,3}\\)?[\\s\\-]{0,2}\\d{3,4}[\\s\\-]?\\d{4}(?![0-9])", PHONE, s -> s.digits >= 10),
      new Rule("(?<![0-9])[48]00[\\s\\-]?\\d{3}[\\s\\-]?\\d{4}(?![0-9])", PHONE, s -> s.digits >= 10),
      new Rule("[" + PROVINCES + "][A-Z][·\\s]?[A-Z0-9]{5,6}(?![A-Za-z0-9])", PLATE, s -> s.provinceThenCapital),
      new Rule("(?i)((?<![a-z])(?:微信号?|vx|wx|v信|威信)\\s*[:：是为]?\\s*)[a-z][-_a-z0-9]{5,19}", "$1" + WECHAT,
          s -> s.weChatWord),
      new Rule("(?i)((?<![a-z])qq号?\\s*[:：是为]?\\s*)\\d{5,12}", "$1" + NUMBER, s -> s.qq && s.longestDigitRun >= 5),
      // What is left of long digit runs is an order, card or account number: none is needed.
      new Rule("(?<![0-9])\\d{7,}(?![0-9])", NUMBER, s -> s.longestDigitRun >= 7));

  private PiiScrubber() {}

  /** The text with every rule applied; null stays null. */
  public static String scrub(String text) {
    return scrub(text, true);
  }

  /** With {@code guarded} false every rule runs: the reference the guards are tested against. */
  static String scrub(String text, boolean guarded) {
    if (text == null) {
      return null;
    }
    String out = text;
    Signals signals = Signals.of(out);
    for (Rule rule : RULES) {
      if (guarded && !signals.any) {
        break;
      }
      if (!guarded || rule.guard().test(signals)) {
        Matcher m = rule.pattern().matcher(out);
        String next = m.replaceAll(rule.replacement());
        // replaceAll hands back the same instance when nothing matched.
        if (next != out) {
          out = next;
          signals = Signals.of(out);
        }
      }
    }
    return out;
  }

  /**
   * What one scan of a text tells the rules' guards. Every field is a necessary condition of some
   * rule's match, so a false guard means that rule certainly leaves the text as it is.
   */
  static final class Signals {
    /** Any ASCII letter or digit, {@code @}, or a spoken digit: without one, no rule can match. */
    boolean any;
    boolean at;
    int digits;
    int longestDigitRun;
    int longestAlphanumericRun;
    /** Digits (ASCII or spoken) with at most two separators between neighbours, as phone numbers are written. */
    int longestSpokenDigitChain;
    boolean provinceThenCapital;
    boolean weChatWord;
    boolean qq;

    static Signals of(String text) {
      Signals s = new Signals();
      int digitRun = 0;
      int alphanumericRun = 0;
      int chain = 0;
      int gap = 0;
      char previous = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean digit = c >= '0' && c <= '9';
        boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
        digitRun = digit ? digitRun + 1 : 0;
        alphanumericRun = digit || letter ? alphanumericRun + 1 : 0;
        if (digit) {
          s.digits++;
          s.longestDigitRun = Math.max(s.longestDigitRun, digitRun);
        }
        if (digit || letter) {
          s.any = true;
          s.longestAlphanumericRun = Math.max(s.longestAlphanumericRun, alphanumericRun);
        }
        if (digit || "零〇一二三四五六七八九幺两".indexOf(c) >= 0) {
          chain = chain > 0 && gap <= 2 ? chain + 1 : 1;
          gap = 0;
          s.longestSpokenDigitChain = Math.max(s.longestSpokenDigitChain, chain);
        } else if (chain > 0 && (c == '-' || c == '.' || c == ' ' || c >= '\t' && c <= '\r')) {
          gap++;
        } else {
          chain = 0;
          gap = 0;
        }
        s.at |= c == '@';
        // 微信, 威信, v信; vx, wx (any case); qq (any case).
        s.weChatWord |= c == '信' || (c | 0x20) == 'x' && ((previous | 0x20) == 'v' || (previous | 0x20) == 'w');
        s.qq |= (c | 0x20) == 'q' && (previous | 0x20) == 'q';
        s.provinceThenCapital |= c >= 'A' && c <= 'Z' && PROVINCES.indexOf(previous) >= 0;
        previous = c;
      }
      s.at |= text.contains("(at)") || text.contains("[at]");
      s.any |= s.at || s.longestSpokenDigitChain >= 11 || s.weChatWord;
      return s;
    }
  }
}
