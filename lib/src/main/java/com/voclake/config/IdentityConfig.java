package com.voclake.config;

import com.typesafe.config.Config;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Identity-merge rules.
 *
 * @param sharedLimits per weak identifier type, the most distinct strong identifiers it may link
 *     before it is marked shared and stops linking
 * @param strongTypes identifier types that define one person on their own
 * @param junkPatterns case-insensitive patterns of placeholder values that never identify anyone
 * @param maxIterations bound on connected-components rounds
 * @param singleTaskBudgetMb memory (MiB) up to which connected components finishes the remaining
 *     graph in one task; 0 keeps every round distributed
 * @param maxComponentSize the most records one customer may have; a larger component is
 *     quarantined and split (see {@code identity.max-component-size} in the defaults)
 * @param mode {@link #INCREMENTAL} or {@link #FULL}
 * @param survivorship per profile attribute ({@link #SURVIVORSHIP_ATTRIBUTES}), its rule
 *     ({@link #SURVIVORSHIP_RULES})
 * @param sourcePriority channels, best first, for the {@code source_priority} rule
 * @param compactFiles the most data files an identity table's partition (or an unpartitioned
 *     table) may hold after a run; the run compacts the ones that hold more
 */
public record IdentityConfig(
    Map<String, Integer> sharedLimits,
    List<String> strongTypes,
    List<String> junkPatterns,
    int maxIterations,
    int singleTaskBudgetMb,
    int maxComponentSize,
    String mode,
    Map<String, String> survivorship,
    List<String> sourcePriority,
    int compactFiles) {

  public static final String INCREMENTAL = "incremental";
  public static final String FULL = "full";
  public static final String NEWEST = "newest";
  public static final String MOST_FREQUENT = "most_frequent";
  public static final String SOURCE_PRIORITY = "source_priority";
  public static final List<String> SURVIVORSHIP_RULES = List.of(NEWEST, MOST_FREQUENT, SOURCE_PRIORITY);
  public static final List<String> SURVIVORSHIP_ATTRIBUTES =
      List.of("name", "gender", "birth_year", "city", "province", "primary_car_model");

  public IdentityConfig {
    sharedLimits = Map.copyOf(sharedLimits);
    strongTypes = List.copyOf(strongTypes);
    junkPatterns = List.copyOf(junkPatterns);
    survivorship = Map.copyOf(survivorship);
    sourcePriority = List.copyOf(sourcePriority);
    for (String pattern : junkPatterns) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new ConfigException(String.format(
            "Cannot use identity.junk-patterns entry %s: %s", pattern, e.getDescription()));
      }
    }
    if (singleTaskBudgetMb < 0) {
      throw new ConfigException(String.format(
          "Cannot set identity.single-task-budget-mb to %d: the value must be 0 or more", singleTaskBudgetMb));
    }
    sharedLimits.forEach((type, limit) -> {
      if (limit <= 0) {
        throw new ConfigException(String.format(
            "Cannot set identity.shared-limits.%s to %d: the value must be positive", type, limit));
      }
    });
    if (maxComponentSize < 2) {
      throw new ConfigException(String.format(
          "Cannot set identity.max-component-size to %d: the value must be at least 2", maxComponentSize));
    }
    if (compactFiles < 2) {
      throw new ConfigException(String.format(
          "Cannot set identity.compact-files to %d: the value must be at least 2", compactFiles));
    }
    if (!mode.equals(INCREMENTAL) && !mode.equals(FULL)) {
      throw new ConfigException(String.format(
          "Cannot set identity.mode to %s: the value must be %s or %s", mode, INCREMENTAL, FULL));
    }
    for (String attribute : SURVIVORSHIP_ATTRIBUTES) {
      if (!survivorship.containsKey(attribute)) {
        throw new ConfigException(String.format(
            "identity.survivorship.%s is missing: set it to one of %s", attribute, SURVIVORSHIP_RULES));
      }
    }
    survivorship.forEach((attribute, rule) -> {
      if (!SURVIVORSHIP_ATTRIBUTES.contains(attribute)) {
        throw new ConfigException(String.format(
            "Cannot set identity.survivorship.%s: the attribute must be one of %s", attribute,
            SURVIVORSHIP_ATTRIBUTES));
      }
      if (!SURVIVORSHIP_RULES.contains(rule)) {
        throw new ConfigException(String.format(
            "Cannot set identity.survivorship.%s to %s: the value must be one of %s", attribute, rule,
            SURVIVORSHIP_RULES));
      }
    });
    Set<String> seen = new HashSet<>();
    for (String channel : sourcePriority) {
      if (channel.isBlank() || !seen.add(channel)) {
        throw new ConfigException(String.format(
            "Cannot set identity.source-priority to %s: entries must be distinct, non-blank channel names",
            sourcePriority));
      }
    }
  }

  /** The same rules without guard rails (no shared limits, no component bound): for comparisons. */
  public IdentityConfig withoutGuardRails() {
    return new IdentityConfig(Map.of(), strongTypes, junkPatterns, maxIterations, singleTaskBudgetMb,
        Integer.MAX_VALUE, mode,
        survivorship, sourcePriority, compactFiles);
  }

  /** The same rules in another mode. */
  public IdentityConfig withMode(String newMode) {
    return new IdentityConfig(sharedLimits, strongTypes, junkPatterns, maxIterations, singleTaskBudgetMb,
        maxComponentSize, newMode, survivorship, sourcePriority, compactFiles);
  }

  /** The same rules with another {@link #compactFiles()}. */
  public IdentityConfig withCompactFiles(int files) {
    return new IdentityConfig(sharedLimits, strongTypes, junkPatterns, maxIterations, singleTaskBudgetMb,
        maxComponentSize, mode, survivorship, sourcePriority, files);
  }

  /** {@link #singleTaskBudgetMb()} in bytes. */
  public long singleTaskBudgetBytes() {
    return (long) singleTaskBudgetMb << 20;
  }

  static IdentityConfig from(Config c) {
    Map<String, Integer> limits = new LinkedHashMap<>();
    Config limitsConfig = c.getConfig("shared-limits");
    for (String type : limitsConfig.root().keySet()) {
      limits.put(type, limitsConfig.getInt(type));
    }
    Map<String, String> rules = new LinkedHashMap<>();
    Config rulesConfig = c.getConfig("survivorship");
    for (String attribute : rulesConfig.root().keySet()) {
      rules.put(attribute, rulesConfig.getString(attribute));
    }
    return new IdentityConfig(
        limits,
        c.getStringList("strong-types"),
        c.getStringList("junk-patterns"),
        VoclakeConfig.positive(c, "identity", "max-iterations"),
        c.getInt("single-task-budget-mb"),
        c.getInt("max-component-size"),
        c.getString("mode"),
        rules,
        c.getStringList("source-priority"),
        c.getInt("compact-files"));
  }
}
