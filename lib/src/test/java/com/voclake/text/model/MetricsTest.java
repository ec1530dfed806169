package com.voclake.text.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void classificationScoresByHand() {
    // gold:      a a a b b c
    // predicted: a a b b c c
    Metrics.Classification m = Metrics.classification(
        List.of("a", "a", "a", "b", "b", "c"), List.of("a", "a", "b", "b", "c", "c"));

    assertThat(m.rows()).isEqualTo(6);
    assertThat(m.accuracy()).as("4 of 6 right").isCloseTo(4 / 6.0, within(1e-9));
    // a: P 2/2, R 2/3, F1 0.8; b: P 1/2, R 1/2, F1 0.5; c: P 1/2, R 1/1, F1 2/3
    assertThat(m.classes().get("a").precision()).isEqualTo(1.0);
    assertThat(m.classes().get("a").recall()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(m.classes().get("a").f1()).isCloseTo(0.8, within(1e-9));
    assertThat(m.classes().get("b").f1()).isCloseTo(0.5, within(1e-9));
    assertThat(m.classes().get("c").f1()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(m.classes().get("c").support()).isEqualTo(1);
    assertThat(m.macroF1()).isCloseTo((0.8 + 0.5 + 2 / 3.0) / 3, within(1e-9));
    assertThat(m.toMap()).containsEntry("accuracy", 0.6667).containsKeys("macro_f1", "classes");
  }

  @Test
  void aClassOnlyPredictedCountsWithZeroF1() {
    Metrics.Classification m = Metrics.classification(List.of("a", "a"), List.of("a", "z"));
    assertThat(m.classes()).containsOnlyKeys("a", "z");
    assertThat(m.classes().get("z").f1()).isZero();
    assertThat(m.macroF1()).as("a: F1 2/3, z: 0").isCloseTo(1 / 3.0, within(1e-9));
  }

  @Test
  void aspectTripleCountsOnlyWithTheRightPolarity() {
    Map<String, Set<Metrics.Aspect>> gold = Map.of(
        "p1", Set.of(aspect("动力", 1), aspect("油耗", -1)),
        "p2", Set.of(aspect("价格", 0)),
        "p3", Set.of(aspect("空间", 1)));
    Map<String, Set<Metrics.Aspect>> predicted = Map.of(
        // 动力 right; 油耗 found with the post's polarity instead of its own
        "p1", Set.of(aspect("动力", 1), aspect("油耗", 1)),
        // right, plus an extra subject
        "p2", Set.of(aspect("价格", 0), aspect("外观", 0)),
        "ignored", Set.of(aspect("空间", 1)));
    // p3 has no prediction at all.

    Metrics.AspectScores m = Metrics.aspects(gold, predicted);

    // pairs: gold 4, predicted 4, right 3 (动力, 油耗, 价格) -> P 3/4, R 3/4
    assertThat(m.aspectMicroF1()).isCloseTo(0.75, within(1e-9));
    // triples: gold 4, predicted 4, right 2 (动力+1, 价格0) -> F1 0.5
    assertThat(m.aspectSentimentF1()).isCloseTo(0.5, within(1e-9));
    assertThat(m.polarityAccuracy()).as("2 of 3 detected pairs have the right polarity").isCloseTo(2 / 3.0,
        within(1e-9));
    assertThat(m.accuracy()).as("no post is exactly right").isZero();
    assertThat(m.subjects().get("油耗").f1()).isEqualTo(1.0);
    assertThat(m.subjects().get("外观").precision()).isZero();
    assertThat(m.subjects().get("空间").recall()).isZero();
    assertThat(m.posts()).isEqualTo(3);
    assertThat(m.toMap()).containsEntry("aspect_micro_f1", 0.75).containsEntry("aspect_sentiment_f1", 0.5);
    // Of the three detected pairs: 动力 +1 -> +1, 油耗 -1 -> +1, 价格 0 -> 0.
    assertThat(m.confusion()).isDeepEqualTo(new long[][] {{0, 0, 1}, {0, 1, 0}, {0, 0, 1}});
    assertThat(m.subjectSentiment().get("油耗").f1()).isZero();
    assertThat(m.subjectSentiment().get("动力").f1()).isEqualTo(1.0);
    assertThat(m.toMap()).extractingByKey("polarity_confusion").asString().contains("negative={negative=0, neutral=0,"
        + " positive=1}");
  }

  private static Metrics.Aspect aspect(String subject, int polarity) {
    return new Metrics.Aspect(subject, polarity);
  }
}
