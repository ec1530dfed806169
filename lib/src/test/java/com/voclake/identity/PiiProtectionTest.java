package com.voclake.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.SparkExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class PiiProtectionTest {
  private final SparkSession spark;

  PiiProtectionTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void keyedHashIsHmacSha256OfTypeAndValueInDriverAndExecutors() throws Exception {
    byte[] key = "secret".getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    String expected = java.util.HexFormat.of().formatHex(
        mac.doFinal("phone|+8613800138000".getBytes(StandardCharsets.UTF_8)));

    assertThat(PiiProtection.hash(key, "phone", "+8613800138000")).isEqualTo(expected);
    List<String> hashed = spark.createDataset(Arrays.asList("+8613800138000", null), Encoders.STRING())
        .select(PiiProtection.hash(key, lit("phone"), col("value"))).as(Encoders.STRING()).collectAsList();
    assertThat(hashed).containsExactly(expected, null);
    assertThat(PiiProtection.hash("other".getBytes(StandardCharsets.UTF_8), "phone", "+8613800138000"))
        .as("another key, another hash").isNotEqualTo(expected);
  }

  @Test
  void masksShowJustEnoughToRecogniseAValue() {
    List<String> masked = spark.sql("SELECT * FROM VALUES"
            + " ('phone', '+8613800138000'), ('phone', '+861065529988'), ('email', 'zhang.san@example.com'),"
            + " ('crm_id', 'CRM-20240042'), ('vin', 'LSVAM4187C2184847'), ('app_user_id', 'u42'),"
            + " ('phone', NULL) AS t(type, value)")
        .select(PiiProtection.mask(col("type"), col("value"))).as(Encoders.STRING()).collectAsList();
    assertThat(masked).containsExactly("138****8000", "106****9988", "z***@example.com", "CRM****42",
        "LSV****47", "u****", null);
    assertThat(PiiProtection.mask("wechat_openid", "wx1:o张三丰丰丰丰丰")).as("characters, not UTF-16 units")
        .isEqualTo("wx1****丰丰");
    List<String> names = spark.sql("SELECT * FROM VALUES ('张三丰'), ('李四'), (' 王 '), (''), (NULL) AS t(n)")
        .select(PiiProtection.maskName(col("n"))).as(Encoders.STRING()).collectAsList();
    assertThat(names).containsExactly("张**", "李*", "王", null, null);
  }
}
