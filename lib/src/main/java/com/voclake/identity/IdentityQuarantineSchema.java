package com.voclake.identity;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * {@code quarantine/identity}: identifiers that a guard rail stopped, one row per identifier and
 * rule, for the run's date ({@code dt}; a rerun replaces it). Values are keyed hashes and masked
 * forms only.
 *
 * <ul>
 *   <li>{@link #SHARED_IDENTIFIER}: a weak identifier seen with {@code observed} distinct strong
 *       identifiers, more than {@code limit} ({@code identity.shared-limits}); it links nothing.
 *   <li>{@link #MAX_COMPONENT_SIZE}: an identifier of a component of {@code observed} records,
 *       more than {@code limit} ({@code identity.max-component-size}); {@code component} labels
 *       the component (the id it would have had), so its rows can be grouped. {@code dropped}
 *       says whether this identifier was cut from the graph to split it.
 * </ul>
 */
public final class IdentityQuarantineSchema {
  public static final String RUN_ID = "run_id";
  public static final String RULE = "rule";
  public static final String ID_TYPE = "id_type";
  public static final String ID_HASH = "id_hash";
  public static final String ID_MASKED = "id_masked";
  public static final String COMPONENT = "component";
  public static final String OBSERVED = "observed";
  public static final String LIMIT = "limit";
  public static final String DROPPED = "dropped";
  public static final String QUARANTINED_AT = "quarantined_at";
  public static final String DT = "dt";

  public static final String SHARED_IDENTIFIER = "shared_identifier";
  public static final String MAX_COMPONENT_SIZE = "max_component_size";

  public static final StructType SCHEMA = new StructType()
      .add(RUN_ID, StringType)
      .add(RULE, StringType)
      .add(ID_TYPE, StringType)
      .add(ID_HASH, StringType)
      .add(ID_MASKED, StringType)
      .add(COMPONENT, StringType)
      .add(OBSERVED, LongType)
      .add(LIMIT, LongType)
      .add(DROPPED, org.apache.spark.sql.types.DataTypes.BooleanType)
      .add(QUARANTINED_AT, TimestampType)
      .add(DT, StringType);

  private IdentityQuarantineSchema() {}
}
