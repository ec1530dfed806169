package com.voclake.config;

import com.voclake.VoclakeException;

/** Bad configuration or command-line values: the message says which setting and how to fix it. */
public class ConfigException extends VoclakeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
