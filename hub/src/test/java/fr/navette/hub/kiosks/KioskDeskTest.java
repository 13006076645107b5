package fr.navette.hub.kiosks;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.schema.SigbResponse.Outcome;
import fr.navette.sip2.codec.PatronStatus;
import fr.navette.sip2.codec.PatronStatus.Flag;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the desk decides from a patron's card checks, and reads out of free-form SIP2 fields. */
class KioskDeskTest {
  private static final Optional<String> YES = Optional.of("Y");
  private static final Optional<String> NO = Optional.of("N");

  @Test
  void aPatronBarredFromBorrowingIsRefusedButMaySeeTheAccount() {
    KioskDesk.Check fees = KioskDesk.check(YES, YES, PatronStatus.of(Flag.CHARGE_PRIVILEGES_DENIED,
        Flag.EXCESSIVE_OUTSTANDING_FEES));
    assertThat(fees.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(fees.known()).isTrue();
    assertThat(fees.viewOnly()).isTrue();
    assertThat(fees.blocks()).containsExactly("charge-denied", "excessive-fees");

    // Expired cards carry no flag of their own: charge, renew and hold denied.
    KioskDesk.Check expired = KioskDesk.check(YES, YES, PatronStatus.of(Flag.CHARGE_PRIVILEGES_DENIED,
        Flag.RENEWAL_PRIVILEGES_DENIED, Flag.HOLD_PRIVILEGES_DENIED));
    assertThat(expired.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(expired.viewOnly()).isTrue();
  }

  @Test
  void aLostCardAWrongPinAnUnknownCardOrAnUncheckedPinOpenNothing() {
    KioskDesk.Check lost = KioskDesk.check(YES, YES, PatronStatus.of(Flag.CHARGE_PRIVILEGES_DENIED,
        Flag.CARD_REPORTED_LOST));
    assertThat(lost.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(lost.viewOnly()).as("whoever holds a lost card may not be its owner").isFalse();
    assertThat(lost.blocks()).contains("card-lost");
    assertThat(KioskDesk.check(YES, YES, PatronStatus.of(Flag.CARD_REPORTED_LOST)).viewOnly()).isFalse();

    KioskDesk.Check wrongPin = KioskDesk.check(YES, NO, PatronStatus.of(Flag.CHARGE_PRIVILEGES_DENIED));
    assertThat(wrongPin.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(wrongPin.viewOnly()).isFalse();
    assertThat(wrongPin.blocks()).containsExactly("wrong-pin");

    KioskDesk.Check unknown = KioskDesk.check(NO, YES, PatronStatus.of(Flag.CHARGE_PRIVILEGES_DENIED));
    assertThat(unknown.viewOnly()).isFalse();
    assertThat(unknown.known()).isFalse();

    // The SIGB did not say whether the PIN is right (no CQ): the account is private, so nothing to see.
    KioskDesk.Check unchecked = KioskDesk.check(YES, Optional.empty(),
        PatronStatus.of(Flag.CHARGE_PRIVILEGES_DENIED));
    assertThat(unchecked.outcome()).isEqualTo(Outcome.REFUSED);
    assertThat(unchecked.viewOnly()).isFalse();
  }

  @Test
  void aPatronWhoMayBorrowGetsAFullSessionNotAViewOnlyOne() {
    assertThat(KioskDesk.check(YES, YES, PatronStatus.CLEAR))
        .satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.OK))
        .satisfies(c -> assertThat(c.viewOnly()).isFalse());
    KioskDesk.Check noHolds = KioskDesk.check(YES, YES, PatronStatus.of(Flag.HOLD_PRIVILEGES_DENIED));
    assertThat(noHolds.outcome()).isEqualTo(Outcome.OK);
    assertThat(noHolds.viewOnly()).isFalse();
    assertThat(noHolds.blocks()).containsExactly("hold-denied");
  }

  @Test
  void theGreetingTakesTheFirstGivenNameOnlyAndOnlyWhenTheFormIsClear() {
    assertThat(KioskDesk.firstName("DUPONT, Marie-Hélène Louise")).hasValue("Marie-Hélène");
    assertThat(KioskDesk.firstName("Le Goff,  Zoé")).hasValue("Zoé");
    assertThat(KioskDesk.firstName("Marie Dupont")).isEmpty(); // which one is the surname? say nothing
    assertThat(KioskDesk.firstName("DUPONT,")).isEmpty();
    assertThat(KioskDesk.firstName("")).isEmpty();
  }

  @Test
  void feesAreWrittenAsTheSchemaWantsAndOnlyWhenSomethingIsOwed() {
    assertThat(KioskDesk.feesDue(Optional.of("12.4"))).hasValue("12.40");
    assertThat(KioskDesk.feesDue(Optional.of(" 3,05 "))).hasValue("3.05");
    assertThat(KioskDesk.feesDue(Optional.of("0.00"))).isEmpty();
    assertThat(KioskDesk.feesDue(Optional.of("-1.00"))).isEmpty(); // a credit is not a debt
    assertThat(KioskDesk.feesDue(Optional.of("EUR 2"))).isEmpty();
    assertThat(KioskDesk.feesDue(Optional.empty())).isEmpty();
  }

  @Test
  void dueDatesAreReadFromSip2DatesOrIsoDatesAndOtherwiseLeftOut() {
    assertThat(KioskDesk.date("20261215    235900")).hasValue(LocalDate.of(2026, 12, 15));
    assertThat(KioskDesk.date("2026-12-15")).hasValue(LocalDate.of(2026, 12, 15));
    assertThat(KioskDesk.date("15/12/2026")).isEmpty();
    assertThat(KioskDesk.date(" ".repeat(18))).isEmpty();
  }
}
