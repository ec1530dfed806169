package com.voclake.identity;

import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import com.voclake.io.Warehouse;
import org.apache.spark.sql.types.StructType;

/**
 * {@code cdp/identity_overrides}: a data steward's manual decisions, applied on every identity run
 * (full or incremental), so an unmerge sticks. One row per pair of identifiers, named by type and
 * keyed hash exactly as in {@code cdp/identity_links} (never raw values):
 *
 * <ul>
 *   <li>{@link #NEVER_LINK}: the two identifiers must never be in one customer. A customer holding
 *       both is split in two: each record and identifier goes to the side of the override identifier
 *       it is nearer to in the graph (ties to side a), and the links between the sides are cut.
 *   <li>{@link #ALWAYS_LINK}: the two identifiers are one customer, as if a record carried both.
 * </ul>
 *
 * <p>How to add one: find the identifiers' {@code id_type} and {@code id_hash} in
 * {@code cdp/identity_links} (by {@code one_id} and {@code id_masked}), then either call
 * {@link IdentityOverrides#add}, or in Spark SQL:
 * <pre>
 * INSERT INTO delta.`&lt;warehouse&gt;/cdp/identity_overrides` VALUES ('never_link', 'phone',
 *   '&lt;id_hash&gt;', 'crm_id', '&lt;id_hash&gt;', 'ticket 4711: two brothers share a phone',
 *   'zhang.wei', current_timestamp())
 * </pre>
 * Deleting the row undoes the override on the next run.
 */
public final class IdentityOverridesSchema {
  public static final String RULE = "rule";
  public static final String ID_TYPE_A = "id_type_a";
  public static final String ID_HASH_A = "id_hash_a";
  public static final String ID_TYPE_B = "id_type_b";
  public static final String ID_HASH_B = "id_hash_b";
  public static final String REASON = "reason";
  public static final String ADDED_BY = "added_by";
  public static final String ADDED_AT = "added_at";

  public static final String NEVER_LINK = "never_link";
  public static final String ALWAYS_LINK = "always_link";

  public static final StructType SCHEMA = new StructType()
      .add(RULE, StringType)
      .add(ID_TYPE_A, StringType)
      .add(ID_HASH_A, StringType)
      .add(ID_TYPE_B, StringType)
      .add(ID_HASH_B, StringType)
      .add(REASON, StringType)
      .add(ADDED_BY, StringType)
      .add(ADDED_AT, TimestampType);

  private IdentityOverridesSchema() {}

  public static String path(Warehouse warehouse) {
    return warehouse.root() + "/cdp/identity_overrides";
  }
}
