package com.voclake.publish.bench;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Weeks of enriched interactions (the columns alerting reads) with weekly and daily seasonality,
 * day-to-day noise and planted incidents whose truth is known: a spike of one category in one
 * province for some hours, a slow rise of one category over days, and a sentiment collapse of a
 * head-unit category after an OTA push. Seeded: the same options give the same rows and incidents.
 *
 * <p>Volumes: each category has a share of the day and a negative-sentiment rate, each province a
 * share; a day's expected volume is {@code dailyVolume} × the weekday's factor × a day-level
 * log-normal noise (σ 0.08) × a per-category noise (σ 0.10); each cell's count is Poisson around
 * that, spread over hours by a daily profile (quiet nights, busy late mornings and evenings).
 */
public final class IncidentHistory {
  /** Columns of {@code voc/interactions_enriched} that alerting reads. */
  public static final StructType SCHEMA = new StructType()
      .add("one_id", DataTypes.StringType)
      .add("dt", DataTypes.StringType)
      .add("start_time", DataTypes.TimestampType)
      .add("channel", DataTypes.StringType)
      .add("kind", DataTypes.StringType)
      .add("province", DataTypes.StringType)
      .add("city", DataTypes.StringType)
      .add("car_model", DataTypes.StringType)
      .add("category_l1", DataTypes.StringType)
      .add("category_l2", DataTypes.StringType)
      .add("sentiment", DataTypes.StringType)
      .add("sentiment_score", DataTypes.DoubleType)
      .add("escalate", DataTypes.BooleanType);

  /** l1, l2, share of requests, negative rate. */
  static final Object[][] CATEGORIES = {
      {"购车咨询", "价格优惠", 0.09, 0.10}, {"购车咨询", "试驾预约", 0.08, 0.05}, {"购车咨询", "金融贷款", 0.04, 0.10},
      {"购车咨询", "配置咨询", 0.07, 0.05}, {"交付物流", "交付延期", 0.05, 0.55}, {"交付物流", "提车验车", 0.04, 0.20},
      {"产品质量", "异响", 0.04, 0.60}, {"产品质量", "漏水", 0.02, 0.70}, {"产品质量", "故障灯", 0.03, 0.55},
      {"智能座舱", "车机死机", 0.04, 0.65}, {"智能座舱", "OTA升级", 0.04, 0.25}, {"智能座舱", "语音助手", 0.03, 0.35},
      {"智能驾驶", "自动驾驶", 0.04, 0.30}, {"补能续航", "续航", 0.05, 0.40}, {"补能续航", "充电", 0.06, 0.40},
      {"补能续航", "充电桩安装", 0.04, 0.20}, {"舒适配置", "空调", 0.03, 0.40}, {"售后服务", "保养预约", 0.10, 0.05},
      {"售后服务", "维修进度", 0.06, 0.45}, {"售后服务", "服务态度", 0.03, 0.75}};
  /** province, share, its two cities. */
  static final Object[][] PROVINCES = {
      {"广东", 0.20, "广州", "深圳"}, {"浙江", 0.13, "杭州", "宁波"}, {"江苏", 0.13, "南京", "苏州"},
      {"上海", 0.10, "上海", "上海"}, {"北京", 0.10, "北京", "北京"}, {"四川", 0.10, "成都", "绵阳"},
      {"湖北", 0.09, "武汉", "宜昌"}, {"山东", 0.15, "济南", "青岛"}};
  /** Share of a day's requests in each hour. */
  static final double[] HOURS = normalized(new double[] {
      0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.2, 2.5, 4.0, 4.6, 4.4, 3.2, 3.4, 4.0, 4.2, 3.9, 3.4, 2.8, 3.0, 3.4, 3.0,
      1.8, 0.8});
  /** Monday to Sunday. */
  static final double[] WEEKDAYS = {1.10, 1.05, 1.0, 1.0, 1.05, 0.85, 0.75};
  static final String[] CHANNELS = {"hotline", "chat", "app", "wechat_mp", "dealer"};

  private IncidentHistory() {}

  /** A planted incident: what, where, when; the truth that alerts are scored against. */
  public record Incident(String id, String type, String categoryL2, String province, ZonedDateTime start,
      ZonedDateTime end) {}

  /** The generated rows and their incidents. */
  public record Generated(Dataset<Row> rows, List<Incident> incidents, long count) {}

  /**
   * {@code weeks} weeks ending on {@code lastDay}, incidents in the last {@code incidentWeeks}
   * weeks: one of each type per week, on different categories and provinces.
   */
  public static Generated generate(SparkSession spark, LocalDate lastDay, int weeks, int incidentWeeks,
      long dailyVolume, long seed, ZoneId zone) {
    LocalDate first = lastDay.minusDays(7L * weeks - 1);
    List<Incident> incidents = plant(lastDay, incidentWeeks, zone);
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    long id = 0;
    for (LocalDate day = first; !day.isAfter(lastDay); day = day.plusDays(1)) {
      double dayFactor = WEEKDAYS[day.getDayOfWeek().getValue() - 1] * Math.exp(0.08 * random.nextGaussian());
      for (Object[] category : CATEGORIES) {
        double categoryFactor = Math.exp(0.10 * random.nextGaussian());
        for (Object[] province : PROVINCES) {
          for (int hour = 0; hour < 24; hour++) {
            ZonedDateTime start = day.atStartOfDay(zone).plusHours(hour);
            double mean = dailyVolume * dayFactor * categoryFactor * (double) category[2] * (double) province[1]
                * HOURS[hour];
            double negative = (double) category[3];
            for (Incident incident : incidents) {
              if (affects(incident, (String) category[1], (String) province[0], start)) {
                mean *= volumeFactor(incident, start);
                negative = Math.max(negative, negativeRate(incident, start, negative));
              }
            }
            int n = poisson(random, mean);
            for (int i = 0; i < n; i++) {
              rows.add(row(random, id++, day, start, category, province, negative));
            }
          }
        }
      }
    }
    return new Generated(spark.createDataFrame(rows, SCHEMA), incidents, rows.size());
  }

  /** One spike, one slow rise and one sentiment collapse in each incident week. */
  static List<Incident> plant(LocalDate lastDay, int incidentWeeks, ZoneId zone) {
    List<Incident> out = new ArrayList<>();
    String[] spikeCategories = {"车机死机", "充电", "漏水", "交付延期", "异响", "维修进度"};
    String[] riseCategories = {"续航", "故障灯", "服务态度", "自动驾驶", "空调", "提车验车"};
    String[] collapseCategories = {"OTA升级", "语音助手", "OTA升级", "语音助手", "OTA升级", "语音助手"};
    for (int w = 0; w < incidentWeeks; w++) {
      LocalDate weekStart = lastDay.minusDays(7L * (incidentWeeks - w) - 1);
      String spikeProvince = (String) PROVINCES[w % PROVINCES.length][0];
      ZonedDateTime spike = weekStart.plusDays(1).atStartOfDay(zone).plusHours(9);
      out.add(new Incident("spike-" + (w + 1), "spike", spikeCategories[w % 6], spikeProvince, spike,
          spike.plusHours(6)));
      ZonedDateTime rise = weekStart.plusDays(2).atStartOfDay(zone);
      out.add(new Incident("slow-rise-" + (w + 1), "slow_rise", riseCategories[w % 6], null, rise, rise.plusDays(5)));
      ZonedDateTime ota = weekStart.plusDays(4).atStartOfDay(zone).plusHours(20);
      out.add(new Incident("ota-collapse-" + (w + 1), "sentiment_collapse", collapseCategories[w % 6], null, ota,
          ota.plusHours(40)));
    }
    return out;
  }

  static boolean affects(Incident incident, String categoryL2, String province, ZonedDateTime hour) {
    return incident.categoryL2().equals(categoryL2)
        && (incident.province() == null || incident.province().equals(province))
        && !hour.isBefore(incident.start()) && hour.isBefore(incident.end());
  }

  /** Spike: 5 times the usual; slow rise: from 1 to 3 times over its days; collapse: 1.3 times. */
  static double volumeFactor(Incident incident, ZonedDateTime hour) {
    return switch (incident.type()) {
      case "spike" -> 5.0;
      case "slow_rise" -> 1.0 + 2.0 * hoursSince(incident, hour) / hoursSince(incident, incident.end());
      default -> 1.3;
    };
  }

  /** A sentiment collapse: 85 % of the category's requests negative. */
  static double negativeRate(Incident incident, ZonedDateTime hour, double usual) {
    return "sentiment_collapse".equals(incident.type()) ? 0.85 : usual;
  }

  private static double hoursSince(Incident incident, ZonedDateTime hour) {
    return java.time.Duration.between(incident.start(), hour).toHours();
  }

  private static Row row(Random random, long id, LocalDate day, ZonedDateTime hour, Object[] category,
      Object[] province, double negativeRate) {
    boolean negative = random.nextDouble() < negativeRate;
    double score = negative ? -0.3 - 0.6 * random.nextDouble() : -0.1 + 1.0 * random.nextDouble();
    Timestamp at = Timestamp.from(hour.plusSeconds(random.nextInt(3600)).toInstant());
    String city = (String) province[random.nextBoolean() ? 2 : 3];
    return RowFactory.create("c" + (id % 50_000), day.toString(), at, CHANNELS[random.nextInt(CHANNELS.length)],
        "call", province[0], city, "星舰7", category[0], category[1], negative ? "neg" : score > 0.2 ? "pos" : "neu",
        score, negative && random.nextDouble() < 0.08);
  }

  private static int poisson(Random random, double mean) {
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int n = 0;
    while (product > limit) {
      product *= random.nextDouble();
      n++;
    }
    return n;
  }

  private static double[] normalized(double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double[] out = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      out[i] = weights[i] / sum;
    }
    return out;
  }
}
