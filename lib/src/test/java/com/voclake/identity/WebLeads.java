package com.voclake.identity;

/** Touchpoint lines of web leads, as the landing zone holds them, for identity tests. */
final class WebLeads {
  private WebLeads() {}

  /** A web lead {@code id} at {@code hour}:00 (UTC+8) on {@code day} with extra JSON {@code fields}. */
  static String line(String id, String day, String hour, String fields) {
    return String.format("{\"event_id\":\"%s\",\"event_time\":\"%sT%s:00:00+08:00\",\"channel\":\"web\","
        + "\"event_type\":\"lead\",%s}", id, day, hour, fields);
  }
}
