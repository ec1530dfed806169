package com.voclake.identity;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/**
 * City tiers for segmenting customers (一线, 新一线, 二线, 三线及以下), after the widely used
 * Yicai (第一财经) ranking. Only the first three tiers are listed: any other named city is
 * {@link #LOWER_TIERS}, and a missing city is {@link #UNKNOWN}. A trailing 市 is ignored, so
 * 北京市 and 北京 are the same city.
 */
public final class CityTiers {
  public static final String TIER_1 = "一线";
  public static final String NEW_TIER_1 = "新一线";
  public static final String TIER_2 = "二线";
  public static final String LOWER_TIERS = "三线及以下";
  public static final String UNKNOWN = "unknown";

  /** City (without 市) to tier, for the first three tiers. */
  public static final Map<String, String> TIERS = tiers();

  private CityTiers() {}

  /** The tier of {@code city}: never null. */
  public static Column tier(Column city) {
    List<Column> entries = new ArrayList<>();
    TIERS.forEach((name, tier) -> {
      entries.add(lit(name));
      entries.add(lit(tier));
    });
    Column lookup = functions.map(entries.toArray(new Column[0]));
    Column name = regexp_replace(functions.trim(city), "市$", "");
    return when(name.isNull().or(name.equalTo("")), lit(UNKNOWN))
        .otherwise(coalesce(functions.try_element_at(lookup, name), lit(LOWER_TIERS)));
  }

  private static Map<String, String> tiers() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : List.of("北京", "上海", "广州", "深圳")) {
      m.put(c, TIER_1);
    }
    for (String c : List.of("成都", "杭州", "重庆", "武汉", "苏州", "西安", "南京", "长沙", "天津",
        "郑州", "东莞", "无锡", "宁波", "青岛", "合肥")) {
      m.put(c, NEW_TIER_1);
    }
    for (String c : List.of("佛山", "沈阳", "昆明", "济南", "厦门", "福州", "温州", "大连", "哈尔滨",
        "长春", "泉州", "石家庄", "南宁", "金华", "贵阳", "南昌", "常州", "嘉兴", "珠海", "南通",
        "惠州", "太原", "中山", "徐州", "绍兴", "台州", "烟台", "兰州", "潍坊", "临沂")) {
      m.put(c, TIER_2);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
