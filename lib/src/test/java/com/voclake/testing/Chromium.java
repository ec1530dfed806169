package com.voclake.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Debian's headless Chromium, for tests that check what a page shows. CI installs it
 * ({@code .ci/run}); a test that needs it fails when it is missing, unless the environment says
 * {@code VOCLAKE_SKIP_BROWSER=1} (a developer machine without a browser).
 */
public final class Chromium {
  private static final List<String> BINARIES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

  private Chromium() {}

  /** The DOM after Chromium loaded {@code page} (a local file), serialized. */
  public static String dumpDom(Path page) throws IOException, InterruptedException {
    return run(List.of("--dump-dom", page.toUri().toString()), null);
  }

  /** A screenshot of {@code page} at the given window size. */
  public static Screenshot screenshot(Path page, int width, int height) throws IOException, InterruptedException {
    Path png = Files.createTempFile("voclake-page", ".png");
    run(List.of("--screenshot=" + png, "--window-size=" + width + "," + height, page.toUri().toString()), png);
    BufferedImage image = ImageIO.read(png.toFile());
    Files.deleteIfExists(png);
    return new Screenshot(image);
  }

  /** How often {@code needle} occurs in {@code text}. */
  public static int count(String text, String needle) {
    int n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
      n++;
    }
    return n;
  }

  /** A rendered page. */
  public record Screenshot(BufferedImage image) {
    /** Distinct RGB colours on the page: a blank or unstyled page has a handful. */
    public int distinctColours() {
      Set<Integer> colours = new HashSet<>();
      for (int y = 0; y < image.getHeight(); y += 2) {
        for (int x = 0; x < image.getWidth(); x += 2) {
          colours.add(image.getRGB(x, y) & 0xffffff);
        }
      }
      return colours.size();
    }
  }

  private static String run(List<String> args, Path expectedFile) throws IOException, InterruptedException {
    String binary = BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst().orElse(null);
    if (binary == null) {
      org.junit.jupiter.api.Assumptions.assumeTrue("1".equals(System.getenv("VOCLAKE_SKIP_BROWSER")) == false,
          "no browser and VOCLAKE_SKIP_BROWSER=1");
      throw new IllegalStateException("Headless Chromium is missing: apt-get install chromium (.ci/run does),"
          + " or set VOCLAKE_SKIP_BROWSER=1 to skip the page checks on this machine");
    }
    Path profile = Files.createTempDirectory("voclake-chromium");
    List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + profile, "--hide-scrollbars"));
    command.addAll(args);
    Path out = Files.createTempFile("voclake-chromium", ".out");
    Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium did not finish within 60 s: " + command);
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    Files.deleteIfExists(out);
    try (java.util.stream.Stream<Path> files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
    if (process.exitValue() != 0 || (expectedFile != null && !Files.exists(expectedFile))) {
      throw new IllegalStateException("Chromium failed (exit " + process.exitValue() + "): " + command);
    }
    return stdout;
  }
}
