package fr.navette.kiosk.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.kiosk.selfcheck.LendingPlan.Action;
import fr.navette.kiosk.selfcheck.LendingPlan.Decision;
import fr.navette.reader.Uid;
import fr.navette.tag.SetInfo;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LendingPlanTest {
  private static PadDocument part(long uid, String item, int n, int of) {
    return new PadDocument(new Uid(0xE004010000000000L + uid), item, new SetInfo(n, of));
  }

  @Test
  void singleDocumentsAreLentEachOnItsOwn() {
    List<Decision> plan = LendingPlan.decide(List.of(part(1, "A", 1, 1), part(2, "B", 1, 1)), Set.of());

    assertThat(plan).extracting(Decision::itemId, Decision::action)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("A", Action.BORROW),
            org.assertj.core.groups.Tuple.tuple("B", Action.BORROW));
  }

  @Test
  void aSetIsOneDocumentLentOnlyWithAllItsParts() {
    List<Decision> complete = LendingPlan.decide(
        List.of(part(1, "BOX", 2, 3), part(2, "BOX", 1, 3), part(3, "BOX", 3, 3)), Set.of());
    List<Decision> missing = LendingPlan.decide(List.of(part(1, "BOX", 1, 3), part(3, "BOX", 3, 3)), Set.of());

    assertThat(complete).singleElement().satisfies(d -> {
      assertThat(d.action()).isEqualTo(Action.BORROW);
      assertThat(d.tags()).hasSize(3);
    });
    assertThat(missing).singleElement().satisfies(d -> {
      assertThat(d.action()).isEqualTo(Action.INCOMPLETE_SET);
      assertThat(d.missingParts()).containsExactly(2);
      assertThat(d.partsInSet()).isEqualTo(3);
    });
  }

  @Test
  void twoTagsOfTheSamePartDoNotMakeASetComplete() {
    List<Decision> plan = LendingPlan.decide(List.of(part(1, "BOX", 1, 2), part(2, "BOX", 1, 2)), Set.of());

    assertThat(plan).singleElement().extracting(Decision::action).isEqualTo(Action.INCOMPLETE_SET);
  }

  @Test
  void aDocumentAlreadyOnThePatronsLoansIsOfferedARenewalNotLentAgain() {
    List<Decision> plan = LendingPlan.decide(List.of(part(1, "MINE", 1, 1), part(2, "NEW", 1, 1)), Set.of("MINE"));

    assertThat(plan).extracting(Decision::action).containsExactly(Action.OFFER_RENEWAL, Action.BORROW);
  }
}
