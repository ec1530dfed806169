package com.voclake.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildInfoTest {
  @Test
  void theBuildBakedInTheCheckoutsDescribe() {
    assertThat(BuildInfo.codeVersion()).as("git describe of this checkout, from voclake-version.txt")
        .isNotEqualTo(BuildInfo.UNKNOWN).matches("[\\w.+/-]+");
  }

  @Test
  void describeOutputsAreKeptAndGitsComplaintsAreNot() {
    assertThat(BuildInfo.parse("v0.3.0-14-g8aa2675-dirty\n")).isEqualTo("v0.3.0-14-g8aa2675-dirty");
    assertThat(BuildInfo.parse("8aa2675\n")).isEqualTo("8aa2675");
    assertThat(BuildInfo.parse("fatal: not a git repository (or any of the parent directories): .git\n"))
        .isEqualTo(BuildInfo.UNKNOWN);
    assertThat(BuildInfo.parse("")).isEqualTo(BuildInfo.UNKNOWN);
  }
}
