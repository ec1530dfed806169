package com.voclake.identity;

import java.util.List;

/**
 * What {@link Forget} found and removed for one request. It holds no raw identifier: the request
 * is described by {@link GivenIdentifier#toString()} (type, masked form, short hash).
 *
 * @param request the identifier as it may be shown
 * @param dryRun whether rows were only counted
 * @param oneIds the customers the identifier belongs to (empty when nothing was found)
 * @param tables one entry per table in scope, in the order they are erased
 * @param vacuumed tables that lost rows and whose unreferenced files were removed (retention 0);
 *     empty in a dry run or when nothing was found
 * @param notes what the request could not or need not erase, in plain words
 * @param runId the run that carried it out, as recorded in {@code cdp/forget_log}
 */
public record ForgetReport(String request, boolean dryRun, List<String> oneIds, List<TableCount> tables,
    List<String> vacuumed, List<String> notes, String runId) {

  /**
   * Rows of one table that belong to the customer.
   *
   * @param table the table's path under the warehouse ({@code cdp/customer_profile})
   * @param rows rows deleted (counted in a dry run); null when the table does not exist
   */
  public record TableCount(String table, Long rows) {}

  public ForgetReport {
    oneIds = List.copyOf(oneIds);
    tables = List.copyOf(tables);
    vacuumed = List.copyOf(vacuumed);
    notes = List.copyOf(notes);
  }

  /** Rows removed (or, in a dry run, that would be) over every table. */
  public long totalRows() {
    return tables.stream().filter(t -> t.rows() != null).mapToLong(TableCount::rows).sum();
  }

  /** Whether anything of the customer was found. */
  public boolean found() {
    return !oneIds.isEmpty() || totalRows() > 0;
  }

  /** The report as people read it: what was found, per table, and what was not erased. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append(dryRun ? "Forget (dry run, nothing deleted): " : "Forget: ").append(request).append('\n');
    if (!found()) {
      out.append("Nothing found for this identifier: no customer, no row in any table.\n");
    } else {
      out.append("Customers: ").append(oneIds.isEmpty() ? "(none linked)" : String.join(", ", oneIds))
          .append('\n');
    }
    out.append(String.format("  %-32s %s%n", "table", dryRun ? "rows to delete" : "rows deleted"));
    for (TableCount t : tables) {
      out.append(String.format("  %-32s %s%n", t.table(), t.rows() == null ? "(no such table)" : t.rows()));
    }
    if (!dryRun) {
      out.append("Vacuumed with retention 0 (old files physically removed): ")
          .append(vacuumed.isEmpty() ? "none" : String.join(", ", vacuumed)).append('\n');
    }
    for (String note : notes) {
      out.append("Note: ").append(note).append('\n');
    }
    if (!dryRun) {
      out.append("Recorded in cdp/forget_log, run ").append(runId).append('\n');
    }
    return out.toString();
  }
}
