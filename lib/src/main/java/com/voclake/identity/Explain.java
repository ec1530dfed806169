package com.voclake.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.HadoopFiles;
import com.voclake.io.Identifiers;
import com.voclake.io.LandingReader;
import com.voclake.io.Source;
import com.voclake.io.InputValidation;
import com.voclake.io.InteractionSchema;
import com.voclake.io.TouchpointSchema;
import com.voclake.io.Warehouse;
import java.sql.Timestamp;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code identity explain}: why identity merge put a customer's records together, read-only.
 *
 * <p>The customer's records come from {@code cdp/customer_journey}. The identifiers of each record
 * are not stored in the CDP (only their hashes, per identifier), so they are read again from the
 * record's line in the landing zone ({@code paths.input}, only the landing dates of the customer's
 * records), validated and normalized with the same code as identity merge ({@link InputValidation},
 * {@link IdentityGraph#identifierOccurrences}), hashed, and looked up in {@code cdp/identity_links}
 * for their status. Nothing is written (unlike the stages, which also quarantine).
 *
 * <p>Two records are linked when they carry the same identifier whose {@code identity_links} row
 * is active for this customer. The explanation lists every record with its identifiers (masked,
 * with a short hash), a spanning tree from the oldest record, the edges between consecutive records
 * of each identifier, and the identifiers that did not link and why. When the landing data of a
 * record was purged, its identifiers are unknown and the explanation says so.
 */
public final class Explain {
  private static final String OTHER_CUSTOMER = "other_customer";
  private static final String NOT_IN_LINKS = "not_in_identity_links";

  private Explain() {}

  /** The customer {@code oneId}. */
  public static Explanation ofOneId(SparkSession spark, VoclakeConfig config, String oneId) {
    Warehouse warehouse = new Warehouse(config.paths().warehouse());
    DeltaTables.read(spark, warehouse.customerJourney(), "identity");
    List<String> notes = new ArrayList<>();
    List<Explanation.Customer> customers = new ArrayList<>();
    Explanation.Customer customer = customer(spark, config, oneId, notes);
    if (customer != null) {
      customers.add(customer);
    }
    return new Explanation("one_id " + oneId, customers, notes);
  }

  /** The customer of identifier {@code who} (a one_id, phone, e-mail, ...). */
  public static Explanation of(SparkSession spark, VoclakeConfig config, GivenIdentifier who) {
    if (who.isOneId()) {
      return ofOneId(spark, config, who.oneId());
    }
    List<String> notes = new ArrayList<>();
    if (who.state() != GivenIdentifier.State.VALID) {
      notes.add("the " + who.type() + " given is " + (who.state() == GivenIdentifier.State.JUNK
          ? "a placeholder value (identity.junk-patterns): identity merge never links it"
          : "not a valid " + who.type() + " as identity merge normalizes it") + ".");
      return new Explanation(who.toString(), List.of(), notes);
    }
    Warehouse warehouse = new Warehouse(config.paths().warehouse());
    List<Row> links = DeltaTables.read(spark, warehouse.identityLinks(), "identity")
        .where(col(IdentityLinksSchema.ID_HASH).equalTo(who.hash()))
        .select(IdentityLinksSchema.ONE_ID, IdentityLinksSchema.STATUS, IdentityLinksSchema.RECORDS)
        .collectAsList();
    List<Explanation.Customer> customers = new ArrayList<>();
    if (links.isEmpty()) {
      notes.add("no record carries this " + who.type() + " (it is not in cdp/identity_links).");
    }
    for (Row link : links) {
      if (link.isNullAt(0)) {
        notes.add(String.format("this %s is %s: %d records of different customers carry it, so it"
            + " links no one (%s)", who.type(), link.getString(1), link.getLong(2),
            sharedRule(config, who.type())));
      } else {
        Explanation.Customer customer = customer(spark, config, link.getString(0), notes);
        if (customer != null) {
          customers.add(customer);
        }
      }
    }
    return new Explanation(who.toString(), customers, notes);
  }

  private static Explanation.Customer customer(SparkSession spark, VoclakeConfig config, String oneId,
      List<String> notes) {
    Warehouse warehouse = new Warehouse(config.paths().warehouse());
    List<Row> journey = spark.read().format("delta").load(warehouse.customerJourney())
        .where(col(CustomerJourneySchema.ONE_ID).equalTo(oneId))
        .select(col(CustomerJourneySchema.RECORD_TYPE),
            functions.coalesce(col(CustomerJourneySchema.EVENT_ID), col(CustomerJourneySchema.INTERACTION_ID)),
            col(CustomerJourneySchema.CHANNEL), col(CustomerJourneySchema.EVENT_TYPE),
            col(CustomerJourneySchema.EVENT_TIME), col(CustomerJourneySchema.DT))
        .orderBy(col(CustomerJourneySchema.EVENT_TIME), col(CustomerJourneySchema.RECORD_TYPE),
            functions.coalesce(col(CustomerJourneySchema.EVENT_ID), col(CustomerJourneySchema.INTERACTION_ID)))
        .collectAsList();
    if (journey.isEmpty()) {
      notes.add("no record has one_id " + oneId + " in cdp/customer_journey.");
      return null;
    }

    Map<String, List<Explanation.Identifier>> identifiers = landedIdentifiers(spark, config, oneId, journey, notes);
    List<Explanation.Record> records = new ArrayList<>();
    for (Row j : journey) {
      String key = j.getString(0) + ":" + j.getString(1);
      Timestamp time = (Timestamp) j.get(4);
      records.add(new Explanation.Record(key, j.getString(0), j.getString(1), j.getString(2), j.getString(3),
          time == null ? null : time.toInstant(), j.getString(5), identifiers.containsKey(key),
          identifiers.getOrDefault(key, List.of())));
    }

    // Records per linking identifier (by hash), in the records' time order.
    Map<String, List<String>> recordsByIdentifier = new LinkedHashMap<>();
    Map<String, Explanation.Identifier> identifierByHash = new HashMap<>();
    List<Explanation.Unused> unused = new ArrayList<>();
    for (Explanation.Record r : records) {
      for (Explanation.Identifier id : r.identifiers()) {
        if (id.state().equals(Explanation.LINKED)) {
          recordsByIdentifier.computeIfAbsent(id.shortHash() + id.type(), k -> new ArrayList<>()).add(r.key());
          identifierByHash.putIfAbsent(id.shortHash() + id.type(), id);
        } else {
          unused.add(new Explanation.Unused(r.key(), id, reason(config, id)));
        }
      }
    }
    List<Explanation.Edge> edges = new ArrayList<>();
    Map<String, List<Explanation.Edge>> adjacent = new HashMap<>();
    recordsByIdentifier.forEach((hash, keys) -> {
      for (int i = 1; i < keys.size(); i++) {
        Explanation.Edge e = new Explanation.Edge(keys.get(i - 1), keys.get(i), identifierByHash.get(hash));
        edges.add(e);
      }
      for (String from : keys) {
        for (String to : keys) {
          if (!from.equals(to)) {
            adjacent.computeIfAbsent(from, k -> new ArrayList<>())
                .add(new Explanation.Edge(from, to, identifierByHash.get(hash)));
          }
        }
      }
    });
    List<Explanation.Edge> tree = spanningTree(records, adjacent);
    if (tree.size() < records.size() - 1) {
      notes.add("some records of " + oneId + " are not reachable through the identifiers found in the"
          + " landing zone (landing data purged or changed since identity ran, or a manual link).");
    }
    return new Explanation.Customer(oneId, records, tree, edges, unused);
  }

  /** Breadth-first from the oldest record, neighbours in time order: one edge per reached record. */
  private static List<Explanation.Edge> spanningTree(List<Explanation.Record> records,
      Map<String, List<Explanation.Edge>> adjacent) {
    Map<String, Integer> order = new HashMap<>();
    records.forEach(r -> order.put(r.key(), order.size()));
    List<Explanation.Edge> tree = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<String> queue = new ArrayDeque<>();
    String root = records.get(0).key();
    seen.add(root);
    queue.add(root);
    while (!queue.isEmpty()) {
      String from = queue.poll();
      List<Explanation.Edge> next = new ArrayList<>(adjacent.getOrDefault(from, List.of()));
      next.sort((a, b) -> Integer.compare(order.get(a.to()), order.get(b.to())));
      for (Explanation.Edge e : next) {
        if (seen.add(e.to())) {
          tree.add(e);
          queue.add(e.to());
        }
      }
    }
    return tree;
  }

  /**
   * Identifiers per record key, read from the landing zone for the customer's landing dates; a
   * record whose line is not found is missing from the map.
   */
  private static Map<String, List<Explanation.Identifier>> landedIdentifiers(SparkSession spark,
      VoclakeConfig config, String oneId, List<Row> journey, List<String> notes) {
    byte[] key = config.pii().resolveKey(System.getenv());
    Dataset<Row> landed = null;
    for (Source source : Source.values()) {
      String type = source == Source.TOUCHPOINTS ? CustomerJourneySchema.EVENT
          : CustomerJourneySchema.INTERACTION;
      Set<String> ids = new TreeSet<>();
      Set<String> dts = new TreeSet<>();
      for (Row j : journey) {
        if (type.equals(j.getString(0))) {
          ids.add(j.getString(1));
          dts.add(j.getString(5));
        }
      }
      String root = config.paths().input() + "/" + source.folder();
      if (ids.isEmpty()) {
        continue;
      }
      if (!HadoopFiles.exists(spark, root)) {
        notes.add("no landing data under " + root + ": identifiers of " + source.folder() + " are unknown.");
        continue;
      }
      Dataset<Row> records = landedRecords(spark, config, source, root, type, ids, dts);
      landed = landed == null ? records : landed.unionByName(records);
    }
    Map<String, List<Explanation.Identifier>> byRecord = new HashMap<>();
    if (landed == null) {
      return byRecord;
    }
    Dataset<Row> occurrences = IdentityGraph.identifierOccurrences(landed, config.identity().junkPatterns())
        .withColumn("hash", PiiProtection.hash(key, col(IdentityGraph.ID_TYPE), col(IdentityGraph.ID_VALUE)))
        .withColumn("masked", PiiProtection.mask(col(IdentityGraph.ID_TYPE), col(IdentityGraph.ID_VALUE)));
    Dataset<Row> links = spark.read().format("delta")
        .load(new Warehouse(config.paths().warehouse()).identityLinks())
        .select(col(IdentityLinksSchema.ID_HASH).as("hash"), col(IdentityLinksSchema.ONE_ID).as("link_one_id"),
            col(IdentityLinksSchema.STATUS).as("link_status"));
    List<Row> rows = occurrences.join(links, new String[] {"hash"}, "left")
        .select(IdentityGraph.RECORD_KEY, IdentityGraph.ID_TYPE, "masked", "hash", IdentityGraph.ID_STATE,
            "link_one_id", "link_status")
        .orderBy(IdentityGraph.RECORD_KEY, IdentityGraph.ID_TYPE, "hash")
        .collectAsList();
    // Records found in the landing zone, with or without identifiers (interactions may carry none).
    for (Row r : landed.select(IdentityGraph.RECORD_KEY).collectAsList()) {
      byRecord.put(r.getString(0), new ArrayList<>());
    }
    for (Row r : rows) {
      String state = r.getString(4);
      String hash = r.getString(3);
      if (IdentityGraph.VALID.equals(state)) {
        state = r.isNullAt(6) ? NOT_IN_LINKS
            : IdentityLinksSchema.SHARED_BLOCKED.equals(r.getString(6)) ? IdentityLinksSchema.SHARED_BLOCKED
            : oneId.equals(r.getString(5)) ? Explanation.LINKED : OTHER_CUSTOMER;
      }
      byRecord.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new Explanation.Identifier(
          r.getString(1), r.getString(2), GivenIdentifier.shortHash(hash), state));
    }
    return byRecord;
  }

  /**
   * The good landed lines of {@code ids} on {@code dts}, as identity merge read them:
   * {@code record_key, event_time} and the identifier columns.
   */
  private static Dataset<Row> landedRecords(SparkSession spark, VoclakeConfig config, Source source,
      String root, String type, Set<String> ids, Set<String> dts) {
    Dataset<Row> lines = LandingReader.lines(spark, config.paths().input(), source, null, "9999-12-31")
        .where(col(TouchpointSchema.DT).isin(dts.toArray()));
    Dataset<Row> good = InputValidation.validate(lines, source, config.run()).good();
    List<Column> cols = new ArrayList<>();
    cols.add(concat(lit(type + ":"), col(source.idField())).as(IdentityGraph.RECORD_KEY));
    cols.add(lit(null).cast(DataTypes.TimestampType).as(IdentityGraph.EVENT_TIME));
    for (String id : Identifiers.ALL) {
      cols.add(col(id));
    }
    return good.where(col(source.idField()).isin(ids.toArray())).select(cols.toArray(new Column[0]));
  }

  private static String reason(VoclakeConfig config, Explanation.Identifier id) {
    return switch (id.state()) {
      case IdentityLinksSchema.SHARED_BLOCKED -> "shared_blocked: seen with too many strong identifiers ("
          + sharedRule(config, id.type()) + "), so it links no one";
      case IdentityGraph.JUNK -> "a placeholder value (identity.junk-patterns), links no one";
      case IdentityGraph.INVALID -> "cannot be normalized as a " + id.type() + ", links no one";
      case OTHER_CUSTOMER -> "active for another customer (identity tables changed since; rerun identity)";
      case NOT_IN_LINKS -> "not in cdp/identity_links (landing data changed since identity ran)";
      default -> id.state();
    };
  }

  private static String sharedRule(VoclakeConfig config, String type) {
    Integer limit = config.identity().sharedLimits().get(type);
    return limit == null ? "identity.shared-limits" : "identity.shared-limits." + type + " = " + limit;
  }
}
