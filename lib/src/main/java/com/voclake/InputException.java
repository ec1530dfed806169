package com.voclake;

/**
 * A file or folder a job was told to read cannot be used as given: it does not exist, cannot be
 * read, lacks a column, or holds no model version. Like a bad command line, this is for the user
 * to fix, so the CLI prints the message alone (one line) and exits with code 2, not a stack trace.
 */
public class InputException extends VoclakeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
