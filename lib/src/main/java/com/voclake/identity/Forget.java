package com.voclake.identity;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;

import com.voclake.VoclakeException;
import com.voclake.increment.Increments;
import com.voclake.io.DeltaTables;
import com.voclake.io.HadoopFiles;
import com.voclake.io.Identifiers;
import com.voclake.io.QuarantineSchema;
import com.voclake.io.Warehouse;
import com.voclake.pipeline.RunContext;
import com.voclake.text.EnrichedInteractionSchema;
import com.voclake.voc.CustomerVocSchema;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code forget} job (PIPL right to deletion): erases one customer from the warehouse and
 * says what it removed.
 *
 * <p>The customer is found from a phone, an e-mail (normalized and keyed-hashed exactly as identity
 * merge does, see {@link GivenIdentifier}) or a {@code one_id}. Then, with Delta DELETE:
 * <ul>
 *   <li>{@code cdp/identity_links}: the customer's identifiers, and the given identifier's own row
 *       even when it is {@code shared_blocked} (it belongs to no single customer, so no customer is
 *       erased through it, but it is the requester's data);
 *   <li>{@code cdp/customer_profile}, {@code cdp/customer_journey}, {@code cdp/customer_voc}: rows of
 *       the customer's one_ids;
 *   <li>{@code cdp/merge_log} when it exists: every row where any string (or array of strings)
 *       column equals one of the customer's one_ids or identifier hashes, whatever its schema;
 *   <li>{@code voc/interactions_enriched}: rows of the customer's one_ids, and rows of the
 *       customer's interactions (from the journey) whatever one_id they carry, since the enrich
 *       run of an older date stored the one_id the customer had then;
 *   <li>{@code quarantine/*}: rows whose raw line carries the given identifier or any of the
 *       customer's active identifiers. A line is matched by keyed hash, after normalizing (a) each
 *       identifier field of the line when it parses as JSON and (b) every phone-like digit run
 *       (digits alone, and digits with spaces, hyphens, dots or brackets between them, full-width
 *       digits included) and every e-mail-like token anywhere in the line, so a phone written in
 *       any form inside free text or a broken JSON line is found. Not found: numbers written in
 *       Chinese numerals (一三八...), numbers split by other characters, two numbers written with
 *       separators and only a space between them, and identifiers of the customer that identity
 *       merge never saw (only quarantined lines carry them).
 * </ul>
 * After deleting, every table that lost rows is vacuumed with retention 0 so that the files that
 * held them are physically removed (if that fails, the exception names the tables to vacuum by
 * hand: a rerun finds no rows and would not vacuum), then a row is appended to {@code cdp/forget_log}
 * ({@link ForgetLogSchema}). A dry run counts the same rows and changes nothing.
 *
 * <p>What it cannot erase is listed in the report's notes: the landing zone (a later identity
 * run would bring the customer back from it), the published Parquet (aggregates only, no
 * per-customer rows), and Delta's transaction logs, which keep per-file min/max statistics (for
 * the CDP tables: one_ids, hashes and masked forms, never raw values; for quarantine the first 32
 * characters of raw lines) until {@code delta.logRetentionDuration} (30 days by default) expires.
 *
 * <p>Run it while no other job writes the warehouse: vacuuming with retention 0 removes files
 * that a concurrent reader or writer may still be using, and time travel to versions before the
 * erasure stops working (which is the point). An increment that was claimed and not committed
 * ({@link Increments}) is committed first, so that no staged copy of the customer's rows is left;
 * then the staged and checkpoint folders that crashed runs left behind are removed too. The
 * DELETEs test sets held by UDFs, so the customer's one_ids, hashes and ids are not written into
 * the tables' Delta logs as the predicates of their commits.
 */
public final class Forget {
  public static final String FORGET_LOG = "cdp/forget_log";

  /** The note on published outputs, printed with every report. */
  public static final String PUBLISHED_NOTE = "published Parquet (publish/*) holds only aggregates"
      + " (counts and shares by category, channel, region, segment) and no per-customer rows:"
      + " nothing to erase there.";
  public static final String LANDING_NOTE = "the landing zone (paths.input: touchpoints/ and"
      + " interactions/) is not erased by this job: purge the customer's lines there too, or the"
      + " next identity run rebuilds the customer from them.";

  private static final Logger LOG = LoggerFactory.getLogger(Forget.class);
  private static final String RAW_SHA = "_raw_sha";
  private static final String ID_TYPE = "_id_type";
  private static final String ID_VALUE = "_id_value";
  private static final String ID_HASH = "_id_hash";
  /** Phone numbers written without separators, with an optional + or 00 prefix. */
  private static final String DIGIT_RUN = "(?:\\+|00)?\\d+";
  /** Phone numbers written with spaces, hyphens, dots or brackets between the digits. */
  private static final String SEPARATED_DIGITS = "(?:\\+|00)?\\d[\\d \\u00A0\\-().·]*\\d";
  private static final String EMAIL_IN_TEXT = "[a-z0-9._%+\\-]+@[a-z0-9\\-]+(?:\\.[a-z0-9\\-]+)*\\.[a-z]{2,}";
  private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
  private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

  private Forget() {}

  /**
   * Erases (or, with {@code dryRun}, counts) everything of the customer {@code who} identifies.
   * An identifier that matches nothing is not an error: the report says nothing was found.
   *
   * @throws VoclakeException when {@code who} is not a valid identifier (nothing is touched then)
   */
  public static ForgetReport run(SparkSession spark, RunContext ctx, GivenIdentifier who, boolean dryRun) {
    long started = System.nanoTime();
    if (who.state() == GivenIdentifier.State.INVALID) {
      throw VoclakeException.of("Cannot forget this %s: it is not a valid %s as identity merge normalizes"
          + " it, so no table can hold it", who.type(), who.type());
    }
    List<String> notes = new ArrayList<>();
    if (who.state() == GivenIdentifier.State.JUNK) {
      notes.add("the " + who.type() + " given is a placeholder value (identity.junk-patterns): identity"
          + " merge never links it and it identifies no one, so nothing was erased.");
      notes.add(PUBLISHED_NOTE);
      return new ForgetReport(who.toString(), dryRun, List.of(), List.of(), List.of(), notes, ctx.runId());
    }
    Warehouse warehouse = ctx.warehouse();
    byte[] key = ctx.config().pii().resolveKey(System.getenv());
    if (dryRun) {
      if (Increments.pendingCount(spark, warehouse) > 0) {
        notes.add("an increment was claimed and not committed (a writer stopped, or is writing now): the"
            + " next writer, or this job without --dry-run, commits it first, and it may add rows of the customer.");
      }
    } else {
      // Staged changes of an unfinished increment may hold the customer's rows: they go in first,
      // then are erased with the rest, and no staged copy is left behind.
      Increments.finishPending(spark, warehouse, ctx.runId(), ctx.config().run().incrementGrace());
    }

    Customer customer = findCustomer(spark, warehouse, who);
    if (customer.sharedStatus() != null) {
      notes.add("the " + who.type() + " given is " + customer.sharedStatus() + ": several customers"
          + " used it, so it identifies none of them and no customer was erased through it; only its"
          + " own row in cdp/identity_links. Ask for the customer's one_id to erase a customer.");
    }
    Set<String> ids = customer.oneIds();
    Set<String> hashes = new TreeSet<>(customer.hashes());
    Set<String> mentions = new TreeSet<>(ids);
    mentions.addAll(hashes);

    Map<String, Column> scope = new LinkedHashMap<>();
    scope.put(warehouse.identityLinks(), inSet(col(IdentityLinksSchema.ONE_ID), ids)
        .or(inSet(col(IdentityLinksSchema.ID_HASH), hashes)));
    scope.put(warehouse.customerProfile(), inSet(col(CustomerProfileSchema.ONE_ID), ids));
    scope.put(warehouse.customerVoc(), inSet(col(CustomerVocSchema.ONE_ID), ids));
    scope.put(warehouse.customerJourney(), inSet(col(CustomerJourneySchema.ONE_ID), ids));
    scope.put(IdentityRecordsSchema.path(warehouse), inSet(col(IdentityRecordsSchema.ONE_ID), ids));
    scope.put(warehouse.mergeLog(), null);
    scope.put(IdentityOverridesSchema.path(warehouse), null);
    scope.put(warehouse.interactionsEnriched(), inSet(col(EnrichedInteractionSchema.ONE_ID), ids)
        .or(inSet(col(EnrichedInteractionSchema.INTERACTION_ID), customer.interactionIds())));
    for (String source : HadoopFiles.listDirectories(spark, warehouse.root() + "/quarantine")) {
      scope.put(warehouse.quarantine(source), null);
    }

    List<ForgetReport.TableCount> counts = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (Map.Entry<String, Column> entry : scope.entrySet()) {
      String path = entry.getKey();
      String name = relative(warehouse, path);
      if (!DeltaTables.exists(spark, path)) {
        counts.add(new ForgetReport.TableCount(name, null));
        continue;
      }
      Dataset<Row> table = spark.read().format("delta").load(path);
      // Tables without the landed line (merge log, overrides, identity's own quarantine) hold
      // one_ids and hashes only: any column that mentions one of them marks a row to erase.
      boolean holdsRawLines = java.util.Arrays.asList(table.columns()).contains(QuarantineSchema.RAW);
      Column condition = entry.getValue() != null ? entry.getValue()
          : holdsRawLines ? quarantineCondition(table, key, hashes)
          : mentioning(table.schema(), mentions);
      long rows = table.where(condition).count();
      if (rows > 0 && !dryRun) {
        // The condition tests sets held by the UDFs, not literals: the customer's keys never
        // appear in the DELETE's predicate, which Delta writes into the table's log.
        DeltaTable.forPath(spark, path).delete(condition);
        deleted.add(path);
      }
      counts.add(new ForgetReport.TableCount(name, rows));
      LOG.info("Forget {}: {} {} rows in {}", who, dryRun ? "would delete" : "deleted", rows, name);
    }

    List<String> vacuumed = new ArrayList<>();
    if (!deleted.isEmpty()) {
      try {
        vacuum(spark, deleted);
      } catch (RuntimeException e) {
        // A rerun finds no rows any more and would not vacuum: say how to finish by hand.
        throw new VoclakeException("Rows were deleted but VACUUM failed, so the old files still hold them: run"
            + " VACUUM delta.`<table>` RETAIN 0 HOURS (with " + RETENTION_CHECK + "=false) on "
            + deleted + " while no other job writes: " + e.getMessage(), e);
      }
      deleted.forEach(p -> vacuumed.add(relative(warehouse, p)));
      int leftovers = Increments.removeLeftovers(spark, warehouse);
      if (leftovers > 0) {
        LOG.info("Forget {}: removed {} staged or checkpoint folders that stopped runs left behind", who, leftovers);
      }
    }
    notes.add(PUBLISHED_NOTE);
    notes.add(LANDING_NOTE);
    notes.add("Delta transaction logs (_delta_log) keep per-file min/max statistics until"
        + " delta.logRetentionDuration (30 days by default) expires: for CDP tables one_ids, hashes"
        + " and masked forms (never raw values), for quarantine the first 32 characters of raw lines.");
    ForgetReport report = new ForgetReport(who.toString(), dryRun, new ArrayList<>(ids), counts, vacuumed,
        notes, ctx.runId());
    if (!dryRun) {
      recordRequest(spark, warehouse, ctx.runId(), who, report);
    }
    LOG.info("Forget {} {} in {} s: {} customer(s), {} rows", who, dryRun ? "counted" : "done",
        String.format("%.1f", (System.nanoTime() - started) / 1e9), ids.size(), report.totalRows());
    return report;
  }

  /**
   * The customer's one_ids, the keyed hashes of the identifiers to erase (the given one and the
   * customer's active ones), its interaction ids, and the identifier's status when it is shared.
   */
  private record Customer(Set<String> oneIds, Set<String> hashes, Set<String> interactionIds,
      String sharedStatus) {}

  private static Customer findCustomer(SparkSession spark, Warehouse warehouse, GivenIdentifier who) {
    Set<String> oneIds = new TreeSet<>();
    Set<String> hashes = new TreeSet<>();
    String sharedStatus = null;
    boolean links = DeltaTables.exists(spark, warehouse.identityLinks());
    if (who.isOneId()) {
      // Erased by that id even where no current table lists it: enriched rows of older dates can
      // carry a one_id that a later merge replaced.
      oneIds.add(who.oneId());
    } else {
      hashes.add(who.hash());
      if (links) {
        for (Row r : spark.read().format("delta").load(warehouse.identityLinks())
            .where(col(IdentityLinksSchema.ID_HASH).equalTo(who.hash()))
            .select(IdentityLinksSchema.ONE_ID, IdentityLinksSchema.STATUS).collectAsList()) {
          if (r.isNullAt(0)) {
            sharedStatus = r.getString(1);
          } else {
            oneIds.add(r.getString(0));
          }
        }
      }
    }
    if (links && !oneIds.isEmpty()) {
      hashes.addAll(spark.read().format("delta").load(warehouse.identityLinks())
          .where(inSet(col(IdentityLinksSchema.ONE_ID), oneIds))
          .select(IdentityLinksSchema.ID_HASH).as(Encoders.STRING()).collectAsList());
    }
    Set<String> interactionIds = new TreeSet<>();
    if (!oneIds.isEmpty() && DeltaTables.exists(spark, warehouse.customerJourney())) {
      interactionIds.addAll(spark.read().format("delta").load(warehouse.customerJourney())
          .where(inSet(col(CustomerJourneySchema.ONE_ID), oneIds)
              .and(col(CustomerJourneySchema.INTERACTION_ID).isNotNull()))
          .select(CustomerJourneySchema.INTERACTION_ID).as(Encoders.STRING()).collectAsList());
    }
    return new Customer(oneIds, hashes, interactionIds, sharedStatus);
  }

  /**
   * {@code (dt, _raw_sha, _id_type, _id_value, _id_hash)}: every identifier found in the raw lines
   * of a quarantine table (see the class comment for how), normalized and hashed under
   * {@code key}; pure.
   */
  static Dataset<Row> quarantineIdentifiers(Dataset<Row> quarantine, byte[] key) {
    StructType identifierFields = new StructType();
    for (String field : Identifiers.ALL) {
      identifierFields = identifierFields.add(field, DataTypes.StringType);
    }
    Column halfWidth = IdentifierNormalizer.clean(col(QuarantineSchema.RAW));
    Dataset<Row> lines = quarantine.select(col(QuarantineSchema.DT),
        sha2(col(QuarantineSchema.RAW), 256).as(RAW_SHA),
        from_json(col(QuarantineSchema.RAW), identifierFields, Map.of("mode", "PERMISSIVE")).as("j"),
        array_union(regexp_extract_all(halfWidth, lit(DIGIT_RUN), lit(0)),
            regexp_extract_all(halfWidth, lit(SEPARATED_DIGITS), lit(0))).as("phones"),
        regexp_extract_all(lower(halfWidth), lit(EMAIL_IN_TEXT), lit(0)).as("emails"));

    List<Column> fields = new ArrayList<>();
    for (String type : Identifiers.LINKING) {
      fields.add(struct(lit(type).as(ID_TYPE), IdentifierNormalizer.normalize(type, col("j." + type),
          col("j." + Identifiers.WECHAT_APPID)).as(ID_VALUE)));
    }
    Dataset<Row> fromFields = lines.select(col(QuarantineSchema.DT), col(RAW_SHA),
            explode(array(fields.toArray(new Column[0]))).as("o"))
        .select(col(QuarantineSchema.DT), col(RAW_SHA), col("o." + ID_TYPE).as(ID_TYPE),
            col("o." + ID_VALUE).as(ID_VALUE));
    Dataset<Row> phones = lines.select(col(QuarantineSchema.DT), col(RAW_SHA), explode(col("phones")).as("p"))
        .select(col(QuarantineSchema.DT), col(RAW_SHA), lit(Identifiers.PHONE).as(ID_TYPE),
            IdentifierNormalizer.phone(col("p")).as(ID_VALUE));
    Dataset<Row> emails = lines.select(col(QuarantineSchema.DT), col(RAW_SHA), explode(col("emails")).as("e"))
        .select(col(QuarantineSchema.DT), col(RAW_SHA), lit(Identifiers.EMAIL).as(ID_TYPE),
            IdentifierNormalizer.email(col("e")).as(ID_VALUE));
    return fromFields.union(phones).union(emails)
        .where(col(ID_VALUE).isNotNull())
        .distinct()
        .withColumn(ID_HASH, PiiProtection.hash(key, col(ID_TYPE), col(ID_VALUE)));
  }

  /** Rows of a quarantine table that carry one of {@code hashes}, as a deterministic condition. */
  private static Column quarantineCondition(Dataset<Row> quarantine, byte[] key, Set<String> hashes) {
    if (hashes.isEmpty()) {
      return lit(false);
    }
    List<Row> matches = quarantineIdentifiers(quarantine, key)
        .where(col(ID_HASH).isin(hashes.toArray()))
        .select(QuarantineSchema.DT, RAW_SHA).distinct().collectAsList();
    if (matches.isEmpty()) {
      return lit(false);
    }
    Set<String> dts = new TreeSet<>();
    Set<String> shas = new TreeSet<>();
    for (Row m : matches) {
      dts.add(m.getString(0));
      shas.add(m.getString(1));
    }
    // The dt filter lets Delta rewrite only the partitions that hold a match.
    return inSet(col(QuarantineSchema.DT), dts)
        .and(inSet(sha2(col(QuarantineSchema.RAW), 256), shas));
  }

  /** Rows where any string or array-of-strings column holds one of {@code values}. */
  static Column mentioning(StructType schema, Set<String> values) {
    Column any = lit(false);
    if (values.isEmpty()) {
      return any;
    }
    Set<String> set = new HashSet<>(values);
    UserDefinedFunction anyIn = functions.udf((UDF1<scala.collection.Seq<String>, Boolean>) array -> {
      if (array != null) {
        for (String v : scala.jdk.javaapi.CollectionConverters.asJava(array)) {
          if (v != null && set.contains(v)) {
            return true;
          }
        }
      }
      return false;
    }, DataTypes.BooleanType);
    for (StructField field : schema.fields()) {
      if (field.dataType().equals(DataTypes.StringType)) {
        any = any.or(inSet(col(field.name()), values));
      } else if (field.dataType() instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
        any = any.or(anyIn.apply(col(field.name())));
      }
    }
    return any;
  }

  /**
   * Whether {@code column}'s value is one of {@code values}, tested by a UDF that holds the set:
   * an {@code IN} list would put the values into the plan, and a DELETE's plan into the Delta log.
   */
  static Column inSet(Column column, Set<String> values) {
    if (values.isEmpty()) {
      return lit(false);
    }
    Set<String> set = new HashSet<>(values);
    return functions.udf((UDF1<String, Boolean>) v -> v != null && set.contains(v), DataTypes.BooleanType)
        .apply(column.cast(DataTypes.StringType));
  }

  /**
   * Removes every file no longer referenced by the current version of each table, so the files
   * that held deleted rows are physically gone (deletion vectors are purged first, else the old
   * file stays referenced with its rows merely marked as deleted).
   */
  private static void vacuum(SparkSession spark, List<String> paths) {
    String previousCheck = spark.conf().contains(RETENTION_CHECK) ? spark.conf().get(RETENTION_CHECK) : null;
    // Delta refuses a retention shorter than 7 days, to protect concurrent readers and time travel.
    // Erasure must remove the old files now, so the check is lifted for this operation only and
    // restored afterwards; the job's documentation says to run it while no other job writes.
    spark.conf().set(RETENTION_CHECK, "false");
    // VACUUM lists files in as many tasks as this setting, 10,000 by default: minutes of empty
    // tasks per table on a few cores (measured: 52 s against 9 s for a tiny table on local[2]).
    // Only when nobody chose a value: a few tasks per core still list a large table in parallel.
    boolean listingChosen = spark.conf().contains(LISTING_PARALLELISM);
    if (!listingChosen) {
      spark.conf().set(LISTING_PARALLELISM, String.valueOf(4 * spark.sparkContext().defaultParallelism()));
    }
    try {
      for (String path : paths) {
        if (DeltaTables.hasDeletionVectors(spark, path)) {
          spark.sql("REORG TABLE delta.`" + path + "` APPLY (PURGE)");
        }
        DeltaTable.forPath(spark, path).vacuum(0.0);
      }
    } finally {
      if (previousCheck == null) {
        spark.conf().unset(RETENTION_CHECK);
      } else {
        spark.conf().set(RETENTION_CHECK, previousCheck);
      }
      if (!listingChosen) {
        spark.conf().unset(LISTING_PARALLELISM);
      }
    }
  }

  private static void recordRequest(SparkSession spark, Warehouse warehouse, String runId, GivenIdentifier who,
      ForgetReport report) {
    Map<String, Long> removed = new LinkedHashMap<>();
    for (ForgetReport.TableCount t : report.tables()) {
      if (t.rows() != null) {
        removed.put(t.table(), t.rows());
      }
    }
    Row row = RowFactory.create(Timestamp.from(Instant.now()), runId, who.type(), who.hash(), who.masked(),
        scala.jdk.javaapi.CollectionConverters.asScala(new ArrayList<>(new LinkedHashSet<>(report.oneIds())))
            .toSeq(),
        scala.jdk.javaapi.CollectionConverters.asScala(removed));
    DeltaTables.append(spark.createDataFrame(List.of(row), ForgetLogSchema.SCHEMA),
        warehouse.root() + "/" + FORGET_LOG);
  }

  private static String relative(Warehouse warehouse, String path) {
    return path.startsWith(warehouse.root() + "/") ? path.substring(warehouse.root().length() + 1) : path;
  }
}
