package com.voclake.identity;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.io.Identifiers;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class IdentifierNormalizerTest {
  private final SparkSession spark;

  IdentifierNormalizerTest(SparkSession spark) {
    this.spark = spark;
  }

  /** Normalizes each raw value as {@code type}; results in input order. */
  private static List<String> normalize(String type, String appId, String... raws) {
    List<String> out = new ArrayList<>();
    for (String raw : raws) {
      out.add(IdentifierNormalizer.normalize(type, raw, appId));
    }
    return out;
  }

  private static List<Boolean> junk(List<String> patterns, java.util.function.UnaryOperator<String> normalize,
      String... raws) {
    java.util.regex.Pattern junk = IdentifierNormalizer.junkPattern(patterns);
    List<Boolean> out = new ArrayList<>();
    for (String raw : raws) {
      out.add(IdentifierNormalizer.isJunk(raw, normalize.apply(raw), junk));
    }
    return out;
  }

  @Test
  void theColumnFormsRunTheSameFunctionsOnExecutors() {
    Dataset<Row> df = spark.createDataset(Arrays.asList("+86 138 0013 8000", " Zhang@QQ.com", "oAbC", null),
        Encoders.STRING()).toDF("raw");
    List<Row> rows = df.select(IdentifierNormalizer.phone(col("raw")), IdentifierNormalizer.email(col("raw")),
        IdentifierNormalizer.normalize("wechat_openid", col("raw"), org.apache.spark.sql.functions.lit("wx1")),
        IdentifierNormalizer.clean(col("raw"))).collectAsList();
    assertThat(rows).extracting(Row::toString).containsExactly(
        "[+8613800138000,null,wx1:+86 138 0013 8000,+86 138 0013 8000]",
        "[null,zhang@qq.com,wx1:Zhang@QQ.com,Zhang@QQ.com]",
        "[null,null,wx1:oAbC,oAbC]",
        "[null,null,null,null]");
  }

  @Test
  void everyWayOfTypingAMobileNumberGivesTheSameE164() {
    String[] forms = {"13800138000", "138 0013 8000", "138-0013-8000", "+86 138 0013 8000",
        "8613800138000", "+86-13800138000", "１３８００１３８０００", "  13800138000\t", "0086 138 0013 8000",
        "(+86) 138.0013.8000", "＋８６ １３８ ００１３ ８０００"};
    assertThat(normalize(Identifiers.PHONE, null, forms)).as("E.164 of %s", Arrays.toString(forms))
        .containsOnly("+8613800138000").hasSize(forms.length);
  }

  @Test
  void landlinesKeepTheirAreaCodeAndAnythingElseIsInvalid() {
    assertThat(normalize(Identifiers.PHONE, null,
        "(010) 6552 9988", "021-64381234", "0571-8765 4321", "+86 10 6552 9988", "+86 (0)21 6438 1234",
        "6552 9988", "12345", "138001380001", "12800138000", "phone", "", "010-6552-9988-123", null))
        .containsExactly("+861065529988", "+862164381234", "+8657187654321", "+861065529988",
            "+862164381234", null, null, null, null, null, null, null, null);
  }

  @Test
  void emailsAreTrimmedHalfWidthAndLowerCaseOrInvalid() {
    assertThat(normalize(Identifiers.EMAIL, null,
        "  Zhang.San@Example.COM ", "ｚｈａｎｇ＠ｑｑ．ｃｏｍ", "li_si+car@163.com", "no-at-sign.com",
        "a@b", "张三@qq.com", "a b@qq.com"))
        .containsExactly("zhang.san@example.com", "zhang@qq.com", "li_si+car@163.com", null, null,
            null, null);
  }

  @Test
  void vinsNeedSeventeenAllowedCharactersAndTheirCheckDigit() {
    assertThat(normalize(Identifiers.VIN, null,
        "1M8GDM9AXKP042788", "lsvam4187c2184847", "LSVAM418-7C2184847", "LSVAM4188C2184847",
        "LFV2A21K0F4012345", "LSVAM4187C218484", "ISVAM4187C2184847", "11111111111111111"))
        .as("valid, lower-case, with a hyphen, wrong check digit, wrong check digit, 16 chars,"
            + " letter I, all ones (valid)")
        .containsExactly("1M8GDM9AXKP042788", "LSVAM4187C2184847", "LSVAM4187C2184847", null, null,
            null, null, "11111111111111111");
  }

  @Test
  void openidsAreScopedByTheirAppAndOtherTokensKeepOrChangeCaseByType() {
    assertThat(normalize(Identifiers.WECHAT_OPENID, " wxAPP1 ", " oAbC-123 ", null))
        .containsExactly("wxAPP1:oAbC-123", null);
    assertThat(normalize(Identifiers.WECHAT_OPENID, null, "oAbC")).containsExactly("unknown_app:oAbC");
    assertThat(normalize(Identifiers.CRM_ID, null, " crm-0042 ")).containsExactly("CRM-0042");
    assertThat(normalize(Identifiers.DEVICE_ID, null, "AB12-CD")).containsExactly("ab12-cd");
    assertThat(normalize(Identifiers.WECHAT_UNIONID, null, " oUnIoN ", "　")).containsExactly("oUnIoN", null);
    assertThat(normalize(Identifiers.APP_USER_ID, null, "User42")).containsExactly("User42");
  }

  @Test
  void junkPatternsFromTheConfigCatchPlaceholdersRawOrNormalized(@org.junit.jupiter.api.io.TempDir Path tmp) {
    List<String> patterns = TestConfigs.local(tmp, tmp).identity().junkPatterns();
    assertThat(junk(patterns, IdentifierNormalizer::phone, "13800000000", "+86 138 0000 0000", "NULL",
        "n/a", "0000", "13800138000", "Test@Example.com", "zhang@qq.com"))
        .containsExactly(true, true, true, true, true, false, true, false);
    assertThat(junk(List.of(), IdentifierNormalizer::phone, "13800000000")).containsExactly(false);
  }

  @Test
  void moreLandlineFormsAndTestAccountsAsTheIssueListsThem(@org.junit.jupiter.api.io.TempDir Path tmp) {
    assertThat(normalize(Identifiers.PHONE, null,
        "010 6552 9988", "0755-2345 6789", "+86 755 2345 6789", "0086-21-6438-1234", "（０２１）６４３８１２３４",
        "86 (10) 6552-9988"))
        .containsExactly("+861065529988", "+8675523456789", "+8675523456789", "+862164381234",
            "+862164381234", "+861065529988");
    assertThat(normalize(Identifiers.EMAIL, null, "Ｚｈａｎｇ．Ｓａｎ＠ＱＱ．ＣＯＭ", "\u3000li@163.com\u3000"))
        .containsExactly("zhang.san@qq.com", "li@163.com");
    List<String> patterns = TestConfigs.local(tmp, tmp).identity().junkPatterns();
    assertThat(junk(patterns, IdentifierNormalizer::clean, "test_user01", "TEST-ACCOUNT", "qa123", "测试账号",
        "0000000", "undefined", "testla_owner", "U123456789", "CRM0000000042")).as("test accounts and placeholders are junk; real ids that merely contain zeros are not")
        .containsExactly(true, true, true, true, true, true, false, false, false);
  }

  @Test
  void typingVariantsThatStillMeanOneValueAreAcceptedAndRealTyposAreNot() {
    assertThat(normalize(Identifiers.PHONE, null, "013800138000", "0138 0013 8000", "138—0013—8000",
        "138–0013–8000", "+86−138‐0013‐8000", "01065529988", "0013800138000", "0138001380001"))
        .as("trunk 0 before a mobile, IME dashes; Beijing landline stays a landline; 00 + mobile and"
            + " a 13-digit 0 + mobile are no numbers")
        .containsExactly("+8613800138000", "+8613800138000", "+8613800138000", "+8613800138000",
            "+8613800138000", "+861065529988", null, null);
    assertThat(normalize(Identifiers.EMAIL, null, "zhang@qq。com", "Zhang。San@163。COM", "zhang@qq.con"))
        .as("ideographic full stops are dots; a mistyped domain stays what it is")
        .containsExactly("zhang@qq.com", "zhang.san@163.com", "zhang@qq.con");
    assertThat(normalize(Identifiers.VIN, null, "LFV2A21KXF4012345", "LFV2A21KXF4O12345", "lfv2a21kxf4o12345",
        "LFV2A21KXF40O2345", "LFV2A21KXF4Q12345", "LFV2A21KXF4012346"))
        .as("valid; letter O for 0; lower-case o for 0; O for a 1 (check digit fails); Q for 0;"
            + " one wrong digit (check digit fails)")
        .containsExactly("LFV2A21KXF4012345", "LFV2A21KXF4012345", "LFV2A21KXF4012345", null,
            "LFV2A21KXF4012345", null);
  }
}
