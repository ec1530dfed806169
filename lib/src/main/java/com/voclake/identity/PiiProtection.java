package com.voclake.identity;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.repeat;
import static org.apache.spark.sql.functions.substring;

import com.voclake.VoclakeException;
import com.voclake.io.Identifiers;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * How identifiers and names are kept out of CDP tables: a keyed hash for joining and erasing,
 * and a masked form for people to recognise a record ({@code 138****8000}).
 *
 * <p>The hash of an identifier is {@code hex(HMAC-SHA256(key, id_type + "|" + normalized value))}:
 * the type is part of the message so that equal strings of different types (a CRM id that looks
 * like an app user id) never share a hash. Other jobs (forget, streaming) must hash the same way,
 * through {@link #hash(byte[], String, String)}.
 *
 * <p>Hashing is a UDF on purpose, the one place identity merge uses one: an HMAC written with
 * column functions would put the key into the query plan, which Spark prints in its UI and event
 * logs. The UDF carries the key inside its serialized closure only.
 */
public final class PiiProtection {
  private static final String ALGORITHM = "HmacSHA256";

  private PiiProtection() {}

  /** Hex HMAC-SHA256 of {@code type|value} under {@code key}; null for a null value. */
  public static String hash(byte[] key, String type, String value) {
    if (value == null) {
      return null;
    }
    return hex(newMac(key).doFinal((type + "|" + value).getBytes(StandardCharsets.UTF_8)));
  }

  /** The column form of {@link #hash(byte[], String, String)}: {@code (type, value) -> hash}. */
  public static Column hash(byte[] key, Column type, Column value) {
    return keyedHashUdf(key).apply(concat(type, lit("|"), value));
  }

  /**
   * Display form of a normalized identifier: phones as {@code 138****8000} (national number,
   * first 3 and last 4 digits), e-mails as {@code z***@example.com}, anything else as its first
   * 3 and last 2 characters around {@code ****} (only {@code ****} after the first character when
   * the value is too short to hide anything that way); null for null.
   */
  public static String mask(String type, String value) {
    if (value == null) {
      return null;
    }
    if (Identifiers.PHONE.equals(type)) {
      String national = value.startsWith("+86") ? value.substring(3) : value;
      return first(national, 3) + "****" + last(national, 4);
    }
    if (Identifiers.EMAIL.equals(type)) {
      return first(value, 1) + "***@" + value.substring(value.lastIndexOf('@') + 1);
    }
    return value.codePointCount(0, value.length()) > 7 ? first(value, 3) + "****" + last(value, 2)
        : first(value, 1) + "****";
  }

  /** Column form of {@link #mask(String, String)}. */
  public static Column mask(Column type, Column value) {
    return functions.udf((UDF2<String, String, String>) PiiProtection::mask, DataTypes.StringType)
        .withName("mask_identifier").apply(type, value);
  }

  /** A name as its first character and one {@code *} per other character: 张三丰 → 张**. */
  public static Column maskName(Column name) {
    Column trimmed = functions.nullif(functions.trim(name), lit(""));
    return concat(substring(trimmed, 1, 1), repeat(lit("*"), greatest(length(trimmed).minus(1), lit(0))));
  }

  private static UserDefinedFunction keyedHashUdf(byte[] key) {
    Hasher hasher = new Hasher(key);
    return functions.udf((UDF1<String, String>) hasher::hash, DataTypes.StringType).withName("keyed_hash");
  }

  private static String first(String value, int codePoints) {
    return value.substring(0, value.offsetByCodePoints(0, Math.min(codePoints, value.codePointCount(0, value.length()))));
  }

  private static String last(String value, int codePoints) {
    int count = value.codePointCount(0, value.length());
    return value.substring(value.offsetByCodePoints(0, Math.max(0, count - codePoints)));
  }

  private static Mac newMac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new VoclakeException("Cannot initialise " + ALGORITHM + " for hashing identifiers", e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      s.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return s.toString();
  }

  /**
   * {@link #hash(byte[], String, String)} for executors: serializable with its key, one
   * {@link Mac} per thread (a Mac is stateful and not thread-safe).
   */
  public static final class Hasher implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] key;
    private transient volatile ThreadLocal<Mac> mac;

    public Hasher(byte[] key) {
      this.key = key.clone();
    }

    /** Hash of {@code type|value}; null for a null value. */
    public String hash(String type, String value) {
      return value == null ? null : hash(type + "|" + value);
    }

    /** Hash of a whole message ({@code type|value}); null for null. */
    String hash(String message) {
      if (message == null) {
        return null;
      }
      if (mac == null) {
        mac = ThreadLocal.withInitial(() -> newMac(key));
      }
      return hex(mac.get().doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
