package com.voclake.increment;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.DeltaTables;
import com.voclake.io.HadoopFiles;
import com.voclake.io.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upkeep of the tables that increments write, kept out of the increments themselves: every
 * increment appends a few small files to each partition it changes (and deletion vectors for the
 * rows it replaces), and compaction rewrites them into few files. It changes no row, so it runs
 * after an increment's commit, every {@code run.maintain-every} increments, or on demand.
 */
public final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  private Maintenance() {}

  /**
   * Compacts the tables when {@code committed} is the increment that completes a count of
   * {@code run.maintain-every} (a replay maintains nothing); returns how many partitions it compacted.
   */
  public static long ifDue(SparkSession spark, Warehouse warehouse, Increments.Committed committed,
      VoclakeConfig config) {
    boolean due = !committed.replayed() && committed.seq() % config.run().maintainEvery() == 0;
    return due ? compact(spark, warehouse, config.identity().compactFiles()) : 0;
  }

  /**
   * Compacts (Delta OPTIMIZE) every partition, or unpartitioned table, of the increments' tables
   * that holds more than {@code maxFiles} data files; returns how many it compacted.
   */
  public static long compact(SparkSession spark, Warehouse warehouse, int maxFiles) {
    long start = System.nanoTime();
    long compacted = 0;
    for (Map.Entry<String, String> table : tables(spark, warehouse).entrySet()) {
      if (!DeltaTables.exists(spark, table.getKey())) {
        continue;
      }
      String partitionColumn = table.getValue();
      List<String> partitions = DeltaTables.compactCrowded(spark, table.getKey(), partitionColumn, maxFiles);
      if (!partitions.isEmpty()) {
        // Partition values come sorted: the range says which dates without listing each.
        LOG.info("Compacted {} of {} (more than {} files each){}", partitions.size(),
            table.getKey().substring(warehouse.root().length() + 1), maxFiles, partitionColumn == null ? ""
                : String.format(": %s %s to %s", partitionColumn, partitions.get(0),
                    partitions.get(partitions.size() - 1)));
        compacted += partitions.size();
      }
    }
    LOG.info("Maintained the warehouse's tables in {} ms: {} partitions compacted",
        (System.nanoTime() - start) / 1_000_000, compacted);
    return compacted;
  }

  /** The tables increments write, with their partition column (null: unpartitioned). */
  private static Map<String, String> tables(SparkSession spark, Warehouse warehouse) {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put(warehouse.identityRecords(), "dt");
    tables.put(warehouse.customerJourney(), "dt");
    tables.put(warehouse.identityLinks(), null);
    tables.put(warehouse.customerProfile(), null);
    tables.put(warehouse.customerVoc(), null);
    tables.put(warehouse.mergeLog(), "dt");
    tables.put(warehouse.interactionsEnriched(), "dt");
    tables.put(warehouse.keywordFrequencies(), "dt");
    List<String> sources = new ArrayList<>(HadoopFiles.listDirectories(spark, warehouse.root() + "/quarantine"));
    for (String source : sources) {
      tables.put(warehouse.quarantine(source), "dt");
    }
    tables.put(warehouse.increments(), null);
    return tables;
  }
}
