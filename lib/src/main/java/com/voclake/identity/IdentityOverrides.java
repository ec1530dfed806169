package com.voclake.identity;

import com.voclake.VoclakeException;
import com.voclake.io.DeltaTables;
import com.voclake.io.Identifiers;
import com.voclake.io.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/** Reads and adds rows of {@code cdp/identity_overrides} ({@link IdentityOverridesSchema}). */
public final class IdentityOverrides {
  private IdentityOverrides() {}

  /** Every override of the warehouse; none when the table does not exist. */
  public static Dataset<Row> read(SparkSession spark, Warehouse warehouse) {
    String path = IdentityOverridesSchema.path(warehouse);
    if (!DeltaTables.exists(spark, path)) {
      return spark.createDataFrame(List.of(), IdentityOverridesSchema.SCHEMA);
    }
    return IdentityTables.conform(spark.read().format("delta").load(path), IdentityOverridesSchema.SCHEMA);
  }

  /**
   * Appends one override; it applies from the next identity run on. Identifiers are named by type
   * and {@code id_hash} as {@code cdp/identity_links} shows them.
   *
   * @param rule {@link IdentityOverridesSchema#NEVER_LINK} or {@link IdentityOverridesSchema#ALWAYS_LINK}
   */
  public static void add(SparkSession spark, Warehouse warehouse, String rule, String typeA, String hashA,
      String typeB, String hashB, String reason, String addedBy) {
    if (!rule.equals(IdentityOverridesSchema.NEVER_LINK) && !rule.equals(IdentityOverridesSchema.ALWAYS_LINK)) {
      throw VoclakeException.of("Cannot add an identity override with rule %s: use %s or %s", rule,
          IdentityOverridesSchema.NEVER_LINK, IdentityOverridesSchema.ALWAYS_LINK);
    }
    for (String type : List.of(typeA, typeB)) {
      if (!Identifiers.LINKING.contains(type)) {
        throw VoclakeException.of("Cannot add an identity override for identifier type %s: use one of %s",
            type, Identifiers.LINKING);
      }
    }
    for (String hash : List.of(hashA, hashB)) {
      if (!hash.matches("[0-9a-f]{64}")) {
        throw VoclakeException.of("Cannot add an identity override for hash %s: give the 64 hex digits of"
            + " id_hash from cdp/identity_links, not a raw value", hash.length() > 8 ? hash.substring(0, 4) + "…" : hash);
      }
    }
    Row row = RowFactory.create(rule, typeA, hashA, typeB, hashB, reason, addedBy, Timestamp.from(Instant.now()));
    DeltaTables.append(spark.createDataFrame(List.of(row), IdentityOverridesSchema.SCHEMA),
        IdentityOverridesSchema.path(warehouse));
  }
}
