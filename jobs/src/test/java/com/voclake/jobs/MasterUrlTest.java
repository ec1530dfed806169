package com.voclake.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MasterUrlTest {
  @ParameterizedTest
  @ValueSource(strings = {"local", "local[2]", "local[*]", "local[4,3]", "local[*, 2]", "local-cluster[2,1,1024]",
      "spark://127.0.0.1:7077", "spark://master-a:7077,master-b:7077", "spark://[::1]:7077", "yarn",
      "k8s://https://10.0.0.1:6443", "k8s://kubernetes.default.svc", "k8s://http://127.0.0.1:8001/api"})
  void sparksMasterFormsAreAccepted(String master) {
    assertThat(MasterUrl.problem(master)).as(master).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"bogus://", "local[abc]", "local[0]", "local[2", "local[2]x", "local[]", "spark://host",
      "spark://host:0", "spark://host:70000", "spark://:7077", "yarn-cluster", "k8s://", "mesos://host:5050", ""})
  void anythingElseIsAUsageErrorThatListsTheForms(String master) {
    assertThat(MasterUrl.problem(master)).as(master)
        .hasValue("Cannot use --master " + master + ": give one of " + MasterUrl.FORMS_HELP);
  }
}
