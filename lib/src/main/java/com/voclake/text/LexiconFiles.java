package com.voclake.text;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.voclake.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parsing helpers for the text lexicons: entries keep their line so that errors can name it. */
final class LexiconFiles {
  /** One non-blank, non-comment line of a word list. */
  record Entry(String file, int line, String text) {
    ConfigException error(String format, Object... args) {
      return new ConfigException(String.format("%s:%d: %s", file, line, String.format(format, args)));
    }
  }

  private LexiconFiles() {}

  /** Lines of {@code content}, stripped, without blanks and {@code #} comments. */
  static List<Entry> entries(String file, String content) {
    List<Entry> out = new ArrayList<>();
    String[] lines = content.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String text = lines[i].strip();
      if (!text.isEmpty() && !text.startsWith("#")) {
        out.add(new Entry(file, i + 1, text));
      }
    }
    if (out.isEmpty()) {
      throw new ConfigException(file + " has no entries: a lexicon must list at least one word");
    }
    return out;
  }

  private static final java.util.regex.Pattern HEADER = java.util.regex.Pattern.compile("\\S+\\t+\\d+");

  /**
   * Words of a third-party word list: a UTF-8 BOM and CRLF line ends are tolerated, a first line
   * {@code name<TAB>count} (HowNet's header) is skipped, and so are blank lines and entries with
   * spaces inside (HowNet's discontinuous phrases such as {@code 给 ... 留面子}, which can never be
   * one token). Words are normalised like the project's own; order kept, duplicates removed.
   */
  static List<String> externalWords(String content) {
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    boolean first = true;
    for (String line : text.split("\\R")) {
      String word = line.strip();
      if (word.isEmpty()) {
        continue;
      }
      boolean header = first && HEADER.matcher(word).matches();
      first = false;
      if (!header && word.chars().noneMatch(Character::isWhitespace)) {
        out.add(normalise(word));
      }
    }
    return List.copyOf(out);
  }

  /** A single-word entry; words are matched lower-cased, so they are stored that way. */
  static String word(Entry entry) {
    if (entry.text().chars().anyMatch(Character::isWhitespace)) {
      throw entry.error("expected one word per line, found '%s'", entry.text());
    }
    return normalise(entry.text());
  }

  /** How a lexicon word and a token are compared. */
  static String normalise(String word) {
    return word.toLowerCase(Locale.ROOT);
  }

  /** Parses a HOCON file; syntax errors name the file and line. */
  static Config hocon(String file, String content) {
    try {
      return ConfigFactory.parseString(content,
          ConfigParseOptions.defaults().setOriginDescription(file)).resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("Cannot parse " + file + ": " + e.getMessage(), e);
    }
  }

  static ConfigException error(ConfigOrigin origin, String file, String format, Object... args) {
    String where = origin != null && origin.lineNumber() > 0 ? file + ":" + origin.lineNumber() : file;
    return new ConfigException(where + ": " + String.format(format, args));
  }
}
