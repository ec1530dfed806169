package com.voclake.io;

import static org.apache.spark.sql.functions.col;

import com.voclake.VoclakeException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads the landing zone: JSON-lines files under {@code <input>/<source>/dt=YYYY-MM-DD/}, as raw
 * lines ({@link InputValidation#LINES}) for {@link InputValidation#validate}. Reads, never parses.
 */
public final class LandingReader {
  private LandingReader() {}

  /**
   * The lines of {@code source} landed on dates in [{@code fromDt}, {@code toDt}] (inclusive;
   * {@code fromDt} null means from the first date). One date reads its own folder only: listing
   * every {@code dt=} folder of the history would cost a listing job per source and run.
   *
   * @throws VoclakeException when the source folder, or the one date's folder, does not exist
   */
  public static Dataset<Row> lines(SparkSession spark, String input, Source source, String fromDt, String toDt) {
    String root = input + "/" + source.folder();
    boolean oneDate = fromDt != null && fromDt.equals(toDt);
    if (!HadoopFiles.exists(spark, root)) {
      throw VoclakeException.of("No %s landed under %s: expected JSON-lines files in %s/dt=YYYY-MM-DD/"
          + " (check paths.input or --input)", source.folder(), root, root);
    }
    if (oneDate && !landed(spark, input, source, toDt)) {
      throw VoclakeException.of("No %s landed for %s: expected files under %s/dt=%s/ (check --date)",
          source.folder(), toDt, root, toDt);
    }
    String predicate = (fromDt == null ? "" : "dt >= '" + fromDt + "' AND ") + "dt <= '" + toDt + "'";
    return spark.read().option("basePath", root).text(oneDate ? root + "/dt=" + toDt : root)
        .select(col("value").as(InputValidation.RAW), col(TouchpointSchema.DT).cast("string").as(TouchpointSchema.DT))
        .where(predicate);
  }

  /** Whether anything of {@code source} landed on {@code dt}. */
  public static boolean landed(SparkSession spark, String input, Source source, String dt) {
    return HadoopFiles.exists(spark, input + "/" + source.folder() + "/dt=" + dt);
  }

  /** No lines, for a source that landed nothing on a day the other one did. */
  public static Dataset<Row> none(SparkSession spark) {
    return spark.createDataFrame(java.util.List.of(), InputValidation.LINES);
  }
}
