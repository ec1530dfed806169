package com.voclake.text;

import static org.apache.spark.sql.functions.regexp_replace;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * Replaces personal data in free text with placeholders before anything else reads the text, so
 * that no phone number, e-mail, ID-card number, VIN, plate, WeChat or QQ id can reach tokens,
 * keywords or snippets. Rules run in a fixed order (e-mail before phone, since an address can hold
 * a phone number; ID cards before phones, since they hold 11-digit runs).
 *
 * <p>The same regular expressions back {@link #scrub(String)} (plain Java, for unit tests and
 * per-record code) and {@link #scrub(Column)} (Spark's native {@code regexp_replace}, which uses
 * java.util.regex too, so both give the same result). Expects half-width text: apply
 * {@link TextNormalizer#halfWidth} first so that full-width digits are caught. Thread-safe.
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

  private record Rule(Pattern pattern, String replacement) {
    Rule(String regex, String replacement) {
      this(Pattern.compile(regex), replacement);
    }
  }

  private static final List<Rule> RULES = List.of(
      new Rule("[A-Za-z0-9._%+\\-]+\\s*(?:@|\\(at\\)|\\[at\\])\\s*[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)*"
          + "\\.[A-Za-z]{2,}", EMAIL),
      new Rule("(?<![0-9A-Za-z])[1-9]\\d{5}(?:18|19|20)\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])"
          + "\\d{3}[0-9Xx](?![0-9A-Za-z])", ID_CARD),
      new Rule("(?i)(?<![0-9a-z])(?=[a-hj-npr-z0-9]{0,16}[0-9])(?=[a-hj-npr-z0-9]{0,16}[a-hj-npr-z])"
          + "[a-hj-npr-z0-9]{17}(?![0-9a-z])", VIN),
      // Mobile numbers, with +86/0086, any spaces, dashes or dots between digits, or Chinese numerals.
      new Rule("(?<![0-9])(?:(?:\\+|00)?86" + SEPARATOR + ")?[1一幺]" + SEPARATOR + "[3-9三四五六七八九]"
          + "(?:" + SEPARATOR + DIGIT + "){9}(?![0-9])", PHONE),
      // Landlines with an area code, and 400/800 service numbers.
      new Rule("(?<![0-9])\\(?0\\d{2,3}\\)?[\\s\\-]{0,2}\\d{3,4}[\\s\\-]?\\d{4}(?![0-9])", PHONE),
      new Rule("(?<![0-9])[48]00[\\s\\-]?\\d{3}[\\s\\-]?\\d{4}(?![0-9])", PHONE),
      new Rule("[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Z][·\\s]?[A-Z0-9]{5,6}"
          + "(?![A-Za-z0-9])", PLATE),
      new Rule("(?i)((?<![a-z])(?:微信号?|vx|wx|v信|威信)\\s*[:：是为]?\\s*)[a-z][-_a-z0-9]{5,19}", "$1" + WECHAT),
      new Rule("(?i)((?<![a-z])qq号?\\s*[:：是为]?\\s*)\\d{5,12}", "$1" + NUMBER),
      // What is left of long digit runs is an order, card or account number: none is needed.
      new Rule("(?<![0-9])\\d{7,}(?![0-9])", NUMBER));

  /**
   * Every rule's match contains an ASCII letter, digit or {@code @}, or a mobile number's
   * {@code 1}/{@code 一}/{@code 幺} followed by its second digit: text without any of these has
   * nothing to scrub. Most customer text is like that, and this one scan is much cheaper than
   * running all the rules over it.
   */
  private static final Pattern TRIGGER = Pattern.compile("[0-9A-Za-z@]|[1一幺]" + SEPARATOR + "[3-9三四五六七八九]");

  private PiiScrubber() {}

  /** Whether {@link #scrub} could change the text (false means it certainly does not). */
  static boolean mayContainPii(String text) {
    return TRIGGER.matcher(text).find();
  }

  /** The text with every rule applied; null stays null. */
  public static String scrub(String text) {
    if (text == null || !mayContainPii(text)) {
      return text;
    }
    String out = text;
    for (Rule rule : RULES) {
      out = rule.pattern().matcher(out).replaceAll(rule.replacement());
    }
    return out;
  }

  /** The same rules as a Spark column expression (native regexp_replace, no UDF). */
  public static Column scrub(Column text) {
    Column out = text;
    for (Rule rule : RULES) {
      out = regexp_replace(out, functions.lit(rule.pattern().pattern()), functions.lit(rule.replacement()));
    }
    return functions.when(text.rlike(TRIGGER.pattern()), out).otherwise(text);
  }
}
