package com.voclake.jobs;

import com.voclake.VoclakeException;

/** A bad command line: unknown job or option, missing or malformed value. Exit code 2. */
public class UsageException extends VoclakeException {
  public UsageException(String message) {
    super(message);
  }
}
