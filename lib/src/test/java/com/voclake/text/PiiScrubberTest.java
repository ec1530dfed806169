package com.voclake.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(SparkExtension.class)
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

  private final SparkSession spark;

  PiiScrubberTest(SparkSession spark) {
    this.spark = spark;
  }

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
  void sparkColumnGivesTheSameResultAsPlainJava() {
    List<String> expected = new ArrayList<>();
    for (String s : SAMPLES) {
      expected.add(TextNormalizer.prepare(s));
    }
    List<String> actual = new ArrayList<>();
    for (Row r : spark.createDataset(SAMPLES, Encoders.STRING()).toDF("t")
        .select(TextNormalizer.prepare(org.apache.spark.sql.functions.col("t"))).collectAsList()) {
      actual.add(r.getString(0));
    }
    assertThat(actual).as("regexp_replace and java.util.regex agree").containsExactlyInAnyOrderElementsOf(expected);
    assertThat(String.join("", actual)).as("no phone digits survive").doesNotContain("0013", "8000", "1234");
  }
}
