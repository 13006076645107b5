package fr.navette.kiosk.selfcheck;

import java.util.Objects;

/** A sentence the patron reads, French first, English beside. */
public record Text(String fr, String en) {
  public Text {
    Objects.requireNonNull(fr, "fr");
    Objects.requireNonNull(en, "en");
  }

  static final Text NO_ANSWER = new Text(
      "Le service ne répond pas. Le document n'a pas été emprunté. Réessayez dans un instant ou adressez-vous à l'accueil.",
      "The service is not answering. The document was not borrowed. Try again shortly or ask at the desk.");
  static final Text NO_ANSWER_LOGIN = new Text(
      "Le service ne répond pas. Réessayez dans un instant ou adressez-vous à l'accueil.",
      "The service is not answering. Try again shortly or ask at the desk.");
  static final Text REFUSED = new Text("Le système de la bibliothèque a refusé.", "The library system said no.");
  static final Text LOAN_UNDONE = new Text(
      "Le document n'a pas pu être désactivé : l'emprunt est annulé. Reposez-le bien à plat et réessayez.",
      "The document could not be unlocked, so the loan was cancelled. Lay it flat on the pad and try again.");
  static final Text SEE_DESK = new Text(
      "Le document n'a pas pu être désactivé et l'emprunt n'a pas pu être annulé. Montrez-le à l'accueil avant de sortir.",
      "The document could not be unlocked and the loan could not be cancelled. Please show it at the desk before"
          + " leaving.");
  static final Text RENEWAL_OFFERED = new Text("Vous avez déjà ce document. Voulez-vous le prolonger ?",
      "You already have this document. Do you want to renew it?");
  static final Text NOTHING_ON_PAD = new Text("Aucun document sur le plateau. Posez vos documents puis réessayez.",
      "No document on the pad. Put your documents on it and try again.");
  static final Text VIEW_ONLY = new Text(
      "Consultation seulement : vous ne pouvez ni emprunter ni prolonger pour le moment. Vous pouvez voir votre compte"
          + " et votre reçu.",
      "View only: you cannot borrow or renew right now. You can see your account and your receipt.");
  static final Text LIBRARIAN = new Text("Un bibliothécaire peut vous aider.", "A librarian can help you.");
  static final Text NOT_LOGGED_IN = new Text("Votre session est terminée. Présentez votre carte.",
      "Your session has ended. Show your card.");

  static Text incompleteSet(int parts, java.util.List<Integer> missing) {
    String list = String.join(", ", missing.stream().map(String::valueOf).toList());
    return new Text(
        "Ce document a " + parts + " parties : posez-les toutes sur le plateau (manquant : " + list + ").",
        "This document has " + parts + " parts: put all of them on the pad (missing: " + list + ").");
  }

  @Override
  public String toString() {
    return fr + " / " + en;
  }
}
