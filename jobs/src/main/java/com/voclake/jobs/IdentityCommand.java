package com.voclake.jobs;

import static com.voclake.jobs.StageCommand.stage;

import com.voclake.config.ConfigPaths;
import com.voclake.config.VoclakeConfig;
import com.voclake.identity.Explain;
import com.voclake.identity.IdentityJob;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * {@code identity}: without a word, the identity stage for {@code --date}; {@code identity explain}
 * prints why a customer's records were linked.
 */
final class IdentityCommand implements Command {
  static final String EXPLAIN = "explain";

  private static final StageCommand STAGE = StageCommand.of("identity",
      "Merge customer identities into one profile per customer (OneID).", "",
      stage("identity", IdentityJob::run));

  @Override
  public String name() {
    return "identity";
  }

  @Override
  public String summary() {
    return STAGE.summary();
  }

  @Override
  public String description() {
    return "Reads the touchpoints and interactions landed on --date (all up to --date with --full, or on\n"
        + "the first run), links them to the existing customers and keeps one_ids stable; writes\n"
        + "cdp/identity_links, customer_profile, customer_journey, merge_log, identity_records (Delta).\n"
        + "'identity explain' with exactly one of --one-id, --phone, --email prints why the customer's records\n"
        + "were linked: each record, its identifiers (masked), the edges between records, and the\n"
        + "identifiers that did not link and why. It reads the landing zone and the CDP; it writes nothing.";
  }

  @Override
  public List<CommandLine.Option> options() {
    List<CommandLine.Option> options = new ArrayList<>(STAGE.options());
    options.addAll(ForgetCommand.WHO_OPTIONS);
    return options;
  }

  @Override
  public List<String> subcommands() {
    return List.of(EXPLAIN);
  }

  @Override
  public boolean subcommandRequired() {
    return false;
  }

  @Override
  public void validate(Invocation invocation) {
    if (EXPLAIN.equals(invocation.subcommand())) {
      if (invocation.date().isPresent() || invocation.failFast() || invocation.line().flag(StageCommand.FULL.name())) {
        throw new UsageException("identity explain takes no --date, --fail-fast or --full: it explains the tables"
            + " as they are");
      }
      ForgetCommand.who(invocation, "identity explain");
    } else {
      for (CommandLine.Option option : ForgetCommand.WHO_OPTIONS) {
        if (invocation.line().value(option.name()).isPresent()) {
          throw new UsageException(String.format("--%s belongs to 'identity explain', e.g. voclake identity"
              + " explain --%s %s", option.name(), option.name(), option.valueName()));
        }
      }
    }
  }

  @Override
  public List<ConfigPaths.Named> requiredPaths(VoclakeConfig config, Invocation invocation) {
    // explain reads the landing zone as the stage does.
    return STAGE.requiredPaths(config, invocation);
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    if (!EXPLAIN.equals(invocation.subcommand())) {
      STAGE.execute(spark, config, invocation);
      return;
    }
    String text = Explain.of(spark, config, ForgetCommand.given(config, invocation, "identity explain"))
        .render(ZoneId.of(config.run().timeZone()));
    System.out.print(text);
    System.out.flush();
  }
}
