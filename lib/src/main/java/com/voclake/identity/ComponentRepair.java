package com.voclake.identity;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Repairs one connected component that breaks a rule, in plain Java on the driver: a component
 * above {@code identity.max-component-size}, or one that holds both identifiers of a
 * {@code never_link} override. Such components are rare by construction (shared identifiers are
 * blocked before, overrides are a steward's hand-written list), and one is at most a few thousand
 * records, so collecting their edges is cheap; everything else stays distributed.
 *
 * <p>Vertices are keys: records and identifiers, as the caller names them (the caller keeps the
 * two name spaces apart). The rules, in order:
 * <ol>
 *   <li>Too many records: the edges to weak identifiers (those {@code isStrong} rejects) are cut;
 *       a part that is still too large loses all its edges, so its records become customers of
 *       their own and its identifiers link nothing.
 *   <li>never_link (a, b) in one part: every vertex of the part goes to the side of the identifier
 *       it is nearer to (breadth-first distance over the remaining edges, ties to a); edges between
 *       the sides are cut. Both sides stay connected. Repeated until no pair shares a part.
 * </ol>
 *
 * <p>Deterministic: the result depends only on the edges, whatever their order.
 */
public final class ComponentRepair {
  /** The outcome for one component. */
  public record Result(Map<String, String> partOf, Set<String> droppedIdentifiers, boolean oversized) {}

  /** An undirected edge between two vertex keys. */
  public record Edge(String a, String b) {}

  private ComponentRepair() {}

  /**
   * @param recordEdges record–identifier edges ({@code a} the record, {@code b} the identifier)
   * @param identifierEdges always_link edges between identifiers (never cut by the size rule)
   * @param neverLink pairs of identifiers that must end up apart
   * @param maxRecords the most records a part may have
   * @param isStrong whether an identifier key is of a strong type
   * @return for every record and every identifier that still links, the label of its part (the
   *     smallest record key of the part); identifiers whose every edge was cut are listed as dropped
   */
  public static Result repair(Collection<Edge> recordEdges, Collection<Edge> identifierEdges,
      Collection<Edge> neverLink, int maxRecords, Predicate<String> isStrong) {
    Set<String> records = new TreeSet<>();
    Set<String> identifiers = new TreeSet<>();
    Set<Edge> kept = new HashSet<>();
    for (Edge e : recordEdges) {
      records.add(e.a());
      identifiers.add(e.b());
      kept.add(e);
    }
    for (Edge e : identifierEdges) {
      identifiers.add(e.a());
      identifiers.add(e.b());
      kept.add(e);
    }
    boolean oversized = records.size() > maxRecords;
    if (oversized) {
      kept.removeIf(e -> records.contains(e.a()) && !isStrong.test(e.b()));
      for (Set<String> part : parts(records, identifiers, kept)) {
        long partRecords = part.stream().filter(records::contains).count();
        if (partRecords > maxRecords) {
          kept.removeIf(e -> part.contains(e.a()));
        }
      }
    }
    for (int round = 0; round <= neverLink.size(); round++) {
      boolean split = false;
      Map<String, Integer> partIndex = index(parts(records, identifiers, kept));
      for (Edge pair : neverLink) {
        Integer pa = partIndex.get(pair.a());
        if (pa != null && pa.equals(partIndex.get(pair.b())) && !pair.a().equals(pair.b())) {
          cutBetween(pair.a(), pair.b(), kept);
          split = true;
          break;
        }
      }
      if (!split) {
        break;
      }
    }
    Map<String, String> partOf = new HashMap<>();
    Set<String> linked = new HashSet<>();
    for (Edge e : kept) {
      linked.add(e.a());
      linked.add(e.b());
    }
    for (Set<String> part : parts(records, identifiers, kept)) {
      String label = null;
      for (String v : part) {
        if (records.contains(v) && (label == null || v.compareTo(label) < 0)) {
          label = v;
        }
      }
      for (String v : part) {
        if (label != null && (records.contains(v) || linked.contains(v))) {
          partOf.put(v, label);
        }
      }
    }
    Set<String> dropped = new TreeSet<>(identifiers);
    dropped.removeAll(partOf.keySet());
    return new Result(partOf, dropped, oversized);
  }

  private static void cutBetween(String a, String b, Set<Edge> kept) {
    Map<String, List<String>> adjacency = adjacency(kept);
    Map<String, Integer> fromA = distances(a, adjacency);
    Map<String, Integer> fromB = distances(b, adjacency);
    kept.removeIf(e -> fromA.containsKey(e.a()) && sideA(e.a(), fromA, fromB) != sideA(e.b(), fromA, fromB));
  }

  private static boolean sideA(String v, Map<String, Integer> fromA, Map<String, Integer> fromB) {
    return fromA.getOrDefault(v, Integer.MAX_VALUE) <= fromB.getOrDefault(v, Integer.MAX_VALUE);
  }

  private static Map<String, Integer> distances(String start, Map<String, List<String>> adjacency) {
    Map<String, Integer> dist = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>();
    dist.put(start, 0);
    queue.add(start);
    while (!queue.isEmpty()) {
      String v = queue.poll();
      for (String w : adjacency.getOrDefault(v, List.of())) {
        if (!dist.containsKey(w)) {
          dist.put(w, dist.get(v) + 1);
          queue.add(w);
        }
      }
    }
    return dist;
  }

  private static Map<String, List<String>> adjacency(Set<Edge> edges) {
    Map<String, List<String>> adjacency = new HashMap<>();
    for (Edge e : edges) {
      adjacency.computeIfAbsent(e.a(), k -> new ArrayList<>()).add(e.b());
      adjacency.computeIfAbsent(e.b(), k -> new ArrayList<>()).add(e.a());
    }
    return adjacency;
  }

  private static List<Set<String>> parts(Set<String> records, Set<String> identifiers, Set<Edge> edges) {
    Map<String, List<String>> adjacency = adjacency(edges);
    Set<String> seen = new HashSet<>();
    List<Set<String>> parts = new ArrayList<>();
    List<String> all = new ArrayList<>(records);
    all.addAll(identifiers);
    for (String v : all) {
      if (seen.contains(v)) {
        continue;
      }
      Set<String> part = new TreeSet<>(distances(v, adjacency).keySet());
      seen.addAll(part);
      parts.add(part);
    }
    return parts;
  }

  private static Map<String, Integer> index(List<Set<String>> parts) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      for (String v : parts.get(i)) {
        index.put(v, i);
      }
    }
    return index;
  }
}
