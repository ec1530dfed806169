package com.voclake.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

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

  @Test
  void rulesPutRepresentativeRequestsInTheirCategory() {
    TextAnalysis analysis = TextFixtures.analysis();
    for (String[] c : CASES) {
      Categorizer.Category category = analysis.analyse(List.of(c[1]), false).category();
      assertThat(List.of(category.l1(), category.l2())).as("category of %s: %s", c[0], c[1])
          .containsExactly(c[2], c[3]);
      if (c[2].equals("其他")) {
        assertThat(category.confidence()).as("no hit, no confidence").isZero();
      } else {
        assertThat(category.confidence()).as("a hit gives a confidence in (0.3, 1]").isGreaterThan(0.3)
            .isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void tiesGoToTheCategoryListedFirstAndConfidenceReflectsTheMargin() {
    KeywordRuleCategorizer rules = new KeywordRuleCategorizer(TextFixtures.resources().taxonomy());
    // 升级: OTA升级 only, weight 1.5. 保养 and 维修: 保养预约 2 vs 维修进度 2, and 保养预约 is listed first.
    assertCategory(rules.categorize(List.of("升级")), "OTA升级", 0.7769);
    assertCategory(rules.categorize(List.of("保养", "维修")), "保养预约", 0.4323);
    assertCategory(rules.categorize(List.of("维修", "保养")), "保养预约", 0.4323);
    assertCategory(rules.categorize(List.of("今天", "天气")), "其他", 0.0);
  }

  @Test
  void theFullPathTokenizesBeforeItCategorizes() {
    TextAnalysis analysis = TextFixtures.analysis();
    assertCategory(analysis.analyse(List.of("升级"), false).category(), "OTA升级", 0.7769);
    assertCategory(analysis.analyse(List.of("保养 维修"), false).category(), "保养预约", 0.4323);
  }

  private static void assertCategory(Categorizer.Category category, String l2, double roundedConfidence) {
    assertThat(category.l2()).isEqualTo(l2);
    assertThat(category.confidence()).as("confidence of %s, rounded to 4 places as in the table", l2)
        .isCloseTo(roundedConfidence, within(0.00005));
  }
}
