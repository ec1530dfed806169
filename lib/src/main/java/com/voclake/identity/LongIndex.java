package com.voclake.identity;

import java.util.Arrays;

/**
 * Numbers distinct {@code long} ids 0, 1, 2 ... in order of first sight, on primitive arrays: an
 * open-addressing table (linear probing, load at most one half) and the ids by number. No object
 * per id, so a task can hold millions of them in tens of megabytes; callers keep their per-id
 * state in arrays indexed by the number.
 *
 * <p>Not thread-safe: one instance per task.
 */
final class LongIndex {
  /**
   * Worst case bytes per id: four table slots (8 + 4 bytes each) just after the table grew, and
   * the id array with half of it spare.
   */
  static final int BYTES_PER_ID = 4 * 12 + 12;

  private static final int EMPTY = -1;

  private long[] slotIds;
  private int[] slotNumbers;
  private int mask;
  private long[] ids;
  private int size;

  LongIndex() {
    slotIds = new long[64];
    slotNumbers = new int[64];
    Arrays.fill(slotNumbers, EMPTY);
    mask = 63;
    ids = new long[32];
  }

  /** How many distinct ids have been added. */
  int size() {
    return size;
  }

  /** The id numbered {@code number} (0 ≤ number < {@link #size()}). */
  long id(int number) {
    return ids[number];
  }

  /** The number of {@code id}, giving it the next number when it is new. */
  int add(long id) {
    int slot = slotOf(id);
    while (slotNumbers[slot] != EMPTY) {
      if (slotIds[slot] == id) {
        return slotNumbers[slot];
      }
      slot = (slot + 1) & mask;
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, ids.length + (ids.length >> 1));
    }
    int number = size++;
    ids[number] = id;
    slotIds[slot] = id;
    slotNumbers[slot] = number;
    if (size * 2L > slotIds.length) {
      rehash(slotIds.length << 1);
    }
    return number;
  }

  /** Capacity of the id array, so callers can grow their per-id arrays in step. */
  int capacity() {
    return ids.length;
  }

  private int slotOf(long id) {
    // Vertex ids are often dense (0..n-1): spread them so neighbours do not fill runs of slots.
    long h = id * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29)) & mask;
  }

  private void rehash(int capacity) {
    slotIds = new long[capacity];
    slotNumbers = new int[capacity];
    Arrays.fill(slotNumbers, EMPTY);
    mask = capacity - 1;
    for (int number = 0; number < size; number++) {
      int slot = slotOf(ids[number]);
      while (slotNumbers[slot] != EMPTY) {
        slot = (slot + 1) & mask;
      }
      slotIds[slot] = ids[number];
      slotNumbers[slot] = number;
    }
  }
}
