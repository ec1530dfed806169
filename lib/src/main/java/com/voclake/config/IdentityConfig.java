package com.voclake.config;

import com.typesafe.config.Config;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 */
public record IdentityConfig(
    Map<String, Integer> sharedLimits,
    List<String> strongTypes,
    List<String> junkPatterns,
    int maxIterations,
    int singleTaskBudgetMb) {

  public IdentityConfig {
    sharedLimits = Map.copyOf(sharedLimits);
    strongTypes = List.copyOf(strongTypes);
    junkPatterns = List.copyOf(junkPatterns);
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
    return new IdentityConfig(
        limits,
        c.getStringList("strong-types"),
        c.getStringList("junk-patterns"),
        VoclakeConfig.positive(c, "identity", "max-iterations"),
        c.getInt("single-task-budget-mb"));
  }
}
