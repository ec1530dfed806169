package com.voclake.pipeline;

import com.voclake.config.VoclakeConfig;
import com.voclake.io.Warehouse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one job run knows about itself: its id (carried into quarantine and {@code _runs}), the
 * date it processes and the configuration. Immutable.
 */
public record RunContext(String runId, String job, LocalDate date, VoclakeConfig config) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  /** A new run of {@code job} for {@code date}, with a fresh, sortable run id. */
  public static RunContext start(String job, LocalDate date, VoclakeConfig config) {
    String runId = String.format("%s-%s-%s-%04x", job, date, LocalDateTime.now().format(STAMP),
        ThreadLocalRandom.current().nextInt(0x10000));
    return new RunContext(runId, job, date, config);
  }

  public Warehouse warehouse() {
    return new Warehouse(config.paths().warehouse());
  }

  /** The run's date as the {@code dt} partition value. */
  public String dt() {
    return date.toString();
  }
}
