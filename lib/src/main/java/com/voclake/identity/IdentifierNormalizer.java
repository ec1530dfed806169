package com.voclake.identity;

import com.voclake.VoclakeException;
import com.voclake.io.Identifiers;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Normalizes raw identifier values into the canonical form that identity merge links on. Every
 * function is a pure, null-safe Java function that never throws on bad input: a value that cannot
 * be normalized becomes null (invalid), which links nothing. The {@link Column} forms are UDFs
 * over the same functions, so batch, streaming, {@code forget} and {@code explain} cannot drift
 * apart.
 *
 * <p>Plain Java rather than Spark column expressions because identity reads every identifier of
 * every record: written as expressions, nine identifier types of regexes, translations and a
 * check-digit fold grew into a plan so large that Spark spent most of the stage interpreting it.
 *
 * <ul>
 *   <li>{@code phone}: Chinese mobile and landline numbers in E.164 ({@code +8613800138000},
 *       {@code +861065529988}) from the ways people type them: spaces, hyphens and the dashes a
 *       Chinese input method types for them ({@code —}, {@code –}), dots, brackets,
 *       {@code +86}/{@code 86}/{@code 0086} prefixes and full-width digits; a mobile also with the
 *       trunk {@code 0} that caller-ID systems put before a mobile from another city
 *       ({@code 013800138000}), which no landline can be confused with (no area code starts 01
 *       but Beijing's 010).
 *   <li>{@code email}: full-width to half-width, the ideographic full stop {@code 。} that Chinese
 *       input methods type for a dot read as {@code .}, trimmed, lower-case, shaped like an address.
 *   <li>{@code wechat_openid}: an openid is only unique within one WeChat app, so its value is
 *       {@code appid:openid} ({@link #UNKNOWN_APP} when the app id is missing); case is kept.
 *   <li>{@code wechat_unionid}, {@code app_user_id}, {@code cookie_id}: trimmed, case kept (they are
 *       case-sensitive tokens); {@code device_id}: lower-case (IDFA/Android ids are hex, and
 *       systems differ only in how they print them); {@code crm_id}: upper-case (CRM and DMS
 *       systems treat them case-insensitively).
 *   <li>{@code vin}: upper-case, separators removed, the letters I, O and Q (which ISO 3779 leaves
 *       out because they pass for 1, 0 and 0) read as those digits, then 17 characters of
 *       {@code [A-HJ-NPR-Z0-9]} with a valid ISO 3779 check digit in position 9 (mandatory for
 *       vehicles sold in China); the check digit still rejects any other single wrong character.
 * </ul>
 *
 * <p>Placeholder ("junk") values are recognised separately by {@link #isJunk}, on the raw and the
 * normalized value, so that statistics can tell junk from malformed input.
 */
public final class IdentifierNormalizer {
  /** App scope of an openid that arrived without its {@code wechat_appid}. */
  public static final String UNKNOWN_APP = "unknown_app";

  /** Separators people type inside phone numbers and VINs. */
  private static final Pattern SEPARATORS = Pattern.compile("[\\s\\u00A0\\-\\u2010-\\u2015\\u2212().·]");
  private static final Pattern EDGE_SPACE = Pattern.compile("^[\\s\\u00A0]+|[\\s\\u00A0]+$");
  private static final Pattern MOBILE = Pattern.compile("^(?:\\+?86|0086|0)?(1[3-9]\\d{9})$");
  // Area codes: 10 (Beijing), 2x (the big cities), three digits 3xx-9xx elsewhere; subscriber
  // numbers have 7 or 8 digits and never start with 0 or 1. Domestic form has the trunk 0.
  private static final Pattern LANDLINE_DOMESTIC = Pattern.compile("^0((?:10|2\\d|[3-9]\\d{2})[2-8]\\d{6,7})$");
  private static final Pattern LANDLINE_INTERNATIONAL =
      Pattern.compile("^(?:\\+86|0086|86)0?((?:10|2\\d|[3-9]\\d{2})[2-8]\\d{6,7})$");
  private static final Pattern EMAIL = Pattern.compile(
      "^[a-z0-9._%+\\-]+@[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?)*\\.[a-z]{2,}$");
  private static final Pattern VIN = Pattern.compile("^[A-HJ-NPR-Z0-9]{17}$");
  private static final String VIN_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
  private static final String VIN_LETTER_VALUES = "12345678123457923456789";
  private static final int[] VIN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

  private IdentifierNormalizer() {}

  /**
   * The normalized value of identifier {@code type} (an {@link Identifiers#LINKING} name), or null
   * when it is invalid. {@code appId} is only read for {@code wechat_openid}.
   */
  public static String normalize(String type, String raw, String appId) {
    return switch (type) {
      case Identifiers.PHONE -> phone(raw);
      case Identifiers.EMAIL -> email(raw);
      case Identifiers.WECHAT_OPENID -> wechatOpenid(raw, appId);
      case Identifiers.WECHAT_UNIONID, Identifiers.APP_USER_ID, Identifiers.COOKIE_ID -> clean(raw);
      case Identifiers.DEVICE_ID -> lower(clean(raw));
      case Identifiers.CRM_ID -> upper(clean(raw));
      case Identifiers.VIN -> vin(raw);
      default -> throw VoclakeException.of("Unknown identifier type %s; known types: %s", type,
          Identifiers.LINKING);
    };
  }

  /** Full-width ASCII (and the ideographic space) to half-width, trimmed; blank becomes null. */
  public static String clean(String raw) {
    if (raw == null) {
      return null;
    }
    StringBuilder half = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      half.append(c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c);
    }
    // String.strip() would also take Unicode spaces that belong to the value; copy-pasted values
    // carry tabs and no-break spaces, which these are.
    String trimmed = EDGE_SPACE.matcher(half).replaceAll("");
    return trimmed.isEmpty() ? null : trimmed;
  }

  /** CN mobile or landline number in E.164, else null. */
  public static String phone(String raw) {
    String cleaned = clean(raw);
    if (cleaned == null) {
      return null;
    }
    String digits = SEPARATORS.matcher(cleaned).replaceAll("");
    for (Pattern form : new Pattern[] {MOBILE, LANDLINE_DOMESTIC, LANDLINE_INTERNATIONAL}) {
      Matcher m = form.matcher(digits);
      if (m.find()) {
        return "+86" + m.group(1);
      }
    }
    return null;
  }

  /** Lower-case e-mail address, else null. */
  public static String email(String raw) {
    String value = lower(clean(raw));
    if (value == null) {
      return null;
    }
    value = value.replace('\u3002', '.');
    return EMAIL.matcher(value).find() ? value : null;
  }

  /** {@code appid:openid}; null without an openid. */
  public static String wechatOpenid(String openid, String appId) {
    String id = clean(openid);
    if (id == null) {
      return null;
    }
    String app = clean(appId);
    return (app == null ? UNKNOWN_APP : app) + ":" + id;
  }

  /** A VIN with a valid check digit, upper-case, else null. */
  public static String vin(String raw) {
    String cleaned = upper(clean(raw));
    if (cleaned == null) {
      return null;
    }
    String value = SEPARATORS.matcher(cleaned).replaceAll("").replace('I', '1').replace('O', '0').replace('Q', '0');
    if (!VIN.matcher(value).find()) {
      return null;
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = value.charAt(i);
      int letter = VIN_LETTERS.indexOf(c);
      int digit = letter >= 0 ? VIN_LETTER_VALUES.charAt(letter) - '0' : c - '0';
      sum += digit * VIN_WEIGHTS[i];
    }
    int remainder = sum % 11;
    char expected = remainder == 10 ? 'X' : (char) ('0' + remainder);
    return value.charAt(8) == expected ? value : null;
  }

  /**
   * One case-insensitive pattern matching any of {@code junkPatterns} (somewhere in a value, as
   * {@code rlike} does), or null for an empty list.
   */
  public static Pattern junkPattern(List<String> junkPatterns) {
    if (junkPatterns.isEmpty()) {
      return null;
    }
    StringBuilder any = new StringBuilder();
    for (String pattern : junkPatterns) {
      any.append(any.length() > 0 ? "|" : "").append("(?:").append(pattern).append(')');
    }
    return Pattern.compile(any.toString(), Pattern.CASE_INSENSITIVE);
  }

  /**
   * True when the cleaned raw value or the normalized value matches {@code junk} (from
   * {@link #junkPattern}; null matches nothing); false for null values.
   */
  public static boolean isJunk(String raw, String normalized, Pattern junk) {
    if (junk == null) {
      return false;
    }
    String cleaned = clean(raw);
    return cleaned != null && junk.matcher(cleaned).find() || normalized != null && junk.matcher(normalized).find();
  }

  /** Column form of {@link #normalize(String, String, String)}. */
  public static Column normalize(String type, Column raw, Column appId) {
    if (!Identifiers.LINKING.contains(type)) {
      throw VoclakeException.of("Unknown identifier type %s; known types: %s", type, Identifiers.LINKING);
    }
    return functions.udf((UDF2<String, String, String>) (value, app) -> normalize(type, value, app),
        DataTypes.StringType).withName("normalize_" + type).apply(raw, appId);
  }

  /** Column form of {@link #clean(String)}. */
  public static Column clean(Column raw) {
    return functions.udf((UDF1<String, String>) IdentifierNormalizer::clean, DataTypes.StringType)
        .withName("clean_identifier").apply(raw);
  }

  /** Column form of {@link #phone(String)}. */
  public static Column phone(Column raw) {
    return normalize(Identifiers.PHONE, raw, functions.lit(null).cast(DataTypes.StringType));
  }

  /** Column form of {@link #email(String)}. */
  public static Column email(Column raw) {
    return normalize(Identifiers.EMAIL, raw, functions.lit(null).cast(DataTypes.StringType));
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  private static String upper(String value) {
    return value == null ? null : value.toUpperCase(Locale.ROOT);
  }
}
