package com.voclake.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiScrubberTest {
  private static final List<String> SAMPLES = List.of(
      "我的电话13800138000，尽快回我",
      "手机 138-0013-8000 或者 138 0013 8000",
      "+86 138 0013 8000 找王先生",
      "号码是１３８００１３８０００",
      "打我电话幺三八零零幺三八零零零",
      "座机010-12345678，400-800-8888 也行",
      "邮箱 zhang.san+car@example.com.cn 或 ZHANG@QQ.COM",
      "身份证110101199003071234，车架号LSVAU2180N2183294",
      "车牌粤B12345，微信号: zhangsan_88，qq 12345678",
      "订单号 20240501123456 还没发货",
      "续航500公里，落地价20万，2024年5月1日提车，1.5T 动力足，电话多少？");

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "我的电话13800138000，尽快回我|我的电话[电话],尽快回我",
      "手机 138-0013-8000 或者 138 0013 8000|手机 [电话] 或者 [电话]",
      "+86 138 0013 8000 找王先生|[电话] 找王先生",
      "号码是１３８００１３８０００|号码是[电话]",
      "打我电话幺三八零零幺三八零零零|打我电话[电话]",
      "座机010-12345678，400-800-8888 也行|座机[电话],[电话] 也行",
      "邮箱 zhang.san+car@example.com.cn 或 ZHANG@QQ.COM|邮箱 [邮箱] 或 [邮箱]",
      "身份证110101199003071234，车架号LSVAU2180N2183294|身份证[证件号],车架号[车架号]",
      "车牌粤B12345，微信号: zhangsan_88，qq 12345678|车牌[车牌],微信号: [微信号],qq [号码]",
      "订单号 20240501123456 还没发货|订单号 [号码] 还没发货",
      "续航500公里，落地价20万，2024年5月1日提车，1.5T 动力足，电话多少？|续航500公里,落地价20万,2024年5月1日提车,1.5T 动力足,电话多少?"})
  void replacesEveryWrittenFormOfAnIdentifierAndNothingElse(String text, String expected) {
    assertThat(TextNormalizer.prepare(text)).as("scrubbed form of %s", text).isEqualTo(expected);
  }

  @Test
  void guardsSkipOnlyRulesThatCouldNotMatch() {
    for (String s : SAMPLES) {
      String half = TextNormalizer.halfWidth(s);
      assertThat(PiiScrubber.scrub(half)).as("guarded scrub of %s", s).isEqualTo(PiiScrubber.scrub(half, false));
    }
    // Random texts made of what the rules look for: digits as written and spoken, separators,
    // letters, province characters and the words that lead WeChat and QQ ids.
    String[] pieces = {"1", "3", "8", "0", "0", "4", "9", "X", "一", "幺", "三", "八", "零", "两", " ", "-", ".", "-",
        "(", ")", "+86", "@", "(at)", "a", "b", "Q", "q", "qq", "vx", "WX", "微信", "信", "粤", "京", "B", "L",
        "S", "V", "号", "：", "是", "。", "的", "[电话]", "_", "z", "0086", "138", "0013", "1990", "0307", "LSVAU2180"};
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      StringBuilder text = new StringBuilder();
      for (int n = random.nextInt(40); n > 0; n--) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      assertThat(PiiScrubber.scrub(t)).as("guarded scrub of %s", t).isEqualTo(PiiScrubber.scrub(t, false));
    }
  }

  @Test
  void textWithoutDigitsOrLettersIsReturnedAsItIs() {
    String text = "续航很扎实,充电也方便。";
    assertThat(TextNormalizer.prepare(text)).as("no copy of text that has nothing to scrub").isSameAs(text);
  }
}
