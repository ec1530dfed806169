package com.voclake.sample;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What to generate: how many customers, over how many landing days ending on {@code endDate}, from
 * which seed, and whether the newest day carries the head-unit incident. Immutable and
 * serializable (it travels to executors); validated on construction.
 *
 * @param customers number of synthetic customers, each generated independently from its index
 * @param days number of landing dates ({@code dt}), ending with {@code endDate}
 * @param endDate the newest landing date
 * @param seed seed of every random choice; the same options always give the same lines
 * @param incident whether {@code endDate} has the OTA incident (bricked head units in one province)
 */
public record GeneratorOptions(long customers, int days, LocalDate endDate, long seed, boolean incident)
    implements Serializable {

  /** Longest span the generator accepts: ten years of daily folders is already far beyond any benchmark. */
  public static final int MAX_DAYS = 3660;

  public GeneratorOptions {
    if (customers <= 0) {
      throw new IllegalArgumentException(String.format(
          "Cannot set customers to %d: the value must be positive", customers));
    }
    if (days <= 0 || days > MAX_DAYS) {
      throw new IllegalArgumentException(String.format(
          "Cannot set days to %d: the value must be between 1 and %d", days, MAX_DAYS));
    }
    if (endDate == null) {
      throw new IllegalArgumentException("Cannot leave endDate unset: give the newest landing date (YYYY-MM-DD)");
    }
  }

  /** Options with the incident on (the default). */
  public GeneratorOptions(long customers, int days, LocalDate endDate, long seed) {
    this(customers, days, endDate, seed, true);
  }

  /** The first landing date. */
  public LocalDate startDate() {
    return endDate.minusDays(days - 1L);
  }

  /** Every landing date, oldest first. */
  public List<LocalDate> dates() {
    List<LocalDate> dates = new ArrayList<>(days);
    for (int i = 0; i < days; i++) {
      dates.add(startDate().plusDays(i));
    }
    return dates;
  }
}
