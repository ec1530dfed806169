package com.voclake.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.voclake.increment.BatchInput;
import com.voclake.increment.BatchScope;
import com.voclake.increment.Staging;
import com.voclake.io.QuarantineSchema;
import com.voclake.io.Source;
import com.voclake.io.Warehouse;
import com.voclake.voc.CustomerVocWrites;
import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The writer of identity merge: stages the changes of one batch ({@link IdentityChanges}) as the
 * increment's table writes, with the run's columns, and the batch's rejected input lines.
 */
final class IdentityWrites {
  static final String[] ID = {IdentityRecordsSchema.ID_TYPE, IdentityRecordsSchema.ID_HASH};

  private IdentityWrites() {}

  /**
   * Stages every write of the batch, in the order they will commit: the four CDP tables (whole for
   * a full rebuild, else the changed rows and the keys of the gone ones), the merge log, the
   * guard rails' quarantine and the input's.
   */
  static void stage(Staging staging, Warehouse warehouse, IdentityChanges changes, BatchInput input, String runId) {
    BatchScope scope = input.scope();
    String state = IdentityRecordsSchema.path(warehouse);
    // One file per landing date: each task would otherwise write a file into every date it holds,
    // and every later scan and delete opens each of them.
    Dataset<Row> records = changes.records().repartition(col(IdentityRecordsSchema.DT));
    Dataset<Row> journey = IdentityTables.journey(records);
    if (changes.full()) {
      staging.overwrite(state, records, IdentityRecordsSchema.DT)
          .overwrite(warehouse.customerJourney(), journey, CustomerJourneySchema.DT)
          .overwrite(warehouse.identityLinks(), changes.links())
          .overwrite(warehouse.customerProfile(), changes.profiles());
    } else {
      staging.replace(state, records, new String[] {IdentityRecordsSchema.RECORD_KEY}, changes.recordsGone(),
              IdentityRecordsSchema.DT)
          .replace(warehouse.customerJourney(), journey, IdentityIncrement.JOURNEY_KEY, changes.journeyGone(),
              CustomerJourneySchema.DT)
          .upsert(warehouse.identityLinks(), changes.links(), ID, changes.linksGone())
          .replace(warehouse.customerProfile(), changes.profiles(), new String[] {IdentityResolution.ONE_ID},
              changes.profilesGone());
    }
    Timestamp now = Timestamp.from(Instant.now());
    staging.append(warehouse.mergeLog(), IdentityTables.conform(changes.merges()
        .withColumn(MergeLogSchema.MERGED_AT, lit(now)).withColumn(MergeLogSchema.RUN_ID, lit(runId))
        .withColumn(MergeLogSchema.DT, lit(scope.dt())), MergeLogSchema.SCHEMA), MergeLogSchema.DT);
    Dataset<Row> guardRails = IdentityTables.conform(changes.quarantine()
        .withColumn(IdentityQuarantineSchema.RUN_ID, lit(runId))
        .withColumn(IdentityQuarantineSchema.QUARANTINED_AT, lit(now))
        .withColumn(IdentityQuarantineSchema.DT, lit(scope.dt())), IdentityQuarantineSchema.SCHEMA);
    if (scope.kind() == BatchScope.Kind.RECORDS) {
      staging.append(warehouse.quarantine(IdentityJob.STAGE), guardRails, IdentityQuarantineSchema.DT);
    } else {
      // A full rebuild finds the guard rails' cases of every date again; they are filed under its own.
      staging.replaceWhere(warehouse.quarantine(IdentityJob.STAGE), guardRails, "dt = '" + scope.dt() + "'",
          IdentityQuarantineSchema.DT);
    }
    for (Source source : Source.values()) {
      Dataset<Row> rejects = input.quarantine(source, runId).repartition(col(QuarantineSchema.DT));
      String table = warehouse.quarantine(source.folder());
      if (scope.replacedDates() == null) {
        staging.append(table, rejects, QuarantineSchema.DT);
      } else {
        staging.replaceWhere(table, rejects, scope.replacedDates(), QuarantineSchema.DT);
      }
    }
    if (changes.enriched() != null) {
      Dataset<Row> moved = changes.enriched().repartition(col(IdentityRecordsSchema.DT));
      staging.upsert(warehouse.interactionsEnriched(), moved, new String[] {CustomerJourneySchema.INTERACTION_ID},
          null, IdentityRecordsSchema.DT);
      // Their customers' summaries follow them: the merged one_id's row goes, the survivor's is recomputed.
      CustomerVocWrites.stage(staging, warehouse, staging.staged(warehouse.interactionsEnriched()), lit(false));
    }
    staging.figure("merges", staging.rows(warehouse.mergeLog()))
        .figure("quarantined_identifiers", staging.rows(warehouse.quarantine(IdentityJob.STAGE)));
  }
}
