package com.voclake.jobs;

import com.voclake.config.VoclakeConfig;
import com.voclake.increment.Increments;
import com.voclake.increment.Maintenance;
import com.voclake.io.Warehouse;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code maintain}: the upkeep that increments leave to others, on demand: finish any increment
 * that was claimed and not committed, and compact the partitions that hold too many small files.
 */
final class MaintainCommand implements Command {
  private static final Logger LOG = LoggerFactory.getLogger(MaintainCommand.class);

  @Override
  public String name() {
    return "maintain";
  }

  @Override
  public String summary() {
    return "Finish unfinished increments and compact the tables' small files.";
  }

  @Override
  public String description() {
    return "Commits any increment a stopped writer left staged, then compacts (Delta OPTIMIZE) each table\n"
        + "partition holding more than identity.compact-files files. Increments do this themselves every\n"
        + "run.maintain-every increments; run it after a large backfill, or on a schedule. Changes no row.\n"
        + "--remove-leftovers also deletes staged and checkpoint folders of stopped runs: only while no\n"
        + "other job writes this warehouse.";
  }

  @Override
  public List<CommandLine.Option> options() {
    return List.of(new CommandLine.Option("remove-leftovers", null,
        "delete what stopped runs left in _staging and _checkpoints (no other job may be running)"));
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    Warehouse warehouse = new Warehouse(config.paths().warehouse());
    String runId = "maintain-" + System.currentTimeMillis();
    int finished = Increments.finishPending(spark, warehouse, runId, config.run().incrementGrace());
    long compacted = Maintenance.compact(spark, warehouse, config.identity().compactFiles());
    int removed = invocation.line().flag("remove-leftovers") ? Increments.removeLeftovers(spark, warehouse) : 0;
    LOG.info("Maintained {}: {} unfinished increments committed, {} partitions compacted, {} leftover folders"
        + " removed", warehouse.root(), finished, compacted, removed);
  }
}
