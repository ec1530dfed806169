package com.voclake.text;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Product features and the tokens that mention them, from {@code conf/lexicons/features.conf},
 * plus each feature's context words: 高 is negative next to 油耗 and positive next to 配置.
 * Immutable.
 *
 * @param features in file order
 */
public record FeatureLexicon(List<Feature> features) implements Serializable {

  /**
   * One feature.
   *
   * @param rank position in the file, from 0 (orders a text's aspects)
   * @param triggers lower-cased tokens that mention the feature
   * @param contextPolarity lower-cased word to +1 or -1 in a clause that mentions the feature
   */
  public record Feature(int rank, String name, Set<String> triggers, Map<String, Double> contextPolarity)
      implements Serializable {}

  public FeatureLexicon {
    features = List.copyOf(features);
  }

  /** Trigger token to the features it mentions (a token may mention two, e.g. 座椅 and 内饰). */
  public Map<String, List<Feature>> byTrigger() {
    Map<String, List<Feature>> out = new HashMap<>();
    for (Feature f : features) {
      for (String t : f.triggers()) {
        out.computeIfAbsent(t, k -> new ArrayList<>()).add(f);
      }
    }
    return out;
  }

  /** Parses and validates the HOCON text of {@code file}. */
  public static FeatureLexicon parse(String file, String content) {
    Config root = LexiconFiles.hocon(file, content);
    if (!root.hasPath("features") || root.getValue("features").valueType() != ConfigValueType.LIST) {
      throw LexiconFiles.error(root.origin(), file, "expected a list 'features = [ { name, triggers } ]'");
    }
    List<Feature> features = new ArrayList<>();
    Map<String, Integer> lineOfName = new HashMap<>();
    for (ConfigValue value : root.getList("features")) {
      if (value.valueType() != ConfigValueType.OBJECT) {
        throw LexiconFiles.error(value.origin(), file, "each feature must be an object { name, triggers }");
      }
      Config c = ((ConfigObject) value).toConfig();
      if (!c.hasPath("name") || c.getString("name").isBlank()) {
        throw LexiconFiles.error(value.origin(), file, "a feature is missing its 'name'");
      }
      String name = c.getString("name").strip();
      Integer earlier = lineOfName.putIfAbsent(name, value.origin().lineNumber());
      if (earlier != null) {
        throw LexiconFiles.error(value.origin(), file, "duplicate feature '%s' (first defined on line %d)", name, earlier);
      }
      Set<String> triggers = words(c, "triggers", name, file);
      if (triggers.isEmpty()) {
        throw LexiconFiles.error(value.origin(), file, "feature '%s' has no triggers", name);
      }
      Map<String, Double> context = new LinkedHashMap<>();
      for (String w : words(c, "positive", name, file)) {
        context.put(w, 1.0);
      }
      for (String w : words(c, "negative", name, file)) {
        if (context.put(w, -1.0) != null) {
          throw LexiconFiles.error(c.getValue("negative").origin(), file,
              "feature '%s' lists '%s' as both positive and negative", name, w);
        }
      }
      features.add(new Feature(features.size(), name, Set.copyOf(triggers), Map.copyOf(context)));
    }
    if (features.isEmpty()) {
      throw LexiconFiles.error(root.origin(), file, "no features defined");
    }
    return new FeatureLexicon(features);
  }

  private static Set<String> words(Config c, String key, String feature, String file) {
    Set<String> out = new LinkedHashSet<>();
    if (!c.hasPath(key)) {
      return out;
    }
    if (c.getValue(key).valueType() != ConfigValueType.LIST) {
      throw LexiconFiles.error(c.getValue(key).origin(), file, "feature '%s': '%s' must be a list", feature, key);
    }
    for (ConfigValue v : c.getList(key)) {
      String word = v.unwrapped() == null ? "" : v.unwrapped().toString().strip();
      if (word.isEmpty() || v.valueType() == ConfigValueType.LIST || v.valueType() == ConfigValueType.OBJECT) {
        throw LexiconFiles.error(v.origin(), file, "feature '%s': blank or non-text entry in '%s'", feature, key);
      }
      out.add(LexiconFiles.normalise(word));
    }
    return out;
  }
}
