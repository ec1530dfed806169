package com.voclake.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What the build knows about the code it packaged: the {@code git describe} of the checkout
 * (written by lib/pom.xml as {@code voclake-version.txt}), which every run records in
 * {@code _runs} so that a table's rows can be traced to the code that wrote them.
 */
public final class BuildInfo {
  static final String UNKNOWN = "unknown";
  /** A describe is one word: a tag or an abbreviated hash, maybe -N-gHASH and -dirty after it. */
  private static final Pattern DESCRIBE = Pattern.compile("[\\w.+/-]+");
  private static final String CODE_VERSION = read();

  private BuildInfo() {}

  /** {@code git describe --tags --always --dirty} at build time, or "unknown" outside a git checkout. */
  public static String codeVersion() {
    return CODE_VERSION;
  }

  private static String read() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("/voclake-version.txt")) {
      if (in == null) {
        return UNKNOWN;
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return UNKNOWN;
    }
  }

  /** The version in the file's text; git's complaint (not a checkout) or nothing gives "unknown". */
  static String parse(String text) {
    String version = text.strip();
    return DESCRIBE.matcher(version).matches() ? version : UNKNOWN;
  }
}
