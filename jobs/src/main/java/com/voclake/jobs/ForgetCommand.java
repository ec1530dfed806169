package com.voclake.jobs;

import com.voclake.config.VoclakeConfig;
import com.voclake.identity.Forget;
import com.voclake.identity.ForgetReport;
import com.voclake.identity.GivenIdentifier;
import com.voclake.io.Identifiers;
import com.voclake.pipeline.RunContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** {@code forget}: erases one customer from the CDP and the enriched interactions (PIPL). */
final class ForgetCommand implements Command {
  /** The options that name whom to forget or explain, and the identifier type each gives. */
  static final Map<String, String> WHO = Map.of(
      "phone", Identifiers.PHONE, "email", Identifiers.EMAIL, "one-id", GivenIdentifier.ONE_ID);
  static final List<CommandLine.Option> WHO_OPTIONS = List.of(
      new CommandLine.Option("phone", "P", "a phone number, in any written form"),
      new CommandLine.Option("email", "E", "an e-mail address"),
      new CommandLine.Option("one-id", "X", "a customer's one_id"));

  @Override
  public String name() {
    return "forget";
  }

  @Override
  public String summary() {
    return "Erase one customer from the CDP and the enriched interactions (PIPL right to deletion).";
  }

  @Override
  public String description() {
    return "Give exactly one of --phone, --email, --one-id. Deletes the customer's rows from cdp/identity_links,\n"
        + "cdp/customer_profile, cdp/customer_journey, cdp/merge_log, voc/interactions_enriched and quarantine/*,\n"
        + "vacuums those tables with retention 0, records the request in cdp/forget_log and prints what it\n"
        + "removed (masked, never the raw identifier). Run it while no other job writes the warehouse. The\n"
        + "landing zone is not erased: purge the customer's lines there too.";
  }

  @Override
  public List<CommandLine.Option> options() {
    List<CommandLine.Option> options = new java.util.ArrayList<>(WHO_OPTIONS);
    options.add(new CommandLine.Option("dry-run", null, "count what would be deleted; change nothing"));
    return options;
  }

  @Override
  public void validate(Invocation invocation) {
    who(invocation, name());
  }

  @Override
  public void execute(SparkSession spark, VoclakeConfig config, Invocation invocation) {
    GivenIdentifier who = given(config, invocation, name());
    if (who.state() == GivenIdentifier.State.INVALID) {
      throw new UsageException(String.format("Cannot forget this --%s: the value is not a valid %s as"
          + " identity merge normalizes it (the value is not repeated here)", option(who.type()), who.type()));
    }
    LocalDate today = LocalDate.now(ZoneId.of(config.run().timeZone()));
    ForgetReport report = Forget.run(spark, RunContext.start(name(), today, config), who,
        invocation.line().flag("dry-run"));
    System.out.print(report.render());
    System.out.flush();
  }

  /** The one option of {@link #WHO} given, as {@code [option, value]}; a usage error unless exactly one. */
  static String[] who(Invocation invocation, String job) {
    String[] found = null;
    for (CommandLine.Option option : WHO_OPTIONS) {
      java.util.Optional<String> value = invocation.line().value(option.name());
      if (value.isPresent()) {
        if (found != null) {
          throw new UsageException(String.format("%s takes exactly one of --phone, --email, --one-id;"
              + " got --%s and --%s", job, found[0], option.name()));
        }
        found = new String[] {option.name(), value.get()};
      }
    }
    if (found == null) {
      throw new UsageException(job + " needs exactly one of --phone P, --email E, --one-id X");
    }
    if (found[1].isBlank()) {
      throw new UsageException(String.format("Option --%s needs a value", found[0]));
    }
    return found;
  }

  static GivenIdentifier given(VoclakeConfig config, Invocation invocation, String job) {
    String[] who = who(invocation, job);
    return GivenIdentifier.of(config, WHO.get(who[0]), who[1]);
  }

  private static String option(String type) {
    return WHO.entrySet().stream().filter(e -> e.getValue().equals(type)).map(Map.Entry::getKey).findFirst()
        .orElse(type);
  }
}
