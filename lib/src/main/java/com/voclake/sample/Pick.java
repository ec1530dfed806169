package com.voclake.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random choices over phrase pools. Every choice goes through the caller's generator, so output stays reproducible. */
final class Pick {
  private Pick() {}

  static <T> T one(SplittableRandom r, List<T> items) {
    return items.get(r.nextInt(items.size()));
  }

  static String one(SplittableRandom r, String... items) {
    return items[r.nextInt(items.length)];
  }

  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }

  /** Index drawn with the given (not necessarily normalised) weights. */
  static int weighted(SplittableRandom r, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Up to {@code n} distinct items in random order. */
  static <T> List<T> distinct(SplittableRandom r, List<T> items, int n) {
    List<T> copy = new ArrayList<>(items);
    List<T> out = new ArrayList<>();
    while (out.size() < n && !copy.isEmpty()) {
      out.add(copy.remove(r.nextInt(copy.size())));
    }
    return out;
  }

  /** Non-blank, trimmed lines of a text block: the phrase pools are written one phrase a line. */
  static List<String> lines(String block) {
    List<String> out = new ArrayList<>();
    for (String line : block.split("\n")) {
      String t = line.strip();
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /** A 64-bit mix (SplitMix64's finaliser) to derive independent seeds from structured keys. */
  static long mix(long... parts) {
    long h = 0x6A09E667F3BCC909L;
    for (long p : parts) {
      h ^= p;
      h *= 0x9E3779B97F4A7C15L;
      h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
      h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
      h ^= h >>> 31;
    }
    return h;
  }
}
