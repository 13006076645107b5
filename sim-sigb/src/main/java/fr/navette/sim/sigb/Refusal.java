package fr.navette.sim.sigb;

/**
 * Why the simulated SIGB says no, as the screen message (AF) a kiosk shows. A real SIGB speaks one language, the
 * network's (French for ours): the kiosk and the hub put its words as they are on every side of a message, so the
 * simulator does not glue an English translation that no real SIGB would send.
 */
public enum Refusal {
  UNKNOWN_PATRON("Lecteur inconnu"),
  WRONG_PIN("Code PIN incorrect"),
  CARD_EXPIRED("Carte expirée"),
  CARD_BLOCKED("Carte bloquée"),
  TOO_MANY_ITEMS("Trop de documents empruntés"),
  EXCESSIVE_FEES("Montant dû trop élevé"),
  UNKNOWN_ITEM("Document inconnu"),
  ALREADY_ON_LOAN("Document déjà emprunté"),
  ON_HOLD_FOR_ANOTHER("Document réservé pour un autre lecteur"),
  NOT_ON_LOAN_TO_PATRON("Document non emprunté par ce lecteur"),
  RENEWAL_LIMIT("Nombre maximal de prolongations atteint"),
  ON_HOLD_NO_RENEWAL("Document réservé : prolongation impossible"),
  ALREADY_HELD("Document déjà réservé"),
  NO_SUCH_HOLD("Aucune réservation à annuler");

  private final String screenMessage;

  Refusal(String screenMessage) {
    this.screenMessage = screenMessage;
  }

  public String screenMessage() {
    return screenMessage;
  }
}
