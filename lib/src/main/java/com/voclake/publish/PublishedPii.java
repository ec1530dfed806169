package com.voclake.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.voclake.VoclakeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Defence in depth against raw PII in published outputs. The text stage scrubs phone numbers and
 * e-mail addresses from text and keywords, and publishing only writes aggregates; this catches a
 * regression upstream before BI users see it. Names cannot be recognised by pattern: they are kept
 * out by never publishing free text.
 */
public final class PublishedPii {
  /**
   * A mainland mobile number (with or without +86 and separators) or an e-mail address, anywhere
   * in the value. Deliberately broad: a false positive only drops a keyword or stops a publish.
   */
  public static final String PATTERN =
      "(^|[^0-9])(\\+?86[- ]?)?1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}([^0-9]|$)"
          + "|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";

  private PublishedPii() {}

  /** True where {@code value} looks like a phone number or an e-mail address. */
  public static Column looksLikePii(Column value) {
    return value.rlike(PATTERN);
  }

  /**
   * Fails, naming the dataset and columns (never the values), when any string or string-array
   * column of {@code rows} holds something that looks like a phone number or e-mail address.
   */
  public static void requireClean(Dataset<Row> rows, String dataset) {
    List<String> names = new ArrayList<>();
    List<Column> hits = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      Column hit = null;
      if (field.dataType().equals(DataTypes.StringType)) {
        hit = looksLikePii(col(field.name()));
      } else if (field.dataType() instanceof ArrayType array
          && array.elementType().equals(DataTypes.StringType)) {
        hit = exists(col(field.name()), PublishedPii::looksLikePii);
      }
      if (hit != null) {
        names.add(field.name());
        hits.add(sum(when(hit, lit(1L)).otherwise(lit(0L))).as(field.name()));
      }
    }
    if (hits.isEmpty()) {
      return;
    }
    Row counts = rows.agg(hits.get(0), hits.subList(1, hits.size()).toArray(Column[]::new)).first();
    List<String> dirty = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!counts.isNullAt(i) && counts.getLong(i) > 0) {
        dirty.add(names.get(i) + " (" + counts.getLong(i) + " rows)");
      }
    }
    if (!dirty.isEmpty()) {
      throw VoclakeException.of(
          "Refusing to publish %s: values that look like phone numbers or e-mail addresses in %s."
              + " Published data must hold no raw PII; check that the enrich stage scrubbed them.",
          dataset, String.join(", ", dirty));
    }
  }
}
