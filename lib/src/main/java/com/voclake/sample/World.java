package com.voclake.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fixed synthetic world every customer lives in: one fictional car brand (星岚) and its lineup,
 * the cities and their dealers, and Chinese names. Fixed lists, so a customer key always maps to
 * the same city, dealer and car model for a given seed.
 */
final class World {
  static final String BRAND = "星岚";

  /** A powertrain decides which topics make sense (range and charging for EVs, fuel for ICE). */
  enum Powertrain { ICE, PHEV, EV }

  record CarModel(String name, String shortName, Powertrain powertrain, String vinCode, int rangeKm, double weight) {}

  record City(String name, String province, String areaCode, String dealerCode, int tier, double weight) {}

  static final List<CarModel> MODELS = List.of(
      new CarModel("星岚 S7", "S7", Powertrain.ICE, "SA7C2", 0, 26),
      new CarModel("星岚 S9", "S9", Powertrain.ICE, "SA9D3", 0, 14),
      new CarModel("星岚 M8 PHEV", "M8", Powertrain.PHEV, "MP8E4", 120, 18),
      new CarModel("星岚 X5 EV", "X5", Powertrain.EV, "XE5B1", 560, 24),
      new CarModel("星岚 A3", "A3", Powertrain.ICE, "AS3A1", 0, 18));

  /** The models whose head unit the incident OTA bricks (same cockpit platform). */
  static final List<String> INCIDENT_MODELS = List.of("星岚 S7", "星岚 X5 EV");
  static final String INCIDENT_PROVINCE = "广东";
  static final String INCIDENT_VERSION = "V4.2.0";

  static final List<City> CITIES = List.of(
      new City("广州", "广东", "020", "GZ", 1, 70), new City("深圳", "广东", "0755", "SZ", 1, 70),
      new City("佛山", "广东", "0757", "FS", 2, 30), new City("东莞", "广东", "0769", "DG", 2, 30),
      new City("珠海", "广东", "0756", "ZH", 3, 12),
      new City("杭州", "浙江", "0571", "HZ", 1, 45), new City("宁波", "浙江", "0574", "NB", 2, 22),
      new City("温州", "浙江", "0577", "WZ", 2, 15),
      new City("南京", "江苏", "025", "NJ", 1, 35), new City("苏州", "江苏", "0512", "SU", 2, 35),
      new City("无锡", "江苏", "0510", "WX", 2, 18),
      new City("上海", "上海", "021", "SH", 1, 70), new City("北京", "北京", "010", "BJ", 1, 65),
      new City("天津", "天津", "022", "TJ", 1, 25), new City("重庆", "重庆", "023", "CQ", 1, 35),
      new City("成都", "四川", "028", "CD", 1, 50), new City("绵阳", "四川", "0816", "MY", 3, 10),
      new City("武汉", "湖北", "027", "WH", 1, 40), new City("宜昌", "湖北", "0717", "YC", 3, 8),
      new City("济南", "山东", "0531", "JN", 2, 22), new City("青岛", "山东", "0532", "QD", 2, 25),
      new City("烟台", "山东", "0535", "YT", 3, 10),
      new City("郑州", "河南", "0371", "ZZ", 2, 30), new City("洛阳", "河南", "0379", "LY", 3, 10),
      new City("长沙", "湖南", "0731", "CS", 2, 30), new City("福州", "福建", "0591", "FZ", 2, 18),
      new City("厦门", "福建", "0592", "XM", 2, 18), new City("西安", "陕西", "029", "XA", 1, 30),
      new City("沈阳", "辽宁", "024", "SY", 2, 18), new City("大连", "辽宁", "0411", "DL", 2, 15),
      new City("合肥", "安徽", "0551", "HF", 2, 25), new City("芜湖", "安徽", "0553", "WU", 3, 8),
      new City("石家庄", "河北", "0311", "SJ", 2, 18), new City("哈尔滨", "黑龙江", "0451", "HB", 2, 14),
      new City("昆明", "云南", "0871", "KM", 2, 15), new City("南宁", "广西", "0771", "NN", 2, 14));

  private static final double[] CITY_WEIGHTS = CITIES.stream().mapToDouble(City::weight).toArray();
  private static final double[] MODEL_WEIGHTS = MODELS.stream().mapToDouble(CarModel::weight).toArray();

  static final List<String> SURNAMES = Pick.lines("""
      王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹
      彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石
      廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 欧阳
      """.replace(' ', '\n'));
  private static final List<String> GIVEN_MALE = Pick.lines("""
      伟 强 磊 军 勇 杰 涛 斌 超 明 刚 平 辉 鹏 华 飞 鑫 波 宇 浩 凯 健 俊 帆 帅 旭 宁 龙 林 阳
      建国 志强 晓东 海涛 文博 子豪 浩然 宇航 俊杰 明轩 建华 振宇 一鸣 嘉豪 天佑 晨阳 志远 泽宇 国栋 少华
      """.replace(' ', '\n'));
  private static final List<String> GIVEN_FEMALE = Pick.lines("""
      芳 娜 敏 静 丽 艳 娟 霞 燕 玲 婷 雪 琳 颖 倩 洁 慧 欣 悦 晶
      雨涵 欣怡 思雨 梓涵 诗琪 佳怡 晓燕 丽华 秀英 美玲 婉清 梦瑶 子涵 雅婷 静怡 晓雯 海燕 春梅 紫萱 若曦
      """.replace(' ', '\n'));

  static final List<String> EMAIL_DOMAINS = List.of(
      "qq.com", "qq.com", "qq.com", "163.com", "163.com", "126.com", "gmail.com", "outlook.com",
      "sina.com", "foxmail.com", "139.com", "hotmail.com");

  private World() {}

  static City city(SplittableRandom r) {
    return CITIES.get(Pick.weighted(r, CITY_WEIGHTS));
  }

  static CarModel model(SplittableRandom r) {
    return MODELS.get(Pick.weighted(r, MODEL_WEIGHTS));
  }

  static String givenName(SplittableRandom r, boolean male) {
    return Pick.one(r, male ? GIVEN_MALE : GIVEN_FEMALE);
  }

  /** Dealers of a city: two to three stores, coded {@code DLR-<city>-<nn>}. */
  static List<String> dealers(City city) {
    int n = city.tier() == 1 ? 3 : 2;
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add(String.format("DLR-%s-%02d", city.dealerCode(), i));
    }
    return ids;
  }

  /** The store's display name, e.g. 广州天河星岚中心. */
  static String dealerName(City city, String dealerId) {
    List<String> areas = List.of("城东", "城西", "高新", "南湖", "滨江", "开发区", "机场路", "新城");
    int n = Integer.parseInt(dealerId.substring(dealerId.length() - 2));
    String area = areas.get(Math.floorMod(city.name().hashCode() + n, areas.size()));
    return city.name() + area + BRAND + (n % 2 == 0 ? "用户中心" : "4S店");
  }
}
