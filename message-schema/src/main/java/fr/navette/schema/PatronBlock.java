package fr.navette.schema;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why the SIGB will not serve a patron, as {@link SigbResponse#blocks()} names it on the wire ({@link #wire()}),
 * with what a kiosk may say, in plain words anyone can read (French first, English beside). The first fourteen are
 * the SIP2 patron status flags, in their order (SIP2 messages 24 and 64); the next two come from SIP2 BL and CQ; the last three are the hub's own
 * (a card or PIN not recognised, too many tries, a PIN missing).
 * Blocks travel as strings so that a kiosk reading a newer hub keeps working: {@link #fromWire} is empty for names
 * it does not know, and the hub's messageFr/messageEn still explain.
 */
public enum PatronBlock {
  CHARGE_DENIED("Votre carte ne permet pas d'emprunter pour le moment.", "Your card cannot borrow right now."),
  RENEWAL_DENIED("Votre carte ne permet pas de prolonger vos prêts pour le moment.",
      "Your card cannot renew loans right now."),
  RECALL_DENIED("Votre carte ne permet pas de demander le retour d'un document.",
      "Your card cannot ask for an item to be brought back."),
  HOLD_DENIED("Votre carte ne permet pas de réserver pour le moment.", "Your card cannot reserve items right now."),
  CARD_LOST("Cette carte a été déclarée perdue.", "This card was reported lost."),
  TOO_MANY_CHARGED("Vous avez déjà emprunté autant de documents que possible.",
      "You have already borrowed as many items as you can."),
  TOO_MANY_OVERDUE("Vous avez des documents en retard : rapportez-les d'abord.",
      "Some of your items are late: please bring them back first."),
  TOO_MANY_RENEWALS("Vous avez prolongé autant de fois que possible.", "You have renewed as many times as you can."),
  TOO_MANY_CLAIMS_RETURNED("Votre compte doit être vérifié.", "Your account needs checking."),
  TOO_MANY_LOST("Des documents sont notés perdus sur votre carte.", "Some items on your card are marked lost."),
  EXCESSIVE_FINES("Vous avez des pénalités de retard à régler.", "You have late fines to pay."),
  EXCESSIVE_FEES("Vous avez des frais à régler.", "You have fees to pay."),
  RECALL_OVERDUE("Un document qu'on vous a demandé de rapporter est en retard.",
      "An item you were asked to bring back is late."),
  TOO_MANY_BILLED("Des documents vous ont été facturés.", "You have been billed for some items."),
  /** SIP2 BL N: the SIGB does not know this card. */
  UNKNOWN_PATRON("Nous ne connaissons pas cette carte.", "We do not know this card."),
  /** SIP2 CQ N: the PIN given is not the card's. */
  WRONG_PIN("Ce code n'est pas le bon. Vous pouvez réessayer.", "That PIN is not right. You can try again."),
  /**
   * Since 1.2: the card is unknown or its PIN is wrong, the hub does not say which (a kiosk must not tell a stranger
   * whether a card number exists). What a hub answers for both unless its network asks to tell them apart.
   */
  NOT_RECOGNISED("Carte ou code inconnu. Vérifiez et réessayez.", "Card or PIN not recognised. Check and try again."),
  /**
   * Since 1.2: too many wrong tries on this card or at this kiosk; the hub did not ask the SIGB. A librarian lifts
   * it (or it ends by itself after a while).
   */
  TOO_MANY_ATTEMPTS("Trop d'essais : adressez-vous à un bibliothécaire.", "Too many tries: please ask a librarian."),
  /** Since 1.2: the request reads or changes a patron's account and carries no PIN. */
  PIN_REQUIRED("Tapez votre code secret pour continuer.", "Please type your PIN to go on.");

  private final String messageFr;
  private final String messageEn;

  PatronBlock(String messageFr, String messageEn) {
    this.messageFr = messageFr;
    this.messageEn = messageEn;
  }

  /** The name on the wire, e.g. {@code too-many-overdue}. */
  public String wire() {
    return Json.wire(this);
  }

  public String messageFr() {
    return messageFr;
  }

  public String messageEn() {
    return messageEn;
  }

  /**
   * The block a SIP2 patron status flag stands for, by its position (0–13) in the 14-character status field.
   *
   * @throws IllegalArgumentException outside 0–13
   */
  public static PatronBlock ofStatusFlag(int position) {
    if (position < 0 || position > TOO_MANY_BILLED.ordinal()) {
      throw new IllegalArgumentException("SIP2 patron status has 14 flags (0-13), not " + position);
    }
    return values()[position];
  }

  public static Optional<PatronBlock> fromWire(String wire) {
    return Arrays.stream(values()).filter(b -> b.wire().equals(wire)).findFirst();
  }
}
