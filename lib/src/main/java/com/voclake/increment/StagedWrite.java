package com.voclake.increment;

import java.util.List;

/**
 * One table write of an increment, as staged: what to do to which table, with rows that wait as
 * Parquet under the increment's staging folder. Part of the manifest ({@link StagedIncrement}), so
 * any writer can commit it, not only the one that computed it.
 *
 * @param kind what the write does
 * @param table the Delta table's path
 * @param data the staged rows' folder, relative to the staging folder
 * @param rows how many rows {@code data} holds
 * @param schema the rows' schema (Spark's JSON form), which a Parquet round trip would loosen
 * @param keys for {@link Kind#UPSERT}: the key columns (compared null-safe)
 * @param replaceRowKeys for {@link Kind#UPSERT}: whether the rows' own keys are deleted first (false
 *     when the writer knows which of them are stored, and lists those in {@code deletes})
 * @param deletes for {@link Kind#UPSERT}: the folder of further keys to delete (no rows replace them)
 * @param deleteRows how many rows {@code deletes} holds
 * @param predicate for {@link Kind#REPLACE_WHERE}: the rows the write replaces
 * @param partitionBy the table's partition columns
 */
public record StagedWrite(Kind kind, String table, String data, long rows, String schema, List<String> keys,
    boolean replaceRowKeys, String deletes, long deleteRows, String predicate, List<String> partitionBy) {

  /** What a write does to its table. */
  public enum Kind {
    /** Replace the whole table (a full rebuild). */
    OVERWRITE,
    /** Replace the rows that match {@code predicate} (a landing date's rows on a rerun). */
    REPLACE_WHERE,
    /**
     * Delete the rows whose keys are in {@code deletes} (and in {@code data}, with
     * {@code replaceRowKeys}), then append {@code data}.
     */
    UPSERT,
    /** Append {@code data}. */
    APPEND
  }

  public StagedWrite {
    keys = keys == null ? List.of() : List.copyOf(keys);
    partitionBy = partitionBy == null ? List.of() : List.copyOf(partitionBy);
  }
}
