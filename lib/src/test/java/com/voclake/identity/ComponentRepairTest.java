package com.voclake.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.voclake.identity.ComponentRepair.Edge;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentRepairTest {
  private static Edge e(String a, String b) {
    return new Edge(a, b);
  }

  @Test
  void neverLinkSplitsAChainAtTheMiddleAndBothSidesStayWhole() {
    // r1 -A- ... r1 carries a and p; r2 carries p and q; r3 carries q and b.
    List<Edge> edges = List.of(e("r1", "a"), e("r1", "p"), e("r2", "p"), e("r2", "q"), e("r3", "q"), e("r3", "b"));
    ComponentRepair.Result result = ComponentRepair.repair(edges, List.of(), List.of(e("a", "b")), 100, id -> true);
    assertThat(result.partOf().get("a")).isEqualTo(result.partOf().get("r1")).isEqualTo("r1");
    assertThat(result.partOf().get("b")).isEqualTo(result.partOf().get("r3")).isEqualTo("r3");
    assertThat(result.partOf().get("a")).isNotEqualTo(result.partOf().get("b"));
    assertThat(result.oversized()).isFalse();
    assertThat(result.droppedIdentifiers()).isEmpty();
  }

  @Test
  void aRecordCarryingBothNeverLinkedIdentifiersStaysWithTheFirst() {
    List<Edge> edges = List.of(e("r1", "a"), e("r1", "b"), e("r2", "b"));
    ComponentRepair.Result result = ComponentRepair.repair(edges, List.of(), List.of(e("a", "b")), 100, id -> true);
    assertThat(result.partOf()).containsEntry("r1", "r1").containsEntry("a", "r1")
        .containsEntry("r2", "r2").containsEntry("b", "r2");
  }

  @Test
  void anOversizedComponentLosesItsWeakIdentifiersThenItsRemainingEdges() {
    // A shared cookie glues three people, each with a strong crm id on two records.
    List<Edge> edges = List.of(e("r1", "crm:1"), e("r2", "crm:1"), e("r2", "cookie:x"), e("r3", "crm:2"),
        e("r4", "crm:2"), e("r4", "cookie:x"), e("r5", "crm:3"), e("r5", "cookie:x"), e("r6", "crm:3"));
    ComponentRepair.Result result = ComponentRepair.repair(edges, List.of(), List.of(), 4,
        id -> id.startsWith("crm:"));
    assertThat(result.oversized()).isTrue();
    assertThat(result.droppedIdentifiers()).containsExactly("cookie:x");
    assertThat(result.partOf()).containsEntry("r2", "r1").containsEntry("r4", "r3").containsEntry("r6", "r5");

    ComponentRepair.Result tight = ComponentRepair.repair(edges, List.of(), List.of(), 1, id -> true);
    assertThat(tight.droppedIdentifiers()).containsExactly("cookie:x", "crm:1", "crm:2", "crm:3");
    assertThat(tight.partOf()).containsEntry("r2", "r2").hasSize(6);
  }
}
