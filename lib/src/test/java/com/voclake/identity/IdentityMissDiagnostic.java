package com.voclake.identity;

import static org.apache.spark.sql.functions.col;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.Identifiers;
import com.voclake.increment.BatchInput;
import com.voclake.increment.BatchScope;
import com.voclake.pipeline.RunContext;
import com.voclake.testing.SparkExtension;
import com.voclake.testing.TestConfigs;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why identity merge misses true pairs: runs a full identity build with guard rails on over a
 * generated set with truth, then, for every customer of the truth that the merge split, puts each
 * fragment but the largest down to one cause and charges it the pairs it misses (its size times
 * the records of the larger fragments, so the causes add up to the missed pairs exactly).
 *
 * <p>Causes, in the order they are tested:
 * <ul>
 *   <li>{@code no identifier}: no record of the fragment carries any identifier value (review
 *       sites, social media);
 *   <li>{@code only junk/invalid}: values, but none valid (placeholders, VINs that fail the check
 *       digit, malformed phones);
 *   <li>{@code blocked shared (truly shared|false block)}: it carries a valid identifier that the
 *       customer's other records carry too, but that was blocked as shared; truly shared when the
 *       truth has more than one customer on it;
 *   <li>{@code cut by max-component-size}: the same, for an identifier quarantined by that rule;
 *   <li>{@code valid, never seen elsewhere}: its valid identifiers are on no other record of the
 *       customer; by the types it carries (phone split into mobile and landline).
 * </ul>
 * Prints categories and counts only, never identifier values. Run it like
 * {@link IdentityQualityReport}: {@code -Dtest=IdentityMissDiagnostic -Dvoclake.quality.input=$PWD/sample-data}.
 */
@ExtendWith(SparkExtension.class)
@EnabledIfSystemProperty(named = "voclake.quality.input", matches = ".+")
class IdentityMissDiagnostic {
  private final SparkSession spark;

  IdentityMissDiagnostic(SparkSession spark) {
    this.spark = spark;
  }

  /** One record: its truth customer, merge customer, channel/type and its identifier occurrences. */
  private record Rec(String key, String customer, String oneId, String channel, String type,
      List<RecordIdentifiers.Occurrence> ids) {}

  @Test
  void printMissCauses(@TempDir Path tmp) {
    Path input = Path.of(System.getProperty("voclake.quality.input"));
    LocalDate date = LocalDate.parse(System.getProperty("voclake.quality.date", "2026-11-20"));
    VoclakeConfig base = TestConfigs.local(input, tmp.resolve("wh"));
    VoclakeConfig config = base.withIdentity(base.identity().withMode("full"));
    RunContext ctx = RunContext.start("identity", date, config);
    IdentityJob.run(spark, ctx);
    byte[] key = config.pii().resolveKey(System.getenv());

    Map<String, String> statusByHash = new HashMap<>();
    for (Row r : spark.read().format("delta").load(ctx.warehouse().identityLinks())
        .select(IdentityLinksSchema.ID_TYPE, IdentityLinksSchema.ID_HASH, IdentityLinksSchema.STATUS).collectAsList()) {
      statusByHash.put(r.getString(0) + ":" + r.getString(1), r.getString(2));
    }
    Map<String, String> oneIdByKey = new HashMap<>();
    for (Row r : spark.read().format("delta").load(IdentityRecordsSchema.path(ctx.warehouse()))
        .select(IdentityRecordsSchema.RECORD_KEY, IdentityRecordsSchema.ONE_ID).collectAsList()) {
      oneIdByKey.put(r.getString(0), r.getString(1));
    }
    Map<String, String> truth = new HashMap<>();
    for (Row r : spark.read().json(input.resolve("truth").toString()).select("record_id", "customer_key")
        .distinct().collectAsList()) {
      truth.put(r.getString(0), r.getString(1));
    }

    RecordIdentifiers identifiers = new RecordIdentifiers(config.identity().junkPatterns());
    Column[] columns = new Column[3 + Identifiers.ALL.size()];
    columns[0] = col(IdentityGraph.RECORD_KEY);
    columns[1] = col(IdentityGraph.CHANNEL);
    columns[2] = col(IdentityGraph.EVENT_TYPE);
    for (int i = 0; i < Identifiers.ALL.size(); i++) {
      columns[3 + i] = col(Identifiers.ALL.get(i));
    }
    List<Rec> records = new ArrayList<>();
    BatchInput landed = BatchInput.landed(spark, config, BatchScope.everything(date));
    for (Row r : IdentityGraph.records(landed.touchpoints().good(), landed.interactions().good())
        .select(columns).collectAsList()) {
      String recordKey = r.getString(0);
      String customer = truth.get(recordKey.substring(recordKey.indexOf(':') + 1));
      if (customer == null || !oneIdByKey.containsKey(recordKey)) {
        continue;
      }
      Object[] values = new Object[Identifiers.ALL.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = r.get(3 + i);
      }
      records.add(new Rec(recordKey, customer, oneIdByKey.get(recordKey), r.getString(1), r.getString(2),
          identifiers.of(org.apache.spark.sql.RowFactory.create(values))));
    }

    // Which truth customers carry each valid identifier, and its status in the merge.
    Map<String, Set<String>> customersById = new HashMap<>();
    Map<String, String> status = new HashMap<>();
    for (Rec rec : records) {
      for (RecordIdentifiers.Occurrence o : rec.ids()) {
        if (o.value() != null) {
          String id = o.type() + ":" + o.value();
          customersById.computeIfAbsent(id, k -> new HashSet<>()).add(rec.customer());
          status.computeIfAbsent(id, k -> statusByHash.getOrDefault(
              o.type() + ":" + PiiProtection.hash(key, o.type(), o.value()), "?"));
        }
      }
    }

    Map<String, List<Rec>> byCustomer = new HashMap<>();
    for (Rec rec : records) {
      byCustomer.computeIfAbsent(rec.customer(), k -> new ArrayList<>()).add(rec);
    }
    Map<String, long[]> causes = new TreeMap<>();
    Map<String, long[]> detail = new TreeMap<>();
    long actualPairs = 0;
    long missedPairs = 0;
    for (List<Rec> recs : byCustomer.values()) {
      actualPairs += (long) recs.size() * (recs.size() - 1) / 2;
      Map<String, List<Rec>> fragments = new HashMap<>();
      for (Rec rec : recs) {
        fragments.computeIfAbsent(rec.oneId(), k -> new ArrayList<>()).add(rec);
      }
      List<List<Rec>> ordered = new ArrayList<>(fragments.values());
      ordered.sort(Comparator.<List<Rec>>comparingInt(List::size).reversed());
      long larger = ordered.get(0).size();
      for (int i = 1; i < ordered.size(); i++) {
        List<Rec> fragment = ordered.get(i);
        long pairs = fragment.size() * larger;
        larger += fragment.size();
        missedPairs += pairs;
        Set<String> elsewhere = new HashSet<>();
        for (List<Rec> other : ordered) {
          if (other == fragment) {
            continue;
          }
          for (Rec rec : other) {
            for (RecordIdentifiers.Occurrence o : rec.ids()) {
              if (o.value() != null) {
                elsewhere.add(o.type() + ":" + o.value());
              }
            }
          }
        }
        String[] cause = cause(fragment, elsewhere, status, customersById);
        add(causes, cause[0], fragment.size(), pairs);
        add(detail, cause[0] + " | " + cause[1], fragment.size(), pairs);
      }
    }

    long all = actualPairs;
    StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
        "MISSED PAIRS BY CAUSE (guard rails on): records=%d actual_pairs=%d missed_pairs=%d recall=%.4f%n",
        records.size(), actualPairs, missedPairs, 1 - (double) missedPairs / actualPairs));
    out.append(String.format(Locale.ROOT, "%-60s %8s %8s %8s%n", "cause", "records", "pairs", "recall-pts"));
    causes.forEach((c, n) -> out.append(String.format(Locale.ROOT, "%-60s %8d %8d %8.4f%n", c, n[0], n[1],
        (double) n[1] / all)));
    out.append("detail (cause | channel/type of the fragment's records, identifier states or types):\n");
    detail.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
        .forEach(e -> out.append(String.format(Locale.ROOT, "  %-110s %6d %6d%n", e.getKey(), e.getValue()[0],
            e.getValue()[1])));
    out.append(sharedSummary(status, customersById));
    Dataset<Row> identityRecords = spark.read().format("delta").load(IdentityRecordsSchema.path(ctx.warehouse()));
    Dataset<Row> truthRows = spark.read().json(input.resolve("truth").toString());
    out.append("exact-match ceiling, all records:              ")
        .append(ExactMatchCeiling.compute(identityRecords, truthRows, false).summary()).append('\n')
        .append("exact-match ceiling, records with an identifier: ")
        .append(ExactMatchCeiling.compute(identityRecords, truthRows, true).summary()).append('\n');
    System.out.print(out);
  }

  private static String[] cause(List<Rec> fragment, Set<String> elsewhere, Map<String, String> status,
      Map<String, Set<String>> customersById) {
    Set<String> channels = new TreeSet<>();
    Set<String> states = new TreeSet<>();
    Set<String> validTypes = new TreeSet<>();
    String blocked = null;
    String notTheirs = null;
    for (Rec rec : fragment) {
      channels.add(rec.channel() + "/" + rec.type());
      for (RecordIdentifiers.Occurrence o : rec.ids()) {
        if (o.value() == null) {
          states.add(o.type() + " " + o.state());
          continue;
        }
        String id = o.type() + ":" + o.value();
        String s = status.get(id);
        String truly = customersById.get(id).size() > 1 ? "truly shared" : "false block";
        if (IdentityLinksSchema.ACTIVE.equals(s)) {
          validTypes.add(phoneKind(o));
        } else {
          validTypes.add(phoneKind(o) + " " + s);
        }
        if (elsewhere.contains(id)) {
          blocked = IdentityLinksSchema.QUARANTINED.equals(s) ? "cut by max-component-size"
              : IdentityLinksSchema.SHARED_BLOCKED.equals(s) ? "blocked shared " + o.type() + " (" + truly + ")"
              : "linked?? status " + s;
        } else if (!IdentityLinksSchema.ACTIVE.equals(s)) {
          notTheirs = o.type() + " " + s + " (" + truly + ")";
        }
      }
    }
    if (blocked != null) {
      return new String[] {blocked, channels + " " + validTypes};
    }
    if (validTypes.isEmpty() && states.isEmpty()) {
      return new String[] {"no identifier", channels.toString()};
    }
    if (validTypes.isEmpty()) {
      return new String[] {"only junk/invalid", channels + " " + states};
    }
    if (notTheirs != null) {
      return new String[] {"carries someone else's " + notTheirs + ", rest unseen elsewhere",
          channels + " " + validTypes};
    }
    if (!states.isEmpty()) {
      return new String[] {"its linking value was junk/invalid: " + states, channels + " " + validTypes};
    }
    return new String[] {"valid, never on the customer's other records: " + validTypes, channels.toString()};
  }

  private static String phoneKind(RecordIdentifiers.Occurrence o) {
    if (!Identifiers.PHONE.equals(o.type())) {
      return o.type();
    }
    return o.value().matches("^\\+861[3-9]\\d{9}$") ? "phone(mobile)" : "phone(landline)";
  }

  /** Blocked identifiers by type: how many, how many of them the truth really shares. */
  private static String sharedSummary(Map<String, String> status, Map<String, Set<String>> customersById) {
    Map<String, long[]> byType = new TreeMap<>();
    status.forEach((id, s) -> {
      if (!IdentityLinksSchema.ACTIVE.equals(s)) {
        String type = id.substring(0, id.indexOf(':'));
        long[] n = byType.computeIfAbsent(s + " " + type, k -> new long[2]);
        n[0]++;
        n[1] += customersById.get(id).size() > 1 ? 1 : 0;
      }
    });
    StringBuilder b = new StringBuilder("blocked identifiers (status type: count, of which shared in truth):\n");
    byType.forEach((k, n) -> b.append(String.format(Locale.ROOT, "  %-40s %6d %6d%n", k, n[0], n[1])));
    return b.toString();
  }

  private static void add(Map<String, long[]> into, String key, long records, long pairs) {
    long[] n = into.computeIfAbsent(key, k -> new long[2]);
    n[0] += records;
    n[1] += pairs;
  }
}
