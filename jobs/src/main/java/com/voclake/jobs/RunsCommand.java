package com.voclake.jobs;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunLog;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/** {@code runs}: the last runs recorded in the warehouse's {@code _runs} table, newest first. */
final class RunsCommand implements Command {
  private final PrintStream out;

  RunsCommand() {
    this(System.out);
  }

  RunsCommand(PrintStream out) {
    this.out = out;
  }

  @Override
  public String name() {
    return "runs";
  }

  @Override
  public String summary() {
    return "Print the last runs recorded in the warehouse (_runs), newest first.";
  }

  @Override
  public String description() {
    return "One line a run: start (in run.time-zone), job, date, status, seconds, Spark application id, code\n"
        + "version, and each stage's records in/out/quarantined; below it the run id (as in quarantine rows)\n"
        + "and, for a failed run, its error. Reads the warehouse; writes nothing.";
  }

  @Override
  public List<CommandLine.Option> options() {
    return List.of(
        new CommandLine.Option("last", "N", "how many runs to print (default: 20)"),
        new CommandLine.Option("job", "NAME", "only the runs of this job, e.g. daily"));
  }

  @Override
  public void validate(Invocation invocation) {
    invocation.positiveLong("last", 20);
    invocation.line().value("job").ifPresent(Commands::named);
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    Warehouse warehouse = new Warehouse(config.paths().warehouse());
    int last = (int) Math.min(invocation.positiveLong("last", 20), Integer.MAX_VALUE);
    List<RunLog.Entry> runs = RunLog.latest(spark, warehouse, last, invocation.line().value("job"));
    if (runs.isEmpty()) {
      out.println("No runs recorded in " + warehouse.runs() + " yet.");
    } else {
      out.print(RunLog.table(runs, ZoneId.of(config.run().timeZone())));
    }
    out.flush();
  }
}
