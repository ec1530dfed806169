package com.voclake.text;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.dictionary.CustomDictionary;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * HanLP inside one JVM (driver or executor): a lazily built segmenter, and the user dictionary
 * added at most once per JVM and dictionary version.
 *
 * <p>Why here and not on the driver: HanLP's {@code CustomDictionary} is a JVM-wide static, so
 * words added on the driver never reach executors on a real cluster (local mode only makes it
 * look as if they did). Tasks carry the dictionary lines in their closure and call
 * {@link #tokenize} here; the first task in each executor JVM adds them, later ones find the
 * fingerprint already loaded. Words are only ever added, never removed, so two dictionaries used
 * in one JVM (tests) are merged.
 *
 * <p>Thread-safety: adding words is synchronized and happens before any tokenizing with that
 * dictionary; HanLP's segmenter is stateless per call once configured.
 */
public final class HanLPRuntime {
  private static final Set<String> LOADED = ConcurrentHashMap.newKeySet();
  private static volatile Segment segment;

  private HanLPRuntime() {}

  /** A stable id of a dictionary version, computed on the driver and shipped with it. */
  public static String fingerprint(List<String> dictionary) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String line : dictionary) {
        sha.update(line.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Adds the dictionary to this JVM's HanLP unless a dictionary with this fingerprint already is. */
  public static void ensureDictionary(String fingerprint, List<String> dictionary) {
    if (LOADED.contains(fingerprint)) {
      return;
    }
    synchronized (HanLPRuntime.class) {
      if (LOADED.contains(fingerprint)) {
        return;
      }
      for (String line : dictionary) {
        int space = line.indexOf(' ');
        if (space < 0) {
          CustomDictionary.insert(line);
        } else {
          CustomDictionary.insert(line.substring(0, space), line.substring(space + 1));
        }
      }
      LOADED.add(fingerprint);
    }
  }

  /**
   * The segmenter {@link #tokenize} uses (Viterbi, custom dictionary, no recognizers), for
   * baselines that time HanLP itself; call {@link #ensureDictionary} first to match the job.
   */
  public static Segment segment() {
    Segment s = segment;
    if (s == null) {
      synchronized (HanLPRuntime.class) {
        if (segment == null) {
          // Viterbi with the custom dictionary; no name or place recognition, which turns car
          // models and colloquial words into person names more often than it finds real names.
          segment = HanLP.newSegment()
              .enableCustomDictionary(true)
              .enableNameRecognize(false)
              .enablePlaceRecognize(false)
              .enableOrganizationRecognize(false)
              .enablePartOfSpeechTagging(false);
        }
        s = segment;
      }
    }
    return s;
  }

  /**
   * Tokens of one text, traditional characters converted to simplified. Punctuation and spaces
   * are kept as tokens (clause boundaries), so concatenating the tokens gives the normalised
   * text back. PII placeholders ({@link PiiScrubber#PLACEHOLDER}) stay one token each.
   */
  public static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return tokens;
    }
    String simplified = HanLP.convertToSimplifiedChinese(text);
    if (simplified.indexOf('[') < 0) {
      segmentInto(simplified, tokens);
      return tokens;
    }
    Matcher m = PiiScrubber.PLACEHOLDER.matcher(simplified);
    int from = 0;
    while (m.find()) {
      segmentInto(simplified.substring(from, m.start()), tokens);
      tokens.add(m.group());
      from = m.end();
    }
    segmentInto(simplified.substring(from), tokens);
    return tokens;
  }

  private static void segmentInto(String text, List<String> tokens) {
    if (text.isEmpty()) {
      return;
    }
    for (Term term : segment().seg(text)) {
      tokens.add(term.word);
    }
  }
}
