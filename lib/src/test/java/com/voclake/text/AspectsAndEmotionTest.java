package com.voclake.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AspectsAndEmotionTest {

  @Test
  void oneTextCanPraiseOneFeatureAndBlameAnother() {
    assertThat(TextFixtures.analyse("动力很足，但是油耗太高").aspects())
        .as("one aspect per feature, ordered as the feature lexicon lists them")
        .containsExactly(new AspectExtractor.Aspect("动力", "pos", "动力很足"),
            new AspectExtractor.Aspect("油耗", "neg", "但是油耗太高"));
    assertThat(TextFixtures.analyse("续航很扎实，充电也方便。续航比宣传的还长！").aspects())
        .as("续航 twice is one aspect: polarity of its clauses, the strongest clause as snippet")
        .containsExactly(new AspectExtractor.Aspect("续航", "pos", "续航很扎实"),
            new AspectExtractor.Aspect("充电", "pos", "充电也方便"));
    assertThat(TextFixtures.analyse("我想问下保养的事").aspects()).as("no feature mentioned").isEmpty();
  }

  @Test
  void aspectsAreDeDuplicatedPerFeatureAndKeepTheEarliestOfEquallyStrongClauses() {
    FeatureLexicon lexicon = new FeatureLexicon(List.of(
        new FeatureLexicon.Feature(0, "座椅", java.util.Set.of("座椅", "座位"), java.util.Map.of()),
        new FeatureLexicon.Feature(1, "内饰", java.util.Set.of("座椅", "内饰"), java.util.Map.of())));
    AspectExtractor extractor = new AspectExtractor(lexicon, 0.2);
    List<ScoredText.Clause> clauses = List.of(
        new ScoredText.Clause(0, 0, "内饰一般", List.of("内饰", "一般"), 0.1),
        new ScoredText.Clause(0, 1, "座椅座位都硬", List.of("座椅", "座位", "都", "硬"), -0.7),
        new ScoredText.Clause(0, 2, "座椅很软", List.of("座椅", "很", "软"), 0.7));
    // 座椅: clauses 1 and 2 (clause 1 once, though two of its triggers match): mean 0, snippet the
    // earlier of the two equally strong ones. 内饰: clauses 0, 1 and 2: mean 0.033.
    assertThat(extractor.extract(clauses)).containsExactly(
        new AspectExtractor.Aspect("座椅", "neu", "座椅座位都硬"),
        new AspectExtractor.Aspect("内饰", "neu", "座椅座位都硬"));
    assertThat(new AspectExtractor(lexicon, 0.0).extract(clauses)).extracting(AspectExtractor.Aspect::polarity)
        .as("mean of the clauses, not of their tokens: 座椅 0.0, 内饰 0.033").containsExactly("neu", "pos");
  }

  @Test
  void aWorseningCallEscalatesAndACalmOneDoesNot() {
    TextAnalysis analysis = TextFixtures.analysis();
    TextAnalysis.Result worse = analysis.analyse(List.of(
        "你好，车机用着挺流畅的，就是想问下导航怎么设置",
        "设置了没反应，车机又死机了",
        "你们这个车机太垃圾了，一直死机，售后还踢皮球，我要投诉"), true);
    EmotionTrajectory w = worse.emotion();
    assertThat(worse.scored().unitScores()).as("one score per customer turn").hasSize(3);
    assertThat(w.start()).as("starts positive").isGreaterThan(0.2);
    assertThat(w.min()).as("ends at its lowest, below -0.6").isLessThan(-0.6).isEqualTo(w.end());
    assertThat(worse.escalate()).as("a conversation that sinks below text.escalate-below").isTrue();
    assertThat(analysis.analyse(List.of(worse.units().get(2)), false).escalate())
        .as("the same words as a single text: no conversation to step into").isFalse();

    TextAnalysis.Result calm = analysis.analyse(List.of("你好，我想预约一下首保", "可以，谢谢，服务很周到"), true);
    assertThat(calm.escalate()).as("a calm call").isFalse();
    assertThat(calm.emotion().start()).isEqualTo(calm.scored().unitScores().get(0));

    EmotionTrajectory none = analysis.analyse(List.of(), true).emotion();
    assertThat(none).as("a call with only agent turns has nothing to score")
        .isEqualTo(new EmotionTrajectory(null, null, null, false));

    // A fall from a high to a merely negative point escalates on the drop rule alone.
    List<Double> drop = List.of(0.8, -0.3, -0.5, 0.1);
    assertThat(EmotionTrajectory.of(drop, -0.6, 1.0)).isEqualTo(new EmotionTrajectory(0.8, -0.5, 0.1, true));
    assertThat(EmotionTrajectory.of(drop, -0.6, 1.5).escalate()).as("a drop of 1.3 is within 1.5").isFalse();
    assertThat(EmotionTrajectory.of(List.of(-0.5, 0.9, -0.2), -0.6, 1.0).escalate())
        .as("only the peak before the lowest point counts").isFalse();
  }
}
