package fr.navette.tag;

/**
 * The network's one rule for "is this document armed?" (the gate alarms on it, the kiosk disarms,
 * the return box re-arms). Sites secure either with the AFI byte (ISO 28560-1: 0x07 armed, 0xC2
 * on loan; legacy 3M sites 0xD7/0xDA) or with the NXP EAS bit. Nothing else may decide it.
 */
public record SecurityPolicy(Mechanism mechanism, int armedAfi, int onLoanAfi) {

  public enum Mechanism {
    AFI,
    EAS
  }

  public static final int ISO_ARMED_AFI = 0x07;
  public static final int ISO_ON_LOAN_AFI = 0xC2;

  public SecurityPolicy {
    if (mechanism == null) {
      throw new IllegalArgumentException("security mechanism is required (afi or eas)");
    }
    checkByte("armed AFI", armedAfi);
    checkByte("on-loan AFI", onLoanAfi);
    if (mechanism == Mechanism.AFI && armedAfi == onLoanAfi) {
      throw new IllegalArgumentException(String.format("armed AFI and on-loan AFI must differ (both 0x%02X)", armedAfi));
    }
  }

  /** ISO 28560-1 defaults: AFI 0x07 armed, 0xC2 on loan. */
  public static SecurityPolicy isoDefault() {
    return new SecurityPolicy(Mechanism.AFI, ISO_ARMED_AFI, ISO_ON_LOAN_AFI);
  }

  public static SecurityPolicy afi(int armedAfi, int onLoanAfi) {
    return new SecurityPolicy(Mechanism.AFI, armedAfi, onLoanAfi);
  }

  /** EAS-bit security; the AFI values are still what gets written on arm/disarm. */
  public static SecurityPolicy eas() {
    return new SecurityPolicy(Mechanism.EAS, ISO_ARMED_AFI, ISO_ON_LOAN_AFI);
  }

  /**
   * True when a tag in this state must set off a gate. With AFI security only the armed value
   * counts: a foreign or unprogrammed AFI is not ours to alarm on.
   */
  public boolean isArmed(int afi, boolean easSet) {
    return switch (mechanism) {
      case AFI -> (afi & 0xFF) == armedAfi;
      case EAS -> easSet;
    };
  }

  /** The AFI a gate should inventory with (AFI security), or 0 = every tag (EAS security). */
  public int inventoryAfiFilter() {
    return mechanism == Mechanism.AFI ? armedAfi : 0;
  }

  /** AFI to write when arming (return box, staff). */
  public int afiToArm() {
    return armedAfi;
  }

  /** AFI to write when disarming (kiosk, after the SIGB accepted the loan). */
  public int afiToDisarm() {
    return onLoanAfi;
  }

  /** Whether arming/disarming also sets/resets the EAS bit. */
  public boolean usesEas() {
    return mechanism == Mechanism.EAS;
  }

  private static void checkByte(String what, int v) {
    if (v < 0 || v > 0xFF) {
      throw new IllegalArgumentException(what + " must be a byte (0x00-0xFF), got " + v);
    }
  }
}
