package fr.navette.sim.sigb;

/** Why the simulated SIGB says no, as the screen message (AF) a kiosk shows: French first, English beside. */
public enum Refusal {
  UNKNOWN_PATRON("Lecteur inconnu / Unknown patron"),
  WRONG_PIN("Code PIN incorrect / Wrong PIN"),
  CARD_EXPIRED("Carte expirée / Card expired"),
  CARD_BLOCKED("Carte bloquée / Card blocked"),
  TOO_MANY_ITEMS("Trop de documents empruntés / Too many items on loan"),
  EXCESSIVE_FEES("Montant dû trop élevé / Excessive outstanding fees"),
  UNKNOWN_ITEM("Document inconnu / Unknown item"),
  ALREADY_ON_LOAN("Document déjà emprunté / Item already on loan"),
  ON_HOLD_FOR_ANOTHER("Document réservé pour un autre lecteur / Item on hold for another patron"),
  NOT_ON_LOAN_TO_PATRON("Document non emprunté par ce lecteur / Item not on loan to this patron"),
  RENEWAL_LIMIT("Nombre maximal de prolongations atteint / Renewal limit reached"),
  ON_HOLD_NO_RENEWAL("Document réservé : prolongation impossible / Item on hold: cannot renew"),
  ALREADY_HELD("Document déjà réservé / Item already on hold"),
  NO_SUCH_HOLD("Aucune réservation à annuler / No hold to cancel");

  private final String screenMessage;

  Refusal(String screenMessage) {
    this.screenMessage = screenMessage;
  }

  public String screenMessage() {
    return screenMessage;
  }
}
