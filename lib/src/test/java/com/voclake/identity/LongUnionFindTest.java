package com.voclake.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class LongUnionFindTest {
  @Test
  void rootsAreTheSmallestIdOfEachSetAcrossGrowthAndSparseIds() {
    Random random = new Random(3);
    LongUnionFind sets = new LongUnionFind(32); // grows from 32 to tens of thousands
    Map<Long, Long> naive = new HashMap<>();
    long[] ids = new long[50_000];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = random.nextBoolean() ? random.nextLong() : i;   // sparse, negative and dense ids
    }
    for (int e = 0; e < 30_000; e++) {
      long a = ids[random.nextInt(ids.length)];
      long b = ids[random.nextInt(ids.length)];
      sets.union(a, b);
      naive.putIfAbsent(a, a);
      naive.putIfAbsent(b, b);
      long ra = find(naive, a);
      long rb = find(naive, b);
      naive.put(Math.max(ra, rb), Math.min(ra, rb));
    }
    assertThat(sets.size()).isEqualTo(naive.size());
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < sets.size(); i++) {
      long vertex = sets.vertex(i);
      assertThat(seen.add(vertex)).as("vertex %d numbered once", vertex).isTrue();
      assertThat(sets.root(i)).as("root of %d", vertex).isEqualTo(find(naive, vertex));
    }
  }

  @Test
  void addNumbersIdsInOrderOfFirstSight() {
    LongIndex index = new LongIndex(32);
    assertThat(index.add(42)).isZero();
    assertThat(index.add(-7)).isEqualTo(1);
    assertThat(index.add(42)).isZero();
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.id(1)).isEqualTo(-7);
    assertThat(index.find(-7)).isEqualTo(1);
    assertThat(index.find(5)).as("never added").isEqualTo(-1);
  }

  @Test
  void aPresizedIndexHoldsMoreIdsThanExpectedToo() {
    LongIndex index = new LongIndex(1_000);
    for (long id = 0; id < 5_000; id++) {
      assertThat(index.add(id * 31)).isEqualTo((int) id);
    }
    for (long id = 0; id < 5_000; id++) {
      assertThat(index.find(id * 31)).isEqualTo((int) id);
    }
    assertThat(index.size()).isEqualTo(5_000);
  }

  @Test
  void blocksKeepEveryPairWithItsTaskInWholePairsAndSplitAtTheLimit() {
    LocalUnionFind.Blocks blocks = new LocalUnionFind.Blocks(3, 4_000);
    for (long i = 0; i < 20_000; i++) {
      blocks.add((int) (i % 3), i, -i);
    }
    Map<Integer, Integer> blocksPerTask = new HashMap<>();
    Set<Long> seen = new HashSet<>();
    for (Iterator<Tuple2<Integer, long[]>> it = blocks.finish(); it.hasNext(); ) {
      Tuple2<Integer, long[]> block = it.next();
      long[] pairs = block._2();
      assertThat(pairs.length % 2).as("whole pairs").isZero();
      assertThat(pairs.length).as("at most 4,000 pairs").isLessThanOrEqualTo(8_000);
      blocksPerTask.merge(block._1(), 1, Integer::sum);
      for (int p = 0; p < pairs.length; p += 2) {
        assertThat(pairs[p] % 3).as("pair %d kept with its task", pairs[p]).isEqualTo((long) block._1());
        assertThat(pairs[p + 1]).isEqualTo(-pairs[p]);
        assertThat(seen.add(pairs[p])).as("pair %d once", pairs[p]).isTrue();
      }
    }
    assertThat(seen).hasSize(20_000);
    assertThat(blocksPerTask).as("6,667 pairs of task 0 make two blocks").containsEntry(0, 2).containsEntry(2, 2);
  }

  private static long find(Map<Long, Long> parent, long v) {
    long x = v;
    while (parent.get(x) != x) {
      x = parent.get(x);
    }
    return x;
  }
}
