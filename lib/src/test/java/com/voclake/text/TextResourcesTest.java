package com.voclake.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextResourcesTest {

  @Test
  void repositoryResourcesLoadWithTheTaxonomyOfTheDesign() {
    TextResources r = TextFixtures.resources();
    assertThat(r.taxonomy().categories()).extracting(Taxonomy.Category::l1).containsOnly(
        "购车咨询", "交付物流", "产品质量", "智能座舱", "智能驾驶", "补能续航", "舒适配置", "售后服务", "投诉维权", "账户会员");
    assertThat(r.taxonomy().categories()).extracting(Taxonomy.Category::l2).containsExactly(
        "价格优惠", "试驾预约", "金融贷款", "置换补贴", "配置咨询", "交付延期", "提车验车", "异响", "漏水", "故障灯",
        "漆面外观", "车机死机", "OTA升级", "语音助手", "车内K歌", "自动驾驶", "泊车辅助", "续航", "充电", "充电桩安装",
        "座椅加热", "空调", "保养预约", "维修进度", "服务态度", "配件", "退车退款", "赔偿诉求", "积分权益", "账号登录");
    assertThat(r.taxonomy().fallbackL1()).isEqualTo("其他");
    assertThat(r.features().features()).extracting(FeatureLexicon.Feature::name).contains(
        "自动驾驶", "座椅加热", "车机", "车内K歌", "续航", "充电", "空间", "动力", "油耗", "价格", "外观", "内饰", "操控",
        "舒适性", "安全性", "配置", "服务");
    assertThat(r.sentiment().degree()).containsEntry("非常", 1.8);
  }

  @Test
  void everyMultiCharacterKeywordAndTriggerStaysOneToken() {
    TextResources r = TextFixtures.resources();
    List<String> words = new ArrayList<>();
    r.taxonomy().categories().forEach(c -> words.addAll(c.keywords().keySet()));
    r.features().features().forEach(f -> words.addAll(f.triggers()));
    List<String> split = new ArrayList<>();
    for (String w : words) {
      List<String> tokens = TextFixtures.tokens(w).stream().map(LexiconFiles::normalise).toList();
      if (!tokens.equals(List.of(w))) {
        split.add(w + "=" + tokens);
      }
    }
    assertThat(split).as("keywords the tokenizer splits can never match").isEmpty();
  }

  @Test
  void duplicateSecondLevelNamesFailWithFileAndLine() {
    String taxonomy = """
        taxonomy = [
          { l1 = 售后服务, l2 = 保养预约, keywords = [保养] }
          { l1 = 售后服务, l2 = 保养预约, keywords = [首保] }
        ]
        fallback { l1 = 其他, l2 = 其他 }
        """;
    assertThatThrownBy(() -> Taxonomy.parse("conf/taxonomy.conf", taxonomy))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("conf/taxonomy.conf:3")
        .hasMessageContaining("duplicate l2 category '保养预约'");
  }

  @Test
  void emptyKeywordListsAndBadWeightsFail() {
    assertThatThrownBy(() -> Taxonomy.parse("t.conf", """
        taxonomy = [
          { l1 = 售后服务, l2 = 保养预约, keywords = [] }
        ]
        fallback { l1 = 其他, l2 = 其他 }
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("t.conf:2").hasMessageContaining("empty keyword list");
    assertThatThrownBy(() -> Taxonomy.parse("t.conf", """
        taxonomy = [
          { l1 = 售后服务, l2 = 保养预约, keywords = [保养]
            weighted { 首保 = -1 } }
        ]
        fallback { l1 = 其他, l2 = 其他 }
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("t.conf:3").hasMessageContaining("weight of '首保'");
    assertThatThrownBy(() -> Taxonomy.parse("t.conf", """
        taxonomy = [ { l1 = 售后服务, l2 = 保养预约, keywords = [保养], weighted { 首保 = lots } } ]
        fallback { l1 = 其他, l2 = 其他 }
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("must be a number");
  }

  @Test
  void badDegreeWeightsAndPolarityClashesNameTheLine() {
    List<LexiconFiles.Entry> pos = LexiconFiles.entries("positive.txt", "好\n靠谱\n");
    List<LexiconFiles.Entry> neg = LexiconFiles.entries("negative.txt", "# comment\n差\n靠谱\n");
    List<LexiconFiles.Entry> negation = LexiconFiles.entries("negation.txt", "不\n");
    List<LexiconFiles.Entry> contrast = LexiconFiles.entries("contrast.txt", "但是\n");
    assertThatThrownBy(() -> SentimentLexicon.of(pos, neg, negation,
        LexiconFiles.entries("degree.txt", "非常\t1.8\n"), contrast))
        .isInstanceOf(ConfigException.class).hasMessageContaining("negative.txt:3").hasMessageContaining("positive.txt:2");
    assertThatThrownBy(() -> SentimentLexicon.of(pos, LexiconFiles.entries("negative.txt", "差\n"), negation,
        LexiconFiles.entries("degree.txt", "非常\t1.8\n有点\t0\n"), contrast))
        .isInstanceOf(ConfigException.class).hasMessageContaining("degree.txt:2").hasMessageContaining("(0, 3]");
    assertThatThrownBy(() -> SentimentLexicon.of(pos, LexiconFiles.entries("negative.txt", "差\n"), negation,
        LexiconFiles.entries("degree.txt", "非常\n"), contrast))
        .isInstanceOf(ConfigException.class).hasMessageContaining("degree.txt:1").hasMessageContaining("word<TAB>weight");
  }

  @Test
  void featuresNeedTriggersAndOnePolarityPerContextWord() {
    assertThatThrownBy(() -> FeatureLexicon.parse("features.conf", """
        features = [
          { name = 油耗, triggers = [] }
        ]
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("features.conf:2").hasMessageContaining("no triggers");
    assertThatThrownBy(() -> FeatureLexicon.parse("features.conf", """
        features = [ { name = 油耗, triggers = [油耗], positive = [低], negative = [低] } ]
        """)).isInstanceOf(ConfigException.class).hasMessageContaining("both positive and negative");
  }
}
