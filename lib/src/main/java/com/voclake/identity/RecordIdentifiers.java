package com.voclake.identity;

import static org.apache.spark.sql.functions.col;

import com.voclake.io.Identifiers;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The identifier values of one record, normalized ({@link IdentifierNormalizer}) and classified as
 * {@link IdentityGraph#VALID}, {@link IdentityGraph#INVALID} or {@link IdentityGraph#JUNK}: the
 * per-record step of identity merge, done in one pass over each record's identifier columns.
 * Serializable: it travels to executors inside the UDFs of {@link #occurrences()} and
 * {@link #hashed(byte[])}.
 */
final class RecordIdentifiers implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String ID_TYPE = IdentityGraph.ID_TYPE;
  static final StructType OCCURRENCE = new StructType()
      .add(ID_TYPE, DataTypes.StringType, false)
      .add(IdentityGraph.ID_VALUE, DataTypes.StringType, true)
      .add(IdentityGraph.ID_STATE, DataTypes.StringType, false);
  static final String IDENTIFIERS = IdentityRecordsSchema.IDENTIFIERS;
  static final String STATES = "id_states";
  /** {@link #hashed}'s result: the record's identifiers as stored, and the state of every value. */
  static final StructType HASHED = new StructType()
      .add(IDENTIFIERS, new ArrayType(IdentityRecordsSchema.IDENTIFIER, true), false)
      .add(STATES, DataTypes.createArrayType(DataTypes.StringType, false), false);
  /** Static, so the UDF's closure does not capture it (comparator lambdas are not serializable). */
  private static final Comparator<Row> BY_TYPE_AND_HASH = Comparator.<Row, String>comparing(r -> r.getString(0))
      .thenComparing(r -> r.getString(1));
  private static final int APP_ID = Identifiers.ALL.indexOf(Identifiers.WECHAT_APPID);
  /** Position in {@link #columns()} of each {@link Identifiers#LINKING} type, looked up once, not per row. */
  private static final int[] LINKING_AT = Identifiers.LINKING.stream().mapToInt(Identifiers.ALL::indexOf).toArray();

  private final List<String> junkPatterns;
  private transient volatile Pattern junk;

  RecordIdentifiers(List<String> junkPatterns) {
    this.junkPatterns = List.copyOf(junkPatterns);
  }

  /** A record's identifier columns, in {@link Identifiers#ALL} order: the argument of the UDFs. */
  static Column columns() {
    return functions.struct(Identifiers.ALL.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * One occurrence per non-blank identifier value of {@code values} (a row of {@link #columns()}),
   * in {@link Identifiers#LINKING} order: its type, its normalized value when valid (null
   * otherwise, so nothing can link on junk), and its state.
   */
  List<Occurrence> of(Row values) {
    if (junk == null && !junkPatterns.isEmpty()) {
      junk = IdentifierNormalizer.junkPattern(junkPatterns);
    }
    String appId = values.getString(APP_ID);
    List<Occurrence> out = new ArrayList<>(2);
    for (int i = 0; i < LINKING_AT.length; i++) {
      String type = Identifiers.LINKING.get(i);
      String raw = values.getString(LINKING_AT[i]);
      if (IdentifierNormalizer.clean(raw) == null) {
        continue;
      }
      String value = IdentifierNormalizer.normalize(type, raw, appId);
      String state = IdentifierNormalizer.isJunk(raw, value, junk) ? IdentityGraph.JUNK
          : value == null ? IdentityGraph.INVALID : IdentityGraph.VALID;
      out.add(new Occurrence(type, IdentityGraph.VALID.equals(state) ? value : null, state));
    }
    return out;
  }

  /** One identifier value of a record. */
  record Occurrence(String type, String value, String state) {}

  /** UDF: {@link #columns()} to {@code array<}{@link #OCCURRENCE}{@code >}. */
  Column occurrences() {
    return functions.udf((UDF1<Row, List<Row>>) values -> {
      List<Row> rows = new ArrayList<>();
      for (Occurrence o : of(values)) {
        rows.add(RowFactory.create(o.type(), o.value(), o.state()));
      }
      return rows;
    }, DataTypes.createArrayType(OCCURRENCE, false)).withName("identifier_occurrences").apply(columns());
  }

  /**
   * UDF: {@link #columns()} to {@link #HASHED}: the distinct valid identifiers as
   * {@code (id_type, id_hash, id_masked)} sorted by type and hash, hashed under {@code key}, and
   * the state of every occurrence (for counts).
   */
  Column hashed(byte[] key) {
    PiiProtection.Hasher hasher = new PiiProtection.Hasher(key);
    return functions.udf((UDF1<Row, Row>) values -> {
      TreeSet<Row> identifiers = new TreeSet<>(BY_TYPE_AND_HASH);
      List<String> states = new ArrayList<>(2);
      for (Occurrence o : of(values)) {
        states.add(o.state());
        if (o.value() != null) {
          identifiers.add(RowFactory.create(o.type(), hasher.hash(o.type(), o.value()),
              PiiProtection.mask(o.type(), o.value())));
        }
      }
      return RowFactory.create(new ArrayList<>(identifiers), states);
    }, HASHED).withName("record_identifiers").apply(columns());
  }
}
