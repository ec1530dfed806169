package com.voclake.identity;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.nullif;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import com.voclake.VoclakeException;
import com.voclake.io.Identifiers;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Normalizes raw identifier values into the canonical form that identity merge links on, as Spark
 * column expressions (no UDFs), so that the same rules run in batch and streaming. Every function
 * is null-safe and never throws on bad input: a value that cannot be normalized becomes null
 * (invalid), which links nothing.
 *
 * <ul>
 *   <li>{@code phone}: Chinese mobile and landline numbers in E.164 ({@code +8613800138000},
 *       {@code +861065529988}) from the ways people type them: spaces, hyphens, dots, brackets,
 *       {@code +86}/{@code 86}/{@code 0086} prefixes and full-width digits.
 *   <li>{@code email}: full-width to half-width, trimmed, lower-case, shaped like an address.
 *   <li>{@code wechat_openid}: an openid is only unique within one WeChat app, so its value is
 *       {@code appid:openid} ({@link #UNKNOWN_APP} when the app id is missing); case is kept.
 *   <li>{@code wechat_unionid}, {@code app_user_id}, {@code cookie_id}: trimmed, case kept (they are
 *       case-sensitive tokens); {@code device_id}: lower-case (IDFA/Android ids are hex, and
 *       systems differ only in how they print them); {@code crm_id}: upper-case (CRM and DMS
 *       systems treat them case-insensitively).
 *   <li>{@code vin}: upper-case, separators removed, 17 characters of {@code [A-HJ-NPR-Z0-9]}
 *       with a valid ISO 3779 check digit in position 9 (mandatory for vehicles sold in China).
 * </ul>
 *
 * <p>Placeholder ("junk") values are recognised separately by {@link #isJunk}, on the raw and the
 * normalized value, so that statistics can tell junk from malformed input.
 */
public final class IdentifierNormalizer {
  /** App scope of an openid that arrived without its {@code wechat_appid}. */
  public static final String UNKNOWN_APP = "unknown_app";

  private static final String FULL_WIDTH = fullWidthAscii() + "\u3000";
  private static final String HALF_WIDTH = halfWidthAscii() + " ";

  /** Separators people type inside phone numbers and VINs. */
  private static final String SEPARATORS = "[\\s\\u00A0\\-().·]";
  private static final String MOBILE = "^(?:\\+?86|0086)?(1[3-9]\\d{9})$";
  // Area codes: 10 (Beijing), 2x (the big cities), three digits 3xx-9xx elsewhere; subscriber
  // numbers have 7 or 8 digits and never start with 0 or 1. Domestic form has the trunk 0.
  private static final String LANDLINE_DOMESTIC = "^0((?:10|2\\d|[3-9]\\d{2})[2-8]\\d{6,7})$";
  private static final String LANDLINE_INTERNATIONAL = "^(?:\\+86|0086|86)0?((?:10|2\\d|[3-9]\\d{2})[2-8]\\d{6,7})$";
  private static final String EMAIL = "^[a-z0-9._%+\\-]+@[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?)*\\.[a-z]{2,}$";
  private static final String VIN = "^[A-HJ-NPR-Z0-9]{17}$";
  private static final String VIN_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ";
  private static final String VIN_LETTER_VALUES = "12345678123457923456789";
  private static final int[] VIN_WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

  private IdentifierNormalizer() {}

  /**
   * The normalized value of identifier {@code type} (an {@link Identifiers#LINKING} name), or null
   * when it is invalid. {@code appId} is only read for {@code wechat_openid}.
   */
  public static Column normalize(String type, Column raw, Column appId) {
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
  public static Column clean(Column raw) {
    Column halfWidth = translate(raw, FULL_WIDTH, HALF_WIDTH);
    // trim() only strips ASCII spaces; copy-pasted values also carry tabs and no-break spaces.
    return nullif(regexp_replace(halfWidth, "^[\\s\\u00A0]+|[\\s\\u00A0]+$", ""), lit(""));
  }

  /** CN mobile or landline number in E.164, else null. */
  public static Column phone(Column raw) {
    Column digits = regexp_replace(clean(raw), SEPARATORS, "");
    return when(digits.rlike(MOBILE), concat(lit("+86"), regexp_extract(digits, MOBILE, 1)))
        .when(digits.rlike(LANDLINE_DOMESTIC),
            concat(lit("+86"), regexp_extract(digits, LANDLINE_DOMESTIC, 1)))
        .when(digits.rlike(LANDLINE_INTERNATIONAL),
            concat(lit("+86"), regexp_extract(digits, LANDLINE_INTERNATIONAL, 1)));
  }

  /** Lower-case e-mail address, else null. */
  public static Column email(Column raw) {
    Column value = lower(clean(raw));
    return when(value.rlike(EMAIL), value);
  }

  /** {@code appid:openid}; null without an openid. */
  public static Column wechatOpenid(Column openid, Column appId) {
    Column id = clean(openid);
    return when(id.isNotNull(), concat(coalesce(clean(appId), lit(UNKNOWN_APP)), lit(":"), id));
  }

  /** A VIN with a valid check digit, upper-case, else null. */
  public static Column vin(Column raw) {
    Column value = regexp_replace(upper(clean(raw)), SEPARATORS, "");
    Column[] weights = new Column[VIN_WEIGHTS.length];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = lit(VIN_WEIGHTS[i]);
    }
    Column weightArray = array(weights);
    Column sum = aggregate(sequence(lit(1), lit(17)), lit(0), (acc, i) -> acc.plus(
        translate(value.substr(i, lit(1)), VIN_LETTERS, VIN_LETTER_VALUES).try_cast("int")
            .multiply(element_at(weightArray, i))));
    Column remainder = pmod(sum, lit(11));
    Column expected = when(remainder.equalTo(10), lit("X")).otherwise(remainder.cast("string"));
    Column valid = value.rlike(VIN).and(value.substr(9, 1).equalTo(expected));
    return when(coalesce(valid, lit(false)), value);
  }

  /**
   * True when the raw or the normalized value matches one of {@code junkPatterns}
   * (case-insensitive); null-safe (false for null values).
   */
  public static Column isJunk(Column raw, Column normalized, List<String> junkPatterns) {
    if (junkPatterns.isEmpty()) {
      return lit(false);
    }
    StringBuilder anyPattern = new StringBuilder("(?i)");
    for (String pattern : junkPatterns) {
      anyPattern.append(anyPattern.length() > 4 ? "|" : "").append("(?:").append(pattern).append(')');
    }
    String regex = anyPattern.toString();
    return coalesce(clean(raw).rlike(regex), lit(false)).or(coalesce(normalized.rlike(regex), lit(false)));
  }

  private static String fullWidthAscii() {
    StringBuilder s = new StringBuilder();
    for (char c = '\uFF01'; c <= '\uFF5E'; c++) {
      s.append(c);
    }
    return s.toString();
  }

  private static String halfWidthAscii() {
    StringBuilder s = new StringBuilder();
    for (char c = '!'; c <= '~'; c++) {
      s.append(c);
    }
    return s.toString();
  }
}
