package com.voclake.identity;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.StructType;

/**
 * {@code cdp/identity_links}: one row per normalized identifier that identity merge accepted
 * (junk and malformed values are not listed; they identify no one).
 *
 * <p>{@code id_hash} is {@link PiiProtection#hash(byte[], String, String)} of the type and the
 * normalized value; {@code id_masked} its display form. {@code status} is {@link #ACTIVE},
 * {@link #SHARED_BLOCKED} for a weak identifier that co-occurs with too many strong ones (see
 * {@link IdentityResolution#sharedIdentifiers}), or {@link #QUARANTINED} for one cut from an
 * oversized component ({@code identity.max-component-size}). A blocked identifier is still listed,
 * with its counts, so that a data steward can see it, but its {@code one_id} is null: it belongs to
 * no single customer and linked none. Both kinds are also in {@code quarantine/identity}.
 */
public final class IdentityLinksSchema {
  public static final String ID_TYPE = "id_type";
  public static final String ID_HASH = "id_hash";
  public static final String ID_MASKED = "id_masked";
  public static final String ONE_ID = "one_id";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";
  public static final String RECORDS = "records";
  public static final String STATUS = "status";

  public static final String ACTIVE = "active";
  public static final String SHARED_BLOCKED = "shared_blocked";
  public static final String QUARANTINED = "quarantined";

  public static final StructType SCHEMA = new StructType()
      .add(ID_TYPE, StringType)
      .add(ID_HASH, StringType)
      .add(ID_MASKED, StringType)
      .add(ONE_ID, StringType)
      .add(FIRST_SEEN, TimestampType)
      .add(LAST_SEEN, TimestampType)
      .add(RECORDS, LongType)
      .add(STATUS, StringType);

  private IdentityLinksSchema() {}
}
