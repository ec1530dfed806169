package com.voclake.io;

import org.apache.spark.sql.types.StructType;

/** The landed sources VOCLake reads: their folder (and quarantine) name and their schemas. */
public enum Source {
  TOUCHPOINTS(TouchpointSchema.SOURCE, TouchpointSchema.EVENT_ID, TouchpointSchema.RAW, TouchpointSchema.SCHEMA),
  INTERACTIONS(InteractionSchema.SOURCE, InteractionSchema.INTERACTION_ID, InteractionSchema.RAW,
      InteractionSchema.SCHEMA);

  private final String folder;
  private final String idField;
  private final StructType raw;
  private final StructType typed;

  Source(String folder, String idField, StructType raw, StructType typed) {
    this.folder = folder;
    this.idField = idField;
    this.raw = raw;
    this.typed = typed;
  }

  /** The folder under the input root and the name of its quarantine table. */
  public String folder() {
    return folder;
  }

  /** The field that identifies a record ({@code event_id}, {@code interaction_id}). */
  public String idField() {
    return idField;
  }

  /** Every field as landed, read as strings (see {@link TouchpointSchema#RAW}). */
  public StructType raw() {
    return raw;
  }

  /** The typed form of a good record, with its landing date {@code dt}. */
  public StructType typed() {
    return typed;
  }
}
