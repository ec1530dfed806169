package com.voclake.increment;

import static com.voclake.testing.Rows.row;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.voclake.io.DeltaTables;
import com.voclake.io.HadoopFiles;
import com.voclake.io.Warehouse;
import com.voclake.testing.Rows;
import com.voclake.testing.SparkExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The increment core's protocol on two small tables: each increment reads the newest value of
 * {@code counter}, and writes the next one to {@code counter} (upsert) and to {@code history}
 * (append). Increments that ran on a stale or half-written state would repeat or skip a value.
 */
@Tag("integration")
@ExtendWith(SparkExtension.class)
class IncrementsTest {
  private static final StructType SCHEMA = new StructType()
      .add("value", DataTypes.LongType).add("writer", DataTypes.StringType);
  /** Unfinished increments are taken over at once: the stopped writer of these tests is gone. */
  private static final Duration NOW = Duration.ZERO;
  /** Writers at work leave each other's increments to each other. */
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final SparkSession spark;

  IncrementsTest(SparkSession spark) {
    this.spark = spark;
  }

  private static String counter(Warehouse w) {
    return w.root() + "/counter";
  }

  private static String history(Warehouse w) {
    return w.root() + "/history";
  }

  /** The next value after the newest one in {@code counter}, to both tables. */
  private static Increments.Step next(SparkSession spark, Warehouse w, String writer) {
    return staging -> {
      long newest = 0;
      if (DeltaTables.exists(spark, counter(w))) {
        Row r = spark.read().format("delta").load(counter(w)).agg(max("value")).first();
        newest = r.isNullAt(0) ? 0 : r.getLong(0);
      }
      Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create(newest + 1, writer)), SCHEMA);
      staging.upsert(counter(w), rows, new String[] {"value"}, null)
          .append(history(w), rows)
          .figure("value", newest + 1);
    };
  }

  private List<List<Object>> values(String table) {
    return Rows.of(spark.read().format("delta").load(table).orderBy("value"), "value");
  }

  @Test
  void aReplayedIncrementChangesNothingAndEveryWriteCarriesItsIdentity(@TempDir Path tmp) {
    Warehouse w = new Warehouse(tmp.toString());
    IncrementId id = new IncrementId("test/a", 1);

    Increments.Committed first = Increments.commit(spark, w, id, "run-1", NOW, next(spark, w, "a"));
    Increments.Committed again = Increments.commit(spark, w, id, "run-2", NOW, next(spark, w, "a"));

    assertThat(first.replayed()).isFalse();
    assertThat(first.staged().figures()).containsEntry("value", 1L);
    assertThat(again.replayed()).as("the same batch id again").isTrue();
    assertThat(again.seq()).isEqualTo(first.seq());
    assertThat(values(counter(w))).containsExactly(row(1L));
    assertThat(values(history(w))).containsExactly(row(1L));
    assertThat(DeltaTables.transactions(spark, history(w))).containsEntry("voclake.append", first.seq());
    assertThat(DeltaTables.transactions(spark, counter(w))).containsEntry("voclake.overwrite", first.seq());
    assertThat(HadoopFiles.listDirectories(spark, w.staging())).as("staged files are removed on commit").isEmpty();

    Increments.commit(spark, w, new IncrementId("test/a", 2), "run-3", NOW, next(spark, w, "a"));
    assertThat(DeltaTables.transactions(spark, counter(w))).as("a delete that finds nothing commits nothing")
        .containsEntry("voclake.append", 2L).doesNotContainKey("voclake.delete");
    assertThat(values(counter(w))).containsExactly(row(1L), row(2L));

    // A delete that finds its keys commits with its identity too; replayed, both commits are skipped.
    Increments.Step replace = staging -> staging.upsert(counter(w), spark.createDataFrame(
        List.of(RowFactory.create(2L, "a2")), SCHEMA), new String[] {"value"}, null);
    Increments.commit(spark, w, new IncrementId("test/a", 3), "run-4", NOW, replace);
    assertThat(DeltaTables.transactions(spark, counter(w))).containsEntry("voclake.delete", 3L)
        .containsEntry("voclake.append", 3L);
    assertThat(Rows.of(spark.read().format("delta").load(counter(w)).orderBy("value"), "value", "writer"))
        .containsExactly(row(1L, "a"), row(2L, "a2"));
  }

  @Test
  void anIncrementThatStoppedHalfWayIsFinishedByTheNextWriterBeforeItComputes(@TempDir Path tmp) {
    Warehouse w = new Warehouse(tmp.toString());
    Increments.commit(spark, w, new IncrementId("test/a", 1), "run-1", NOW, next(spark, w, "a"));

    assertThatThrownBy(() -> Increments.commit(spark, w, new IncrementId("test/b", 1), "run-2", NOW,
        next(spark, w, "b"), 1)).hasMessageContaining("Stopped");
    assertThat(values(counter(w))).as("the first write made it").containsExactly(row(1L), row(2L));
    assertThat(values(history(w))).as("the second did not").containsExactly(row(1L));
    assertThat(Increments.pendingCount(spark, w)).isEqualTo(1);

    Increments.Committed c = Increments.commit(spark, w, new IncrementId("test/c", 1), "run-3", NOW, next(spark, w, "c"));

    assertThat(c.staged().figures()).as("computed on the finished state").containsEntry("value", 3L);
    assertThat(values(counter(w))).containsExactly(row(1L), row(2L), row(3L));
    assertThat(values(history(w))).containsExactly(row(1L), row(2L), row(3L));
    assertThat(Increments.pendingCount(spark, w)).isZero();
    assertThat(HadoopFiles.listDirectories(spark, w.staging())).isEmpty();

    // The stopped writer runs its batch again: it was committed (by the other writer), so it is a replay.
    assertThat(Increments.commit(spark, w, new IncrementId("test/b", 1), "run-4", NOW, next(spark, w, "b")).replayed())
        .isTrue();
    assertThat(values(history(w))).containsExactly(row(1L), row(2L), row(3L));
  }

  @Test
  void twoWritersAtOnceCommitEachIncrementOnceOnTheStateTheOtherLeft(@TempDir Path tmp) throws Exception {
    Warehouse w = new Warehouse(tmp.toString());
    int perWriter = 4;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (String name : List.of("x", "y")) {
        SparkSession own = spark.newSession();
        own.conf().set("spark.sql.shuffle.partitions", "2");
        writers.add(pool.submit((Callable<Void>) () -> {
          for (int i = 1; i <= perWriter; i++) {
            Increments.commit(own, w, new IncrementId("test/" + name, i), name + "-" + i, WAIT, next(own, w, name));
          }
          return null;
        }));
      }
      for (Future<?> f : writers) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    List<List<Object>> expected = new ArrayList<>();
    for (long v = 1; v <= 2 * perWriter; v++) {
      expected.add(row(v));
    }
    assertThat(values(counter(w))).as("every value once: none lost, none repeated").isEqualTo(expected);
    assertThat(values(history(w))).isEqualTo(expected);
    assertThat(spark.read().format("delta").load(history(w)).where(col("writer").equalTo("x")).count())
        .isEqualTo(perWriter);
    assertThat(Increments.pendingCount(spark, w)).isZero();
  }
}
