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
   * Worst case bytes per id: four table slots (8 + 8 bytes each) just after the table grew, and
   * the id array with half of it spare.
   */
  static final int BYTES_PER_ID = 4 * 16 + 12;

  private static final long EMPTY = -1;

  /**
   * Slot s is {@code table[2s]} (the id) and {@code table[2s + 1]} (its number, or EMPTY): id and
   * number share a cache line, so a lookup in a table far larger than the cache costs one miss,
   * not two (the lookup is most of a union-find task's time).
   */
  private long[] table;
  private int mask;
  private long[] ids;
  private int size;

  /**
   * An index with room for {@code expected} ids before it first grows: a task that knows its
   * input's size skips the rehashes of growing from empty, each a pass over a table far larger
   * than the cache.
   */
  LongIndex(int expected) {
    int slots = Integer.highestOneBit(Math.max(32, expected) - 1) << 2;
    table = emptyTable(slots);
    mask = slots - 1;
    ids = new long[Math.max(32, expected)];
  }

  /** How many distinct ids have been added. */
  int size() {
    return size;
  }

  /** The id numbered {@code number} (0 ≤ number < {@link #size()}). */
  long id(int number) {
    return ids[number];
  }

  /** The number of {@code id}, or -1 when it was never added. */
  int find(long id) {
    return (int) table[2 * slot(id) + 1]; // an empty slot holds EMPTY, -1
  }

  /** The number of {@code id}, giving it the next number when it is new. */
  int add(long id) {
    int slot = slot(id);
    long known = table[2 * slot + 1];
    if (known != EMPTY) {
      return (int) known;
    }
    if (size == ids.length) {
      ids = Arrays.copyOf(ids, ids.length + (ids.length >> 1));
    }
    int added = size++;
    ids[added] = id;
    table[2 * slot] = id;
    table[2 * slot + 1] = added;
    if (size * 2L > mask + 1L) {
      rehash((mask + 1) << 1);
    }
    return added;
  }

  /** Capacity of the id array, so callers can grow their per-id arrays in step. */
  int capacity() {
    return ids.length;
  }

  /** The slot that holds {@code id}, or the empty slot where it would go. */
  private int slot(long id) {
    int slot = slotOf(id);
    while (table[2 * slot + 1] != EMPTY && table[2 * slot] != id) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private int slotOf(long id) {
    // Vertex ids are often dense (0..n-1): spread them so neighbours do not fill runs of slots.
    long h = id * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 29)) & mask;
  }

  private void rehash(int slots) {
    table = emptyTable(slots);
    mask = slots - 1;
    for (int number = 0; number < size; number++) {
      int slot = slotOf(ids[number]);
      while (table[2 * slot + 1] != EMPTY) {
        slot = (slot + 1) & mask;
      }
      table[2 * slot] = ids[number];
      table[2 * slot + 1] = number;
    }
  }

  private static long[] emptyTable(int slots) {
    long[] empty = new long[2 * slots];
    for (int slot = 0; slot < slots; slot++) {
      empty[2 * slot + 1] = EMPTY;
    }
    return empty;
  }
}
