package com.voclake.daily;

import com.voclake.identity.IdentityJob;
import com.voclake.increment.BatchInput;
import com.voclake.pipeline.Stage;
import com.voclake.publish.PublishJob;
import com.voclake.text.EnrichJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code daily} job: identity, enrich and publish for one date. Identity reads and validates
 * the day's input once; enrich analyses the interactions identity accepted (duplicates of stored
 * records left out), so each landed line is parsed once and each rejected one counted once.
 */
public final class DailyJob {
  private DailyJob() {}

  /** The stages of one run, in order; they share that run's input, so build them per run. */
  public static Map<String, Stage> stages() {
    AtomicReference<BatchInput> accepted = new AtomicReference<>();
    Map<String, Stage> stages = new LinkedHashMap<>();
    stages.put(IdentityJob.STAGE, (spark, ctx) -> {
      IdentityJob.Outcome outcome = IdentityJob.runIncrement(spark, ctx);
      accepted.set(outcome.input());
      return outcome.result();
    });
    stages.put(EnrichJob.STAGE, (spark, ctx) -> EnrichJob.run(spark, ctx, accepted.get()));
    stages.put("publish", PublishJob::run);
    return stages;
  }
}
