package com.voclake.text;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two-level request taxonomy with its keyword rules, from {@code conf/taxonomy.conf}.
 * Categories keep the file's order, which breaks score ties. Immutable.
 *
 * @param categories in file order
 * @param fallbackL1 category of text without any keyword hit
 * @param fallbackL2 its second level
 */
public record Taxonomy(List<Category> categories, String fallbackL1, String fallbackL2)
    implements Serializable {
  static final double MAX_WEIGHT = 10;

  /**
   * One second-level category.
   *
   * @param rank position in the file, from 0; lower wins a tie
   * @param keywords lower-cased keyword to weight
   */
  public record Category(int rank, String l1, String l2, Map<String, Double> keywords) implements Serializable {}

  public Taxonomy {
    categories = List.copyOf(categories);
  }

  /** Parses and validates the HOCON text of {@code file}. */
  public static Taxonomy parse(String file, String content) {
    Config root = LexiconFiles.hocon(file, content);
    if (!root.hasPath("taxonomy") || root.getValue("taxonomy").valueType() != ConfigValueType.LIST) {
      throw LexiconFiles.error(root.origin(), file, "expected a list 'taxonomy = [ { l1, l2, keywords } ]'");
    }
    ConfigList list = root.getList("taxonomy");
    List<Category> categories = new ArrayList<>();
    Map<String, Integer> lineOfL2 = new HashMap<>();
    for (ConfigValue value : list) {
      if (value.valueType() != ConfigValueType.OBJECT) {
        throw LexiconFiles.error(value.origin(), file, "each taxonomy entry must be an object { l1, l2, keywords }");
      }
      Config c = ((ConfigObject) value).toConfig();
      String l1 = text(c, "l1", file);
      String l2 = text(c, "l2", file);
      Integer earlier = lineOfL2.putIfAbsent(l2, value.origin().lineNumber());
      if (earlier != null) {
        throw LexiconFiles.error(value.origin(), file, "duplicate l2 category '%s' (first defined on line %d);"
            + " second-level names must be unique", l2, earlier);
      }
      categories.add(new Category(categories.size(), l1, l2, keywords(c, l2, file)));
    }
    if (categories.isEmpty()) {
      throw LexiconFiles.error(list.origin(), file, "the taxonomy has no categories");
    }
    if (!root.hasPath("fallback")) {
      throw LexiconFiles.error(root.origin(), file, "missing 'fallback { l1, l2 }' for text without keyword hits");
    }
    Config fallback = root.getConfig("fallback");
    return new Taxonomy(categories, text(fallback, "l1", file), text(fallback, "l2", file));
  }

  private static Map<String, Double> keywords(Config c, String l2, String file) {
    if (!c.hasPath("keywords") || c.getValue("keywords").valueType() != ConfigValueType.LIST) {
      throw LexiconFiles.error(c.origin(), file, "category '%s' needs a list 'keywords'", l2);
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (ConfigValue v : c.getList("keywords")) {
      String word = v.unwrapped() == null ? "" : v.unwrapped().toString().strip();
      if (v.valueType() != ConfigValueType.STRING && v.valueType() != ConfigValueType.NUMBER || word.isEmpty()) {
        throw LexiconFiles.error(v.origin(), file, "category '%s' has a blank or non-text keyword", l2);
      }
      out.put(LexiconFiles.normalise(word), 1.0);
    }
    if (out.isEmpty()) {
      throw LexiconFiles.error(c.getValue("keywords").origin(), file, "category '%s' has an empty keyword list", l2);
    }
    if (c.hasPath("weighted")) {
      for (Map.Entry<String, ConfigValue> e : c.getObject("weighted").entrySet()) {
        ConfigValue v = e.getValue();
        double weight = v.valueType() == ConfigValueType.NUMBER ? ((Number) v.unwrapped()).doubleValue() : Double.NaN;
        if (!(weight > 0 && weight <= MAX_WEIGHT)) {
          throw LexiconFiles.error(v.origin(), file, "category '%s': weight of '%s' is %s; it must be a number"
              + " in (0, %d]", l2, e.getKey(), v.unwrapped(), (int) MAX_WEIGHT);
        }
        out.put(LexiconFiles.normalise(e.getKey()), weight);
      }
    }
    return Map.copyOf(out);
  }

  private static String text(Config c, String key, String file) {
    if (!c.hasPath(key) || c.getValue(key).valueType() != ConfigValueType.STRING
        || c.getString(key).isBlank()) {
      throw LexiconFiles.error(c.origin(), file, "missing or blank '%s'", key);
    }
    return c.getString(key).strip();
  }
}
