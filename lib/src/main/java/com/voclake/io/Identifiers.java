package com.voclake.io;

import java.util.List;

/**
 * Names of the identifier columns that touchpoints and interactions share. Identity merge links
 * records through these; none of their raw values may reach a published output or a log.
 */
public final class Identifiers {
  public static final String PHONE = "phone";
  public static final String EMAIL = "email";
  public static final String WECHAT_OPENID = "wechat_openid";
  public static final String WECHAT_APPID = "wechat_appid";
  public static final String WECHAT_UNIONID = "wechat_unionid";
  public static final String APP_USER_ID = "app_user_id";
  public static final String DEVICE_ID = "device_id";
  public static final String COOKIE_ID = "cookie_id";
  public static final String CRM_ID = "crm_id";
  public static final String VIN = "vin";

  /** Every identifier column, in a fixed order. {@code wechat_appid} only scopes an openid. */
  public static final List<String> ALL = List.of(
      PHONE, EMAIL, WECHAT_OPENID, WECHAT_APPID, WECHAT_UNIONID, APP_USER_ID, DEVICE_ID, COOKIE_ID,
      CRM_ID, VIN);

  /** Identifier columns that identify on their own (everything but the openid's app scope). */
  public static final List<String> LINKING = List.of(
      PHONE, EMAIL, WECHAT_OPENID, WECHAT_UNIONID, APP_USER_ID, DEVICE_ID, COOKIE_ID, CRM_ID, VIN);

  private Identifiers() {}
}
