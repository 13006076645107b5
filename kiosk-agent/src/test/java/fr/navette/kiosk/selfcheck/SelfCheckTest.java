package fr.navette.kiosk.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.kiosk.selfcheck.ItemOutcome.Status;
import fr.navette.kiosk.selfcheck.ScriptedSigb.Answer;
import fr.navette.reader.Uid;
import fr.navette.schema.Channel;
import fr.navette.schema.CheckoutEvent;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.SchemaVersion;
import fr.navette.schema.SigbRequest;
import fr.navette.schema.SigbResponse;
import fr.navette.sim.devices.ReaderFaults;
import fr.navette.sim.devices.ReaderFaults.AfiWriteFault;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import fr.navette.tag.TagData;
import fr.navette.tag.TagFormat;
import fr.navette.tag.TypeOfUsage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The kiosk's decisions on a simulated pad, with the SIGB's answers scripted. */
class SelfCheckTest {
  private static final int ARMED = SecurityPolicy.ISO_ARMED_AFI;
  private static final int ON_LOAN = SecurityPolicy.ISO_ON_LOAN_AFI;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
  private final VirtualField field = new VirtualField();
  private final ReaderFaults faults = new ReaderFaults();
  private final ScriptedSigb sigb = new ScriptedSigb();
  private final List<String> events = new ArrayList<>();
  private final SelfCheck selfCheck = new SelfCheck(KioskConfig.of("BR01", "kiosk-BR01-1"), sigb,
      new TagSecurity(new SimulatedReader(field, faults), SecurityPolicy.isoDefault(), Duration.ofMillis(100), 3),
      (channel, payload) -> events.add(channel.name() + " " + new String(payload.apply(
          new EventHeader(SchemaVersion.CURRENT, UUID.randomUUID(), "kiosk-BR01-1", events.size() + 1,
              clock.instant())), StandardCharsets.UTF_8)),
      clock);

  private SimulatedTag put(long uid, String item) {
    SimulatedTag tag = SimulatedTag.forItem(new Uid(0xE004010000000000L + uid), item, "FR-BR01", ARMED);
    field.put(tag);
    return tag;
  }

  private SimulatedTag putPart(long uid, String item, int part, int of) {
    SimulatedTag tag = SimulatedTag.forItem(new Uid(0xE004010000000000L + uid), TagData.builder(TagFormat.ISO28560_3, item)
        .ownerIsil("FR-BR01").set(part, of).typeOfUsage(TypeOfUsage.of(TypeOfUsage.CIRCULATION)).build(), ARMED);
    field.put(tag);
    return tag;
  }

  private PatronSession login() {
    return selfCheck.login(ScriptedSigb.CARD, ScriptedSigb.PIN).session().orElseThrow();
  }

  private List<PadDocument> pad() throws Exception {
    return new Pad(new SimulatedReader(field), Duration.ofMillis(100)).read().documents();
  }

  @Test
  void aWrongPinOpensNoSessionAndSaysWhy() {
    SelfCheck.Login login = selfCheck.login(ScriptedSigb.CARD, "0000");

    assertThat(login.session()).isEmpty();
    assertThat(login.refusal()).get().extracting(Text::fr).isEqualTo("Code PIN incorrect");
  }

  @Test
  void theHubsCardRefusalsAreSaidInTheKiosksOwnPlainWordsWhateverTheHubWrote() {
    for (String block : List.of("not-recognised", "too-many-attempts", "pin-required")) {
      SelfCheck hub = new SelfCheck(KioskConfig.of("BR01", "kiosk-BR01-1"),
          r -> SigbResponse.builder(r, SigbResponse.Outcome.REFUSED).block(block)
              .messages("texte d'un hub", "a hub's text").build(),
          new TagSecurity(new SimulatedReader(field, faults), SecurityPolicy.isoDefault(), Duration.ofMillis(100), 3),
          (channel, payload) -> { }, clock);
      SelfCheck.Login login = hub.login(ScriptedSigb.CARD, ScriptedSigb.PIN);
      assertThat(login.session()).as(block).isEmpty();
      Text said = login.refusal().orElseThrow();
      assertThat(said.fr()).as(block).doesNotContain("hub").isNotEqualTo(said.en());
      switch (block) {
        case "not-recognised" -> assertThat(said.fr())
            .isEqualTo("Nous ne reconnaissons pas cette carte ou ce code. Vérifiez et réessayez.");
        case "too-many-attempts" -> {
          assertThat(said.fr()).isEqualTo("Trop d'essais : adressez-vous à un bibliothécaire.");
          assertThat(said.en()).isEqualTo("Too many tries: please ask a librarian.");
        }
        default -> assertThat(said.fr()).isEqualTo("Tapez votre code secret pour continuer.");
      }
    }
  }

  @Test
  void aPatronBarredFromBorrowingGetsAViewOnlySessionThatSaysWhyAndShowsTheAccount() throws Exception {
    SelfCheck.Login login = selfCheck.login(ScriptedSigb.BARRED_CARD, ScriptedSigb.PIN);

    PatronSession session = login.session().orElseThrow();
    assertThat(login.refusal()).isEmpty();
    assertThat(session.isViewOnly()).isTrue();
    assertThat(session.viewOnly()).get().satisfies(why -> {
      assertThat(why.fr()).isEqualTo("Vous avez des frais à régler. Un bibliothécaire peut vous aider.");
      assertThat(why.en()).isEqualTo("You have fees to pay. A librarian can help you.");
    });
    assertThat(session.greetingName()).hasValue("Paul");
    assertThat(session.toString()).contains("view only").doesNotContain(ScriptedSigb.BARRED_CARD);

    Account account = selfCheck.account(session).orElseThrow();
    assertThat(account.loans()).singleElement().satisfies(l -> {
      assertThat(l.itemId()).isEqualTo(ScriptedSigb.BARRED_LOAN);
      assertThat(l.overdue()).isTrue();
    });
    assertThat(account.holdsReady()).hasSize(1);
    assertThat(account.feesDue()).hasValue("12.50");
  }

  @Test
  void aViewOnlySessionLendsNothingRenewsNothingAndAsksTheSigbNothing() throws Exception {
    SimulatedTag tag = put(1, "3000000001");
    PatronSession session = selfCheck.login(ScriptedSigb.BARRED_CARD, ScriptedSigb.PIN).session().orElseThrow();

    List<ItemOutcome> borrowed = selfCheck.borrow(session, pad());
    ItemOutcome renewed = selfCheck.renew(session, ScriptedSigb.BARRED_LOAN);

    assertThat(borrowed).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.REFUSED);
      assertThat(o.message()).hasValue(Text.VIEW_ONLY);
    });
    assertThat(renewed.status()).isEqualTo(Status.REFUSED);
    assertThat(renewed.message()).hasValue(Text.VIEW_ONLY);
    assertThat(tag.afi()).isEqualTo(ARMED);
    assertThat(sigb.asked).containsExactly("patron-status").noneMatch(a -> a.startsWith("checkout"));
    assertThat(events).isEmpty();
    assertThat(session.receiptLines()).isEmpty();
  }

  @Test
  void aLostCardOpensNoSessionNotEvenToLook() {
    SelfCheck.Login login = selfCheck.login(ScriptedSigb.LOST_CARD, ScriptedSigb.PIN);

    assertThat(login.session()).isEmpty();
    assertThat(login.refusal()).get().extracting(Text::fr).asString().contains("déclarée perdue");
  }

  @Test
  void aViewOnlyReasonAlwaysSaysWhereToGetHelpAndARefusalWithoutViewOnlyStaysARefusal() {
    SigbRequest status = new SigbRequest(UUID.randomUUID(), "kiosk-BR01-1", SigbRequest.Kind.PATRON_STATUS,
        Optional.of(ScriptedSigb.CARD), Optional.of(ScriptedSigb.PIN), Optional.empty(), clock.instant(),
        clock.instant().plusSeconds(8));
    Text bare = SelfCheck.whyViewOnly(SigbResponse.builder(status, SigbResponse.Outcome.REFUSED)
        .blocks(List.of("too-many-overdue")).viewOnly(true).build());
    assertThat(bare.fr()).isEqualTo("Vous avez des documents en retard : rapportez-les d'abord."
        + " Un bibliothécaire peut vous aider.");
    assertThat(bare.en()).endsWith("A librarian can help you.");

    SelfCheck refusing = new SelfCheck(KioskConfig.of("BR01", "kiosk-BR01-1"),
        r -> SigbResponse.builder(r, SigbResponse.Outcome.REFUSED).blocks(List.of("charge-denied")).build(),
        new TagSecurity(new SimulatedReader(field, faults), SecurityPolicy.isoDefault(), Duration.ofMillis(100), 3),
        (channel, payload) -> { }, clock);
    assertThat(refusing.login(ScriptedSigb.CARD, ScriptedSigb.PIN).session()).as("a hub of before 1.2").isEmpty();
  }

  @Test
  void threeDocumentsOneRefusedTwoLentAndDisarmedTheRefusedOneStaysArmed() throws Exception {
    SimulatedTag a = put(1, "3000000001");
    SimulatedTag held = put(2, "3000000002");
    SimulatedTag c = put(3, "3000000003");
    sigb.checkout("3000000002", Answer.REFUSE);

    List<ItemOutcome> outcomes = selfCheck.borrow(login(), pad());

    assertThat(outcomes).extracting(ItemOutcome::status).containsExactly(Status.LENT, Status.REFUSED, Status.LENT);
    assertThat(outcomes.get(1).message()).get().extracting(Text::en).isEqualTo("Item on hold for another patron");
    assertThat(outcomes.get(0).dueDate()).contains(ScriptedSigb.DUE);
    assertThat(a.afi()).isEqualTo(ON_LOAN);
    assertThat(c.afi()).isEqualTo(ON_LOAN);
    assertThat(held.afi()).isEqualTo(ARMED);
    assertThat(events).hasSize(2).allSatisfy(e -> assertThat(e).startsWith("CHECKOUT"));
  }

  @Test
  void eventsCarryThePseudonymNeverTheCardNorThePin() throws Exception {
    put(1, "3000000001");

    selfCheck.borrow(login(), pad());

    CheckoutEvent event = EventCodec.decode(Channel.CHECKOUT,
        events.getFirst().substring("CHECKOUT ".length()).getBytes(StandardCharsets.UTF_8), CheckoutEvent.class);
    assertThat(event.patronRef()).isEqualTo(ScriptedSigb.PATRON_REF);
    assertThat(event.disarmed()).isTrue();
    assertThat(events.getFirst()).doesNotContain(ScriptedSigb.CARD).doesNotContain("\"" + ScriptedSigb.PIN + "\"");
  }

  @Test
  void aSetWithAMissingPartIsNotAskedForAndStaysArmed() throws Exception {
    SimulatedTag one = putPart(1, "3000000010", 1, 3);
    SimulatedTag three = putPart(3, "3000000010", 3, 3);

    List<ItemOutcome> outcomes = selfCheck.borrow(login(), pad());

    assertThat(outcomes).singleElement().satisfies(o -> {
      assertThat(o.status()).isEqualTo(Status.INCOMPLETE_SET);
      assertThat(o.missingParts()).containsExactly(2);
    });
    assertThat(sigb.asked).noneMatch(a -> a.startsWith("checkout"));
    assertThat(List.of(one.afi(), three.afi())).containsOnly(ARMED);
  }

  @Test
  void aCompleteSetIsLentOnceWithEveryPartDisarmed() throws Exception {
    List<SimulatedTag> parts = List.of(putPart(1, "3000000010", 1, 2), putPart(2, "3000000010", 2, 2));

    List<ItemOutcome> outcomes = selfCheck.borrow(login(), pad());

    assertThat(outcomes).singleElement().extracting(ItemOutcome::status).isEqualTo(Status.LENT);
    assertThat(sigb.asked).filteredOn(a -> a.startsWith("checkout")).containsExactly("checkout 3000000010");
    assertThat(parts).extracting(SimulatedTag::afi).containsOnly(ON_LOAN);
  }

  @Test
  void aDocumentAlreadyOnTheAccountIsOfferedARenewalThenRenewed() throws Exception {
    sigb.loans.add("3000000001");
    put(1, "3000000001");
    PatronSession session = login();
    selfCheck.account(session);

    List<ItemOutcome> outcomes = selfCheck.borrow(session, pad());
    ItemOutcome renewed = selfCheck.renew(session, "3000000001");

    assertThat(outcomes).singleElement().extracting(ItemOutcome::status).isEqualTo(Status.RENEWAL_OFFERED);
    assertThat(sigb.asked).noneMatch(a -> a.startsWith("checkout"));
    assertThat(renewed.status()).isEqualTo(Status.RENEWED);
    assertThat(renewed.dueDate()).contains(ScriptedSigb.DUE.plusDays(21));
    assertThat(events).singleElement().asString().startsWith("RENEW");
    assertThat(session.receiptLines()).extracting(ItemOutcome::itemId).containsExactly("3000000001");
  }

  @Test
  void aWriteErrorIsRetriedAndTheDocumentLent() throws Exception {
    SimulatedTag tag = put(1, "3000000001");
    faults.failNextAfiWrites(tag.uid(), AfiWriteFault.ERROR, 2);

    List<ItemOutcome> outcomes = selfCheck.borrow(login(), pad());

    assertThat(outcomes).singleElement().extracting(ItemOutcome::status).isEqualTo(Status.LENT);
    assertThat(tag.afi()).isEqualTo(ON_LOAN);
  }

  @Test
  void aTagThatNeverTakesTheWriteHasItsLoanUndoneAndStaysArmed() throws Exception {
    SimulatedTag tag = put(1, "3000000001");
    faults.failNextAfiWrites(tag.uid(), AfiWriteFault.NOT_TAKEN, 3);

    List<ItemOutcome> outcomes = selfCheck.borrow(login(), pad());

    assertThat(outcomes).singleElement().extracting(ItemOutcome::status).isEqualTo(Status.LOAN_UNDONE);
    assertThat(tag.afi()).isEqualTo(ARMED);
    assertThat(sigb.asked).contains("undo-checkout 3000000001");
    assertThat(sigb.loans).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void aDocumentTakenOffThePadBeforeItsDisarmHasItsLoanUndone() throws Exception {
    SimulatedTag tag = put(1, "3000000001");
    faults.failNextAfiWrites(tag.uid(), AfiWriteFault.TAG_LEAVES, 1);

    List<ItemOutcome> outcomes = selfCheck.borrow(login(), pad());

    assertThat(outcomes).singleElement().extracting(ItemOutcome::status).isEqualTo(Status.LOAN_UNDONE);
    assertThat(tag.afi()).isEqualTo(ARMED); // never written
    assertThat(sigb.loans).isEmpty();
  }

  @Test
  void whenOnePartOfASetCannotBeDisarmedTheOtherIsArmedAgainAndTheLoanUndone() throws Exception {
    SimulatedTag first = putPart(1, "3000000010", 1, 2);
    SimulatedTag second = putPart(2, "3000000010", 2, 2);
    faults.failNextAfiWrites(second.uid(), AfiWriteFault.ERROR, 3);

    List<ItemOutcome> outcomes = selfCheck.borrow(login(), pad());

    assertThat(outcomes).singleElement().extracting(ItemOutcome::status).isEqualTo(Status.LOAN_UNDONE);
    assertThat(List.of(first.afi(), second.afi())).containsOnly(ARMED);
    assertThat(sigb.loans).isEmpty();
  }

  @Test
  void whenTheUndoIsNotAnsweredThePatronIsSentToTheDeskAndTheHubToldTheDisarmFailed() throws Exception {
    SimulatedTag tag = put(1, "3000000001");
    faults.failNextAfiWrites(tag.uid(), AfiWriteFault.ERROR, 3);
    sigb.undoNotAnswered();

    List<ItemOutcome> outcomes = selfCheck.borrow(login(), pad());

    assertThat(outcomes).singleElement().extracting(ItemOutcome::status).isEqualTo(Status.SEE_DESK);
    assertThat(tag.afi()).isEqualTo(ARMED);
    assertThat(events).singleElement().asString().contains("\"disarmed\":false");
  }

  @Test
  void anUnansweredCheckoutTouchesNoTagAndALoanMadeAnywayIsTakenBack() throws Exception {
    SimulatedTag lost = put(1, "3000000001");
    SimulatedTag silent = put(2, "3000000002");
    sigb.checkout("3000000001", Answer.LEND_THEN_NO_ANSWER).checkout("3000000002", Answer.NO_ANSWER);

    List<ItemOutcome> outcomes = selfCheck.borrow(login(), pad());

    assertThat(outcomes).extracting(ItemOutcome::status).containsOnly(Status.NOT_ANSWERED);
    assertThat(List.of(lost.afi(), silent.afi())).containsOnly(ARMED);
    assertThat(sigb.asked).contains("undo-checkout 3000000001").doesNotContain("undo-checkout 3000000002");
    assertThat(sigb.loans).isEmpty();
    assertThat(events).isEmpty();
  }
}
