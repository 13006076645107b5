package fr.navette.sim.sigb;

/**
 * A registered patron. The PIN is what a kiosk sends as AD; it never appears in {@link #toString()}.
 * Blocks make the simulator refuse loans the way real SIGBs do.
 */
public record Patron(String id, String name, String pin, String homeBranch, boolean cardExpired,
    boolean tooManyItems, int feesCents) {

  /** Above this, the patron is blocked for excessive fees (as Koha's "noissuescharge"). */
  public static final int FEE_LIMIT_CENTS = 1000;

  public boolean excessiveFees() {
    return feesCents > FEE_LIMIT_CENTS;
  }

  public boolean isBlocked() {
    return cardExpired || tooManyItems || excessiveFees();
  }

  @Override
  public String toString() {
    String masked = id.length() <= 2 ? "***" : "***" + id.substring(id.length() - 2);
    return "Patron[id=" + masked + ", homeBranch=" + homeBranch + ", blocked=" + isBlocked() + "]";
  }
}
