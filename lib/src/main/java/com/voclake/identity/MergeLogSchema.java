package com.voclake.identity;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * {@code cdp/merge_log}: one row each time a run merged an existing customer into another. The
 * older {@code one_id} (earlier first record, then the smaller id) survives; {@code merged_one_id}
 * no longer exists after {@code merged_at}. {@code via_id_type}/{@code via_id_hash} name an
 * identifier through which the merged customer's records reached the survivor's (the smallest by
 * type and hash when there are several); {@code rule} is {@link #IDENTIFIER_MATCH}, or
 * {@link #ALWAYS_LINK} when only a manual override joined them. Rows are appended; a rerun adds
 * none, because the state it reads already holds the merge.
 */
public final class MergeLogSchema {
  public static final String MERGED_ONE_ID = "merged_one_id";
  public static final String SURVIVING_ONE_ID = "surviving_one_id";
  public static final String MERGED_AT = "merged_at";
  public static final String RUN_ID = "run_id";
  public static final String DT = "dt";
  public static final String VIA_ID_TYPE = "via_id_type";
  public static final String VIA_ID_HASH = "via_id_hash";
  public static final String RULE = "rule";

  public static final String IDENTIFIER_MATCH = "identifier_match";
  public static final String ALWAYS_LINK = IdentityOverridesSchema.ALWAYS_LINK;

  public static final StructType SCHEMA = new StructType()
      .add(MERGED_ONE_ID, StringType)
      .add(SURVIVING_ONE_ID, StringType)
      .add(MERGED_AT, TimestampType)
      .add(RUN_ID, StringType)
      .add(DT, StringType)
      .add(VIA_ID_TYPE, StringType)
      .add(VIA_ID_HASH, StringType)
      .add(RULE, StringType);

  private MergeLogSchema() {}
}
