package com.voclake.sample;

import java.util.List;
import java.util.SplittableRandom;

/**
 * How identifiers look in the wild: one mobile number written seven ways, landlines, emails with
 * stray case and spaces, placeholder junk, WeChat ids, device ids and VINs with a real ISO 3779
 * check digit.
 */
final class IdentifierFormats {
  /** Written forms of one mainland mobile number, in the order of {@link #phone(String, PhoneForm)}. */
  enum PhoneForm { PLAIN, SPACED, DASHED, PLUS86_SPACED, PREFIX86, PLUS86_DASH, FULL_WIDTH }

  private static final double[] PHONE_FORM_WEIGHTS = {58, 10, 8, 7, 6, 5, 6};

  private static final List<String> MOBILE_PREFIXES = List.of(
      "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156",
      "157", "158", "159", "166", "173", "176", "177", "180", "181", "182", "183", "185", "186", "187",
      "188", "189", "191", "198", "199");

  static final List<String> PHONE_JUNK = List.of(
      "null", "unknown", "0000000", "13800000000", "N/A", "00000000000", "-", "11111111111", "undefined");
  static final List<String> EMAIL_JUNK = List.of(
      "test@test.com", "null", "N/A", "none", "unknown", "-", "demo@example.com", "a@a");

  private static final String VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
  private static final int[] VIN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private IdentifierFormats() {}

  /** An 11-digit mainland mobile number. */
  static String newMobile(SplittableRandom r) {
    StringBuilder b = new StringBuilder(Pick.one(r, MOBILE_PREFIXES));
    while (b.length() < 11) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }

  static PhoneForm randomForm(SplittableRandom r) {
    return PhoneForm.values()[Pick.weighted(r, PHONE_FORM_WEIGHTS)];
  }

  /** {@code digits} (11-digit mobile) written in {@code form}; every form normalises back to the same digits. */
  static String phone(String digits, PhoneForm form) {
    String a = digits.substring(0, 3);
    String b = digits.substring(3, 7);
    String c = digits.substring(7);
    return switch (form) {
      case PLAIN -> digits;
      case SPACED -> a + " " + b + " " + c;
      case DASHED -> a + "-" + b + "-" + c;
      case PLUS86_SPACED -> "+86 " + a + " " + b + " " + c;
      case PREFIX86 -> "86" + digits;
      case PLUS86_DASH -> "+86-" + digits;
      case FULL_WIDTH -> fullWidth(digits);
    };
  }

  static String fullWidth(String ascii) {
    StringBuilder b = new StringBuilder(ascii.length());
    for (char ch : ascii.toCharArray()) {
      b.append(ch >= '0' && ch <= '9' ? (char) ('\uFF10' + (ch - '0')) : ch);
    }
    return b.toString();
  }

  /** A landline in one of the ways people write them: {@code (010) 6552 9988}, {@code 021-64381234}. */
  static String landline(String areaCode, String localDigits, SplittableRandom r) {
    int half = localDigits.length() / 2;
    return switch (r.nextInt(4)) {
      case 0 -> "(" + areaCode + ") " + localDigits.substring(0, half) + " " + localDigits.substring(half);
      case 1 -> areaCode + "-" + localDigits;
      case 2 -> "+86 " + areaCode.substring(1) + " " + localDigits;
      default -> areaCode + localDigits;
    };
  }

  static String newLandlineDigits(SplittableRandom r, String areaCode) {
    int length = areaCode.length() == 3 ? 8 : 7 + r.nextInt(2);
    StringBuilder b = new StringBuilder().append((char) ('2' + r.nextInt(7)));
    while (b.length() < length) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }

  /** An email as some system stored it: mixed case, stray spaces. */
  static String emailAsTyped(String email, SplittableRandom r) {
    return switch (Pick.weighted(r, new double[] {70, 10, 8, 6, 6})) {
      case 0 -> email;
      case 1 -> email.toUpperCase(java.util.Locale.ROOT);
      case 2 -> Character.toUpperCase(email.charAt(0)) + email.substring(1);
      case 3 -> " " + email + " ";
      default -> email.substring(0, email.indexOf('@')) + "@" + email.substring(email.indexOf('@') + 1)
          .toUpperCase(java.util.Locale.ROOT);
    };
  }

  /** A typo'd copy of an email (a different identifier that identity merge cannot repair). */
  static String emailTypo(String email, SplittableRandom r) {
    String domain = email.substring(email.indexOf('@') + 1);
    String local = email.substring(0, email.indexOf('@'));
    String typoDomain = switch (domain) {
      case "qq.com" -> Pick.one(r, "qq.con", "qq.cm", "qqq.com");
      case "163.com" -> Pick.one(r, "163.con", "136.com", "163.cn");
      case "126.com" -> Pick.one(r, "126.con", "162.com");
      case "gmail.com" -> Pick.one(r, "gmial.com", "gmail.co", "gamil.com");
      case "outlook.com" -> Pick.one(r, "outlok.com", "outlook.cm");
      default -> domain.replaceFirst("\\.com$", ".con");
    };
    if (local.length() > 4 && r.nextBoolean()) {
      int i = 1 + r.nextInt(local.length() - 2);
      return local.substring(0, i) + local.substring(i + 1) + "@" + domain;
    }
    return local + "@" + typoDomain;
  }

  /** A WeChat openid or unionid: 28 characters starting with 'o'. */
  static String wechatId(SplittableRandom r) {
    StringBuilder b = new StringBuilder("o");
    while (b.length() < 28) {
      int i = r.nextInt(BASE62.length() + 2);
      b.append(i < BASE62.length() ? BASE62.charAt(i) : (i == BASE62.length() ? '-' : '_'));
    }
    return b.toString();
  }

  static String hex(SplittableRandom r, int length) {
    StringBuilder b = new StringBuilder(length);
    while (b.length() < length) {
      b.append(Character.forDigit(r.nextInt(16), 16));
    }
    return b.toString();
  }

  static String uuid(SplittableRandom r) {
    String h = hex(r, 32);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-"
        + "89ab".charAt(r.nextInt(4)) + h.substring(17, 20) + "-" + h.substring(20);
  }

  /** An Android id (16 hex) or an iOS IDFV (upper-case UUID). */
  static String deviceId(SplittableRandom r) {
    return r.nextInt(10) < 6 ? hex(r, 16) : uuid(r).toUpperCase(java.util.Locale.ROOT);
  }

  static String digits(SplittableRandom r, int length) {
    StringBuilder b = new StringBuilder(length).append((char) ('1' + r.nextInt(9)));
    while (b.length() < length) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    return b.toString();
  }

  /**
   * A VIN of the fictional brand with a valid ISO 3779 check digit in position 9. {@code wmi} is
   * three characters and {@code modelCode} five.
   */
  static String vin(SplittableRandom r, String wmi, String modelCode, char yearCode) {
    StringBuilder b = new StringBuilder(17).append(wmi).append(modelCode).append('0').append(yearCode);
    b.append(VIN_CHARS.charAt(10 + r.nextInt(VIN_CHARS.length() - 10)));
    while (b.length() < 17) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    b.setCharAt(8, vinCheckDigit(b));
    return b.toString();
  }

  /** A VIN-looking value that fails validation: wrong check digit, 16 characters, or a letter O. */
  static String invalidVin(String vin, SplittableRandom r) {
    return switch (r.nextInt(3)) {
      case 0 -> vin.substring(0, 8) + (vin.charAt(8) == '7' ? '3' : '7') + vin.substring(9);
      case 1 -> vin.substring(0, 16);
      default -> vin.substring(0, 11) + "O" + vin.substring(12);
    };
  }

  /** The ISO 3779 (North American) check digit: weighted sum of transliterated characters mod 11, 10 as 'X'. */
  static char vinCheckDigit(CharSequence vin) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += transliterate(vin.charAt(i)) * VIN_WEIGHTS[i];
    }
    int check = sum % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  static boolean isValidVin(String vin) {
    if (vin.length() != 17) {
      return false;
    }
    for (char c : vin.toCharArray()) {
      if (VIN_CHARS.indexOf(c) < 0) {
        return false;
      }
    }
    return vinCheckDigit(vin) == vin.charAt(8);
  }

  private static int transliterate(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return switch (c) {
      case 'A', 'J' -> 1;
      case 'B', 'K', 'S' -> 2;
      case 'C', 'L', 'T' -> 3;
      case 'D', 'M', 'U' -> 4;
      case 'E', 'N', 'V' -> 5;
      case 'F', 'W' -> 6;
      case 'G', 'P', 'X' -> 7;
      case 'H', 'Y' -> 8;
      case 'R', 'Z' -> 9;
      default -> 0;
    };
  }
}
