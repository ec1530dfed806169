package com.voclake.identity;

import com.voclake.io.DeltaTables;
import com.voclake.io.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * Tells whether the last identity run that started writing also finished, so that a run after a
 * crash does not build on half-written tables.
 *
 * <p>An identity run commits {@code identity_records} (the state) first and the tables derived
 * from it after, in several commits. An incremental run finds what changed by comparing with the
 * state, and which customers the day reaches through {@code identity_links}, so a crash between
 * those commits would leave derived rows that no later run revisits (a record re-assigned in the
 * state but not in the journey). Each run therefore sets {@link #STARTED} on the state's table
 * properties before its first write (with {@link #STARTED_AT}, the state's version then) and
 * {@link #COMPLETED} after its last; the two differ only after a run that stopped in between, and
 * {@link IdentityJob} then rebuilds every table in full from the state as it was before that run.
 */
final class RunMarks {
  static final String STARTED = "voclake.identity.startedRun";
  static final String COMPLETED = "voclake.identity.completedRun";
  /** The state's version the started run resolved against: the state before it. */
  static final String STARTED_AT = "voclake.identity.startedAtVersion";

  /**
   * A run that did not finish.
   *
   * @param reason what is wrong, for the log
   * @param runId the run that started writing, or null when a table is missing
   * @param stateVersion the state's version before that run wrote, or null when unknown
   */
  record Unfinished(String reason, String runId, Long stateVersion) {}

  private RunMarks() {}

  /**
   * Why the tables cannot be built on incrementally, or empty when they can: a run started writing
   * and did not complete, or a table the state implies is missing.
   */
  static Optional<Unfinished> unfinished(SparkSession spark, Warehouse warehouse) {
    String state = IdentityRecordsSchema.path(warehouse);
    List<String> missing = new ArrayList<>();
    for (String table : List.of(warehouse.customerJourney(), warehouse.identityLinks(), warehouse.customerProfile(),
        warehouse.mergeLog())) {
      if (!DeltaTables.exists(spark, table)) {
        missing.add(table);
      }
    }
    if (!missing.isEmpty()) {
      return Optional.of(new Unfinished("the state exists but " + String.join(", ", missing) + " does not", null,
          null));
    }
    Map<String, String> marks = DeltaTables.properties(spark, state);
    String started = marks.get(STARTED);
    String completed = marks.get(COMPLETED);
    if (started != null && !started.equals(completed)) {
      String version = marks.get(STARTED_AT);
      return Optional.of(new Unfinished("run " + started + " started writing the identity tables and did not finish"
          + (completed == null ? "" : " (the last complete run is " + completed + ")"), started,
          version == null ? null : Long.valueOf(version)));
    }
    return Optional.empty();
  }

  /**
   * Marks run {@code runId} as writing; call before its first write to the state.
   *
   * @param baseVersion the state's version the run resolved against, or null without one
   */
  static void started(SparkSession spark, Warehouse warehouse, String runId, Long baseVersion) {
    Map<String, String> marks = new HashMap<>(Map.of(STARTED, runId));
    if (baseVersion != null) {
      marks.put(STARTED_AT, baseVersion.toString());
    }
    set(spark, IdentityRecordsSchema.path(warehouse), marks);
  }

  /** Marks run {@code runId} as complete; call after its last write. */
  static void completed(SparkSession spark, Warehouse warehouse, String runId) {
    set(spark, IdentityRecordsSchema.path(warehouse), Map.of(COMPLETED, runId));
  }

  static String property(SparkSession spark, String path, String name) {
    return DeltaTables.properties(spark, path).get(name);
  }

  private static void set(SparkSession spark, String path, Map<String, String> properties) {
    List<String> assignments = new ArrayList<>();
    for (Map.Entry<String, String> p : new TreeMap<>(properties).entrySet()) {
      if (!p.getValue().matches("[A-Za-z0-9._:-]+")) {
        throw new IllegalArgumentException("Unexpected characters in " + p.getKey() + " " + p.getValue());
      }
      assignments.add("'" + p.getKey() + "' = '" + p.getValue() + "'");
    }
    if (DeltaTables.exists(spark, path)) {
      spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES (" + String.join(", ", assignments) + ")");
    }
  }
}
