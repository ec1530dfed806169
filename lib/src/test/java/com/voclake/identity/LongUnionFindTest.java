package com.voclake.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LongUnionFindTest {
  @Test
  void rootsAreTheSmallestIdOfEachSetAcrossGrowthAndSparseIds() {
    Random random = new Random(3);
    LongUnionFind sets = new LongUnionFind();
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
    LongIndex index = new LongIndex();
    assertThat(index.add(42)).isZero();
    assertThat(index.add(-7)).isEqualTo(1);
    assertThat(index.add(42)).isZero();
    assertThat(index.size()).isEqualTo(2);
    assertThat(index.id(1)).isEqualTo(-7);
  }

  private static long find(Map<Long, Long> parent, long v) {
    long x = v;
    while (parent.get(x) != x) {
      x = parent.get(x);
    }
    return x;
  }
}
