package com.voclake.increment;

import static org.apache.spark.sql.functions.col;

import com.voclake.VoclakeException;
import com.voclake.config.VoclakeConfig;
import com.voclake.io.InputValidation;
import com.voclake.io.LandingReader;
import com.voclake.io.QuarantineSchema;
import com.voclake.io.RejectReason;
import com.voclake.io.Source;
import com.voclake.io.ValidatedInput;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated input of one increment: touchpoints and interactions, each line parsed and
 * checked once ({@link InputValidation}), stored, and counted. Identity and enrich read the same
 * good records, and the quarantine gets each rejected line once.
 *
 * @param scope what the batch replaces
 * @param touchpoints the touchpoints' verdicts
 * @param interactions the interactions' verdicts
 * @param counts both sources' counts together
 */
public record BatchInput(BatchScope scope, ValidatedInput touchpoints, ValidatedInput interactions,
    ValidatedInput.Counts counts) {
  private static final Logger LOG = LoggerFactory.getLogger(BatchInput.class);

  /**
   * Reads what landed for {@code scope} from the input root's files: one landing date, or every
   * date up to it for {@link BatchScope.Kind#EVERYTHING}. A source that landed nothing on a day the
   * other did is an empty batch (interactions only is a normal day).
   *
   * @throws VoclakeException when nothing landed, or with {@code --fail-fast} on the first bad lines
   */
  public static BatchInput landed(SparkSession spark, VoclakeConfig config, BatchScope scope) {
    String input = config.paths().input();
    String dt = scope.dt();
    Dataset<Row> touchpoints;
    Dataset<Row> interactions;
    if (scope.kind() == BatchScope.Kind.EVERYTHING) {
      touchpoints = LandingReader.lines(spark, input, Source.TOUCHPOINTS, null, dt);
      interactions = LandingReader.lines(spark, input, Source.INTERACTIONS, null, dt);
    } else {
      boolean anyTouchpoints = LandingReader.landed(spark, input, Source.TOUCHPOINTS, dt);
      boolean anyInteractions = LandingReader.landed(spark, input, Source.INTERACTIONS, dt);
      touchpoints = anyTouchpoints || !anyInteractions
          ? LandingReader.lines(spark, input, Source.TOUCHPOINTS, dt, dt) : LandingReader.none(spark);
      interactions = anyInteractions ? LandingReader.lines(spark, input, Source.INTERACTIONS, dt, dt)
          : LandingReader.none(spark);
    }
    return of(scope, InputValidation.validate(touchpoints, Source.TOUCHPOINTS, config.run()),
        InputValidation.validate(interactions, Source.INTERACTIONS, config.run()), config.run().failFast());
  }

  /**
   * Stores and counts validated lines (from files or a stream's micro-batch). Good records keep
   * their raw line unless the batch is a full rebuild: a later step may still find them duplicates
   * of stored records, and their quarantine row needs it.
   */
  public static BatchInput of(BatchScope scope, ValidatedInput touchpoints, ValidatedInput interactions,
      boolean failFast) {
    boolean keepRaw = scope.kind() != BatchScope.Kind.EVERYTHING;
    ValidatedInput t = touchpoints.materialized(keepRaw);
    ValidatedInput i = interactions.materialized(keepRaw);
    ValidatedInput.Counts tc = t.count();
    ValidatedInput.Counts ic = i.count();
    log(t, tc, scope);
    log(i, ic, scope);
    ValidatedInput.Counts counts = tc.plus(ic);
    if (failFast && counts.quarantined() > 0) {
      List<String> ids = t.rejects().unionByName(i.rejects()).select(QuarantineSchema.RECORD_ID).limit(5)
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
      throw VoclakeException.of("--fail-fast: %d bad records (touchpoints %s, interactions %s), first ids %s",
          counts.quarantined(), tc.rejectsByReason(), ic.rejectsByReason(), ids);
    }
    return new BatchInput(scope, t, i, counts);
  }

  /**
   * This input with the good records whose ids are in {@code touchpointIds} or
   * {@code interactionIds} (one column each; null for none) rejected as
   * {@link RejectReason#DUPLICATE_ID}: records stored before, which only a step that reads the
   * tables can tell.
   */
  public BatchInput withDuplicates(Dataset<Row> touchpointIds, Dataset<Row> interactionIds) {
    ValidatedInput t = touchpointIds == null ? touchpoints
        : touchpoints.rejecting(touchpointIds, RejectReason.DUPLICATE_ID);
    ValidatedInput i = interactionIds == null ? interactions
        : interactions.rejecting(interactionIds, RejectReason.DUPLICATE_ID);
    return new BatchInput(scope, t, i, t.count().plus(i.count()));
  }

  /** The quarantine rows of {@code source}'s rejected lines, filed under {@code runId}. */
  public Dataset<Row> quarantine(Source source, String runId) {
    return quarantine(source == Source.TOUCHPOINTS ? touchpoints : interactions, runId);
  }

  /** The quarantine rows of {@code input}'s rejected lines, filed under {@code runId}. */
  public static Dataset<Row> quarantine(ValidatedInput input, String runId) {
    return input.rejects().select(functions.lit(runId).as(QuarantineSchema.RUN_ID),
        functions.lit(input.source().folder()).as(QuarantineSchema.SOURCE), col(QuarantineSchema.REASON),
        col(QuarantineSchema.RECORD_ID), col(QuarantineSchema.RAW),
        functions.current_timestamp().as(QuarantineSchema.QUARANTINED_AT), col(QuarantineSchema.DT));
  }

  private static void log(ValidatedInput input, ValidatedInput.Counts c, BatchScope scope) {
    LOG.info("Read {} {} records ({}): {} good, {} quarantined {}{}{}", c.recordsIn(), input.source().folder(),
        describe(scope), c.good(), c.quarantined(), c.rejectsByReason(),
        c.blankLines() > 0 ? ", " + c.blankLines() + " blank lines skipped" : "",
        c.nulledByField().isEmpty() ? "" : ", unreadable optional fields set to null " + c.nulledByField());
  }

  private static String describe(BatchScope scope) {
    return switch (scope.kind()) {
      case EVERYTHING -> "landed up to " + scope.dt();
      case LANDING_DATE -> "landed on " + scope.dt();
      case RECORDS -> "a batch of " + scope.dt();
    };
  }
}
