package com.voclake.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdentifierFormatsTest {

  /** What identity merge must do with a written phone: full-width to ASCII, digits only, no country code. */
  static String digitsOf(String written) {
    StringBuilder b = new StringBuilder();
    for (char c : written.toCharArray()) {
      if (c >= '\uFF10' && c <= '\uFF19') {
        b.append((char) ('0' + (c - '\uFF10')));
      } else if (c >= '0' && c <= '9') {
        b.append(c);
      }
    }
    String d = b.toString();
    return d.length() == 13 && d.startsWith("86") ? d.substring(2) : d;
  }

  @Test
  void everyPhoneFormParsesBackToTheSameDigits() {
    assertThat(IdentifierFormats.PhoneForm.values()).hasSize(7);
    for (IdentifierFormats.PhoneForm form : IdentifierFormats.PhoneForm.values()) {
      String written = IdentifierFormats.phone("13800138000", form);
      assertThat(digitsOf(written)).as("%s written as %s", form, written).isEqualTo("13800138000");
    }
    assertThat(IdentifierFormats.phone("13800138000", IdentifierFormats.PhoneForm.SPACED)).isEqualTo("138 0013 8000");
    assertThat(IdentifierFormats.phone("13800138000", IdentifierFormats.PhoneForm.PLUS86_SPACED))
        .isEqualTo("+86 138 0013 8000");
    assertThat(IdentifierFormats.phone("13800138000", IdentifierFormats.PhoneForm.FULL_WIDTH)).isEqualTo("１３８００１３８０００");

    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 500; i++) {
      String mobile = IdentifierFormats.newMobile(r);
      assertThat(mobile).matches("1[3-9]\\d{9}");
      assertThat(digitsOf(IdentifierFormats.phone(mobile, IdentifierFormats.randomForm(r)))).isEqualTo(mobile);
    }
  }

  @Test
  void vinsCarryAValidIso3779CheckDigitAndInvalidOnesFail() {
    assertThat(IdentifierFormats.isValidVin("1M8GDM9AXKP042788")).as("the textbook example VIN").isTrue();
    assertThat(IdentifierFormats.isValidVin("1M8GDM9A1KP042788")).isFalse();
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      String vin = IdentifierFormats.vin(r, "LXL", "SA7C2", 'S');
      assertThat(vin).hasSize(17).doesNotContain("I", "O", "Q");
      assertThat(IdentifierFormats.isValidVin(vin)).as(vin).isTrue();
      String broken = IdentifierFormats.invalidVin(vin, r);
      assertThat(IdentifierFormats.isValidVin(broken)).as("broken %s", broken).isFalse();
    }
  }

  @Test
  void emailsKeepTheirAddressUnderCaseAndSpacesButTyposDoNot() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 100; i++) {
      assertThat(IdentifierFormats.emailAsTyped("Wang.Wei88@qq.com", r).strip().toLowerCase(java.util.Locale.ROOT))
          .isEqualTo("wang.wei88@qq.com");
      assertThat(IdentifierFormats.emailTypo("wang.wei88@qq.com", r)).isNotEqualTo("wang.wei88@qq.com").contains("@");
    }
  }
}
