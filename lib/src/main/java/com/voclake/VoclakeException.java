package com.voclake;

/**
 * The one unchecked exception root of VOCLake. Code wraps lower-level failures in it with context
 * (which job, table, file or setting) so that the message alone says what to fix.
 */
public class VoclakeException extends RuntimeException {
  public VoclakeException(String message) {
    super(message);
  }

  public VoclakeException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Formats with {@link String#format}, the way most call sites want to build a message. */
  public static VoclakeException of(String format, Object... args) {
    return new VoclakeException(String.format(format, args));
  }
}
