package com.voclake.identity;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Why identity merge put records together: the result of {@link Explain}, and its text form. It
 * holds no raw identifier, only types, masked forms and short hashes.
 *
 * @param query what was asked ({@code one_id C...} or {@code phone 138****8000 #3f2a9c1b})
 * @param customers one entry per customer found (none when nothing matched)
 * @param notes what could not be explained, in plain words
 */
public record Explanation(String query, List<Customer> customers, List<String> notes) {
  /** {@code state} of an identifier that linked its record into the customer. */
  public static final String LINKED = "linked";

  public Explanation {
    customers = List.copyOf(customers);
    notes = List.copyOf(notes);
  }

  /**
   * One customer.
   *
   * @param records every record of the customer, oldest first
   * @param tree how each record was reached from the oldest one: one edge per record but the
   *     first (a spanning tree of the record–identifier graph)
   * @param edges consecutive records (in time order) sharing each linking identifier
   * @param unused identifiers the records carry that did not link (shared, junk, invalid, other)
   */
  public record Customer(String oneId, List<Record> records, List<Edge> tree, List<Edge> edges,
      List<Unused> unused) {
    public Customer {
      records = List.copyOf(records);
      tree = List.copyOf(tree);
      edges = List.copyOf(edges);
      unused = List.copyOf(unused);
    }
  }

  /**
   * A touchpoint event or an interaction.
   *
   * @param key {@code event:<id>} or {@code interaction:<id>}
   * @param eventTime the record's time (UTC instant)
   * @param landed whether its line was found in the landing zone (else its identifiers are unknown)
   * @param identifiers every identifier value it carries
   */
  public record Record(String key, String recordType, String recordId, String channel, String eventType,
      Instant eventTime, String dt, boolean landed, List<Identifier> identifiers) {
    public Record {
      identifiers = List.copyOf(identifiers);
    }
  }

  /**
   * An identifier value on a record.
   *
   * @param masked display form; null for a junk or invalid value (never shown raw)
   * @param shortHash first 8 hex digits of its keyed hash; empty when it has none
   * @param state {@link #LINKED}, or why it did not link: {@code shared_blocked}, {@code junk},
   *     {@code invalid}, {@code other_customer}, {@code not_in_identity_links}
   */
  public record Identifier(String type, String masked, String shortHash, String state) {
    public String label() {
      return type + " " + (masked == null ? "(" + state + " value)" : masked)
          + (shortHash.isEmpty() ? "" : " #" + shortHash);
    }
  }

  /** Two records connected through an identifier. */
  public record Edge(String from, String to, Identifier via) {}

  /** An identifier of a record that did not link, and why in words. */
  public record Unused(String recordKey, Identifier identifier, String reason) {}

  /** The explanation as a readable list and tree, times in {@code zone}. */
  public String render(ZoneId zone) {
    DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    StringBuilder out = new StringBuilder("Explain ").append(query).append('\n');
    if (customers.isEmpty()) {
      out.append("No customer found.\n");
    }
    for (Customer c : customers) {
      Map<String, Integer> number = new HashMap<>();
      Map<String, Record> byKey = new HashMap<>();
      for (Record r : c.records()) {
        number.put(r.key(), number.size() + 1);
        byKey.put(r.key(), r);
      }
      long linking = c.edges().stream().map(e -> e.via().shortHash()).distinct().count();
      out.append(String.format("%nCustomer %s: %d record(s), linked through %d identifier(s)%n", c.oneId(),
          c.records().size(), linking));
      out.append("Records (oldest first):\n");
      for (Record r : c.records()) {
        out.append(String.format("  [%d] %s %s  %s / %s  %s  dt=%s%n", number.get(r.key()), r.recordType(),
            r.recordId(), r.channel(), r.eventType(), r.eventTime() == null ? "-" : time.format(r.eventTime()),
            r.dt()));
        if (!r.landed()) {
          out.append("        (line not found in the landing zone: identifiers unknown)\n");
        }
        for (Identifier id : r.identifiers()) {
          out.append("        ").append(id.label()).append("  ").append(id.state()).append('\n');
        }
      }
      if (c.records().size() > 1) {
        out.append("How they link (from the oldest record):\n");
        out.append("  ").append(label(c.records().get(0), number, time)).append('\n');
        renderTree(out, c.records().get(0).key(), c.tree(), byKey, number, time, "  ");
        out.append("Edges (records sharing an identifier, in time order):\n");
        for (Edge e : c.edges()) {
          out.append(String.format("  [%d] %s —%s— [%d] %s%n", number.get(e.from()), byKey.get(e.from()).recordId(),
              e.via().type() + " " + e.via().masked(), number.get(e.to()), byKey.get(e.to()).recordId()));
        }
      }
      if (!c.unused().isEmpty()) {
        out.append("Identifiers that did not link:\n");
        for (Unused u : c.unused()) {
          out.append(String.format("  [%d] %s: %s%n", number.get(u.recordKey()), u.identifier().label(),
              u.reason()));
        }
      }
    }
    for (String note : notes) {
      out.append("Note: ").append(note).append('\n');
    }
    return out.toString();
  }

  private static void renderTree(StringBuilder out, String parent, List<Edge> tree, Map<String, Record> byKey,
      Map<String, Integer> number, DateTimeFormatter time, String indent) {
    List<Edge> children = new ArrayList<>();
    for (Edge e : tree) {
      if (e.from().equals(parent)) {
        children.add(e);
      }
    }
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      Edge e = children.get(i);
      out.append(indent).append(last ? "└─ " : "├─ ").append(e.via().type()).append(' ')
          .append(e.via().masked()).append(" ─ ").append(label(byKey.get(e.to()), number, time)).append('\n');
      renderTree(out, e.to(), tree, byKey, number, time, indent + (last ? "   " : "│  "));
    }
  }

  private static String label(Record r, Map<String, Integer> number, DateTimeFormatter time) {
    return String.format("[%d] %s %s (%s, %s)", number.get(r.key()), r.recordType(), r.recordId(), r.channel(),
        r.eventTime() == null ? "-" : time.format(r.eventTime()));
  }
}
