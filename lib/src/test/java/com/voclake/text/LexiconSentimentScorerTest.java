package com.voclake.text;

import static com.voclake.text.TextFixtures.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LexiconSentimentScorerTest {

  @Test
  void negationFlipsAndDoubleNegationRestores() {
    assertThat(score("好").score()).as("好").isGreaterThan(0.5);
    assertThat(score("不好").score()).as("不好").isLessThan(-0.5);
    assertThat(score("服务不满意").score()).as("不满意").isLessThan(-0.5);
    assertThat(score("这个车不是不好").score()).as("不是不好").isGreaterThan(0.2);
    assertThat(score("车机还没修好").score()).as("没 + 修好").isLessThan(-0.2);
    assertThat(score("开了一年没毛病").score()).as("没毛病").isGreaterThan(0.2);
  }

  @Test
  void degreeWordsScaleAndNegatedDegreeSoftens() {
    double plain = score("好").score();
    assertThat(score("非常好").score()).as("非常好 > 好").isGreaterThan(plain);
    assertThat(score("有点慢").score()).as("有点慢 is mildly negative").isBetween(-0.6, -0.2);
    assertThat(score("不太好").score()).as("不太好 is milder than 太不好").isGreaterThan(score("太不好").score());
    assertThat(score("不太好").score()).isNegative();
  }

  @Test
  void theClauseAfterAContrastWeighsMore() {
    ScoredText mixed = score("外观漂亮，但是车机经常死机");
    assertThat(mixed.score()).as("negative overall").isLessThan(-0.2);
    assertThat(mixed.clauses()).extracting(ScoredText.Clause::text).containsExactly("外观漂亮", "但是车机经常死机");
    assertThat(mixed.clauses().get(0).score()).as("the first clause on its own").isPositive();
    assertThat(score("车机经常死机，但是外观漂亮").score()).as("reversed, it turns positive").isPositive();
    assertThat(score("外观漂亮但是车机经常死机").score()).as("a contrast word splits a clause too").isLessThan(-0.2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"车机又死机了", "导航卡顿严重", "底盘有异响", "天窗漏水", "冬天掉电快", "续航虚标太严重",
      "开了三个月就趴窝", "售后一直敷衍", "4S店和厂家互相踢皮球", "充电太慢了", "价格太贵", "客服态度很差"})
  void carOwnersComplaintsAreNegative(String text) {
    assertThat(score(text).score()).as(text).isLessThan(-0.2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"提速很给力", "车机很丝滑", "用车很省心", "底盘扎实", "这个销售很靠谱", "服务很周到",
      "续航很扎实", "空间宽敞", "座椅加热很快就热了"})
  void carOwnersPraiseIsPositive(String text) {
    assertThat(score(text).score()).as(text).isGreaterThan(0.2);
  }

  @Test
  void featureContextDecidesAmbiguousWords() {
    assertThat(score("油耗太高").score()).as("油耗 + 高").isLessThan(-0.2);
    assertThat(score("配置很高").score()).as("配置 + 高").isGreaterThan(0.2);
    assertThat(score("空间有点小").score()).as("空间 + 小").isNegative();
    assertThat(score("今天天气不错，我想问一下保养").score()).isPositive();
    assertThat(score("我想预约下周六保养").score()).as("a plain request is neutral").isCloseTo(0.0, within(1e-9));
  }

  @Test
  void conversationsGiveOneScorePerUnit() {
    ScoredText call = score("你好，我想问一下车机的事", "车机又死机了，很烦", "都第三次了，你们到底能不能解决，太失望了");
    assertThat(call.unitScores()).hasSize(3);
    assertThat(call.unitScores().get(0)).isCloseTo(0.0, within(1e-9));
    assertThat(call.unitScores().get(2)).isLessThan(call.unitScores().get(1)).isLessThan(-0.6);
    assertThat(call.clauses()).extracting(ScoredText.Clause::unit).startsWith(0, 0, 1, 1);
    assertThat(call.chars()).isEqualTo("你好，我想问一下车机的事车机又死机了，很烦都第三次了，你们到底能不能解决，太失望了".length());
  }
}
