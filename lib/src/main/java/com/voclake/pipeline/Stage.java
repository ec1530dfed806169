package com.voclake.pipeline;

import org.apache.spark.sql.SparkSession;

/** One step of a job (identity, enrich, publish): reads its inputs, writes its tables, reports. */
@FunctionalInterface
public interface Stage {
  StageResult run(SparkSession spark, RunContext ctx);
}
