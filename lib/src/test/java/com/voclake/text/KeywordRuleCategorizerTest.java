package com.voclake.text;

import static com.voclake.testing.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkExtension.class)
class KeywordRuleCategorizerTest {
  /** id, text, expected l1, expected l2. */
  private static final String[][] CASES = {
      {"c01", "这款车落地价多少钱？最近有什么优惠吗", "购车咨询", "价格优惠"},
      {"c02", "我想预约这周六到店试驾", "购车咨询", "试驾预约"},
      {"c03", "首付要多少，分期三年月供大概多少", "购车咨询", "金融贷款"},
      {"c04", "我的旧车能参加以旧换新吗，置换补贴有多少", "购车咨询", "置换补贴"},
      {"c05", "长续航版和性能版配置有什么区别", "购车咨询", "配置咨询"},
      {"c06", "订车两个月了交付时间一拖再拖，到底什么时候能交车", "交付物流", "交付延期"},
      {"c07", "明天去交付中心提车，验车要注意什么", "交付物流", "提车验车"},
      {"c08", "过减速带的时候底盘有咯吱咯吱的异响", "产品质量", "异响"},
      {"c09", "下雨后天窗漏水，脚垫都湿了", "产品质量", "漏水"},
      {"c10", "仪表上发动机故障灯一直亮着", "产品质量", "故障灯"},
      {"c11", "车机又死机了，导航黑屏，只能重启", "智能座舱", "车机死机"},
      {"c12", "OTA升级失败了，现在版本号还是旧的", "智能座舱", "OTA升级"},
      {"c13", "语音助手经常听不懂我说话，唤醒也不灵", "智能座舱", "语音助手"},
      {"c14", "车内K歌的麦克风没声音", "智能座舱", "车内K歌"},
      {"c15", "高速上辅助驾驶老是幽灵刹车，吓死了", "智能驾驶", "自动驾驶"},
      {"c16", "自动泊车识别不了车位", "智能驾驶", "泊车辅助"},
      {"c17", "冬天续航虚标太严重，掉电快", "补能续航", "续航"},
      {"c18", "超充站充电特别慢，功率上不去", "补能续航", "充电"},
      {"c19", "家充桩什么时候来安装？物业那边已经同意了", "补能续航", "充电桩安装"},
      {"c20", "座椅加热开了半天也不热", "舒适配置", "座椅加热"},
      {"c21", "空调不制冷，出风口都是热风", "舒适配置", "空调"},
      {"c22", "我想预约首保，周末可以吗", "售后服务", "保养预约"},
      {"c23", "车送修一周了，维修进度能查一下吗", "售后服务", "维修进度"},
      {"c24", "客服态度太差，一直踢皮球", "售后服务", "服务态度"},
      {"c25", "等配件等了一个月还缺件", "售后服务", "配件"},
      {"c26", "这车问题太多我要退车，把定金退款给我", "投诉维权", "退车退款"},
      {"c27", "耽误我三天上班，必须赔偿误工费", "投诉维权", "赔偿诉求"},
      {"c28", "积分怎么兑换车主权益", "账户会员", "积分权益"},
      {"c29", "APP登录一直提示验证码错误", "账户会员", "账号登录"},
      {"c30", "今天天气真好", "其他", "其他"},
  };

  private final SparkSession spark;

  KeywordRuleCategorizerTest(SparkSession spark) {
    this.spark = spark;
  }

  @Test
  void rulesPutRepresentativeRequestsInTheirCategory() {
    List<String> idAndText = new ArrayList<>();
    List<List<Object>> expected = new ArrayList<>();
    for (String[] c : CASES) {
      idAndText.add(c[0]);
      idAndText.add(c[1]);
      expected.add(row(c[0], c[2], c[3]));
    }
    Dataset<Row> result = categorize(idAndText.toArray(new String[0]));

    assertThat(Rows.of(result, "interaction_id", "category_l1", "category_l2"))
        .as("category of each sentence").containsExactlyInAnyOrderElementsOf(expected);
    assertThat(Rows.of(result.where("category_l1 <> '其他'"), "category_confidence between 0.3 and 1"))
        .as("a hit gives a confidence in (0.3, 1]").allMatch(r -> r.get(0).equals(true));
    assertThat(Rows.of(result.where("interaction_id = 'c30'"), "category_confidence")).containsExactly(row(0.0));
  }

  @Test
  void tiesGoToTheCategoryListedFirstAndConfidenceReflectsTheMargin() {
    Dataset<Row> result = categorize(
        "t1", "升级",          // OTA升级 only, weight 1.5
        "t2", "保养 维修",      // 保养预约 2 vs 维修进度 2: 保养预约 is listed first
        "t3", "维修 保养");
    assertThat(Rows.of(result, "interaction_id", "category_l2", "category_confidence"))
        .containsExactlyInAnyOrder(
            row("t1", "OTA升级", 0.7769),
            row("t2", "保养预约", 0.4323),
            row("t3", "保养预约", 0.4323));
  }

  private Dataset<Row> categorize(String... idAndText) {
    TextResources r = TextFixtures.resources();
    Dataset<Row> analysed = TextAnalysis.analyse(TextFixtures.texts(spark, idAndText), r, LexiconSentimentScorer.of(r));
    return new KeywordRuleCategorizer(r.taxonomy())
        .categorize(analysed.select(analysed.col("interaction_id"), TextAnalysis.tokens().as("tokens")));
  }
}
