package com.voclake.identity;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * {@code cdp/forget_log} (Delta, append-only): one row per erasure request that {@link Forget}
 * carried out (dry runs are not recorded), so that an auditor can see that a PIPL deletion request
 * was honoured, when, by which run and what it removed. It never holds the raw identifier:
 * {@code id_hash} is the keyed hash of the normalized value (as in {@code cdp/identity_links}),
 * null for a request by {@code one_id}; {@code id_masked} its display form (the one_id itself for
 * a request by one_id). {@code removed} maps a table (its path under the warehouse) to the rows
 * deleted there; {@code one_ids} are the customers erased (empty when nothing was found).
 */
public final class ForgetLogSchema {
  public static final String FORGOTTEN_AT = "forgotten_at";
  public static final String RUN_ID = "run_id";
  public static final String ID_TYPE = "id_type";
  public static final String ID_HASH = "id_hash";
  public static final String ID_MASKED = "id_masked";
  public static final String ONE_IDS = "one_ids";
  public static final String REMOVED = "removed";

  public static final StructType SCHEMA = new StructType()
      .add(FORGOTTEN_AT, TimestampType)
      .add(RUN_ID, StringType)
      .add(ID_TYPE, StringType)
      .add(ID_HASH, StringType)
      .add(ID_MASKED, StringType)
      .add(ONE_IDS, new ArrayType(StringType, true))
      .add(REMOVED, new MapType(StringType, LongType, true));

  private ForgetLogSchema() {}
}
