package fr.navette.hub.privacy;

import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page {@code /privacy}: what Navette keeps about people, where, for how long, who sees it, and how a patron
 * exercises their rights — rendered on the server from the configuration in force ({@link PrivacySettings}, the
 * kiosks' PIN lock), so that the durations it states are the hub's own. French first, English with {@code ?lang=en};
 * one language at a time. No script: it prints as it shows, and a DPO can hand it to the register of processing.
 *
 * <p>Public, no login: a patron (or anyone asking) has the right to this information before and without an account
 * (GDPR articles 12 to 14), and it holds nothing about any one person.
 */
final class PrivacyPage {
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

  private PrivacyPage() {}

  /** A row of the table: a part of the system, what it keeps, where, for how long, who sees it. */
  private record Row(String part, String what, String where, String howLong, String who) {}

  static String render(PrivacySettings settings, Duration pinLock, Duration pinWindow, boolean english) {
    RetentionPolicy r = settings.retention();
    StringBuilder h = new StringBuilder(16_000);
    String lang = english ? "en" : "fr";
    h.append("<!doctype html>\n<html lang=\"").append(lang).append("\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        .append(english ? "Navette — data protection" : "Navette — protection des données")
        .append("</title>\n<link rel=\"stylesheet\" href=\"/privacy.css\">\n</head>\n<body>\n<main>\n");
    h.append("<p class=\"lang\"><a id=\"lang\" href=\"/privacy?lang=").append(english ? "fr" : "en")
        .append("\" hreflang=\"").append(english ? "fr" : "en").append("\" lang=\"").append(english ? "fr" : "en")
        .append("\">").append(english ? "Français" : "English").append("</a></p>\n");
    h.append("<h1>").append(english ? "Data protection" : "Protection des données personnelles").append("</h1>\n");
    h.append("<p class=\"lead\">").append(english
        ? "Navette runs the network's RFID gates, self-service kiosks, return boxes and shuttle. This page says what"
            + " it keeps about people, where, for how long, who can see it, and how to exercise your rights. It is"
            + " public, no login needed: anyone may read it before using the service (GDPR articles 12 to 14), and"
            + " it shows nothing about any one person. The durations below are those the hub is configured with"
            + " today."
        : "Navette fait fonctionner les portiques antivol RFID, les automates de prêt, les boîtes de retour et la"
            + " navette du réseau. Cette page dit ce qu'elle garde sur les personnes, où, combien de temps, qui peut"
            + " le voir, et comment exercer vos droits. Elle est publique, sans connexion : chacun peut la lire avant"
            + " d'utiliser le service (RGPD, articles 12 à 14), et elle ne montre rien sur personne. Les durées"
            + " ci-dessous sont celles que le hub applique aujourd'hui (sa configuration).")
        .append("</p>\n");

    h.append("<h2>").append(english ? "Whom to write to" : "À qui écrire").append("</h2>\n<p id=\"contact\">");
    if (settings.contactConfigured()) {
      h.append(linked(settings.contact()));
    } else {
      h.append("<strong>").append(english
          ? "Not configured yet: the network's administrator gives the data protection contact to the hub"
              + " (option --privacy-contact)."
          : "Pas encore configuré : l'administrateur du réseau donne au hub le contact pour la protection des"
              + " données (option --privacy-contact).").append("</strong>");
    }
    h.append("</p>\n<p>").append(english
        ? "The controller is the library network (the local authority that runs it). Legal basis: the public service"
            + " mission of public reading (GDPR article 6(1)(e)); lending documents and protecting the collections"
            + " are that mission."
        : "Le responsable du traitement est le réseau de bibliothèques (la collectivité qui le porte). Base légale :"
            + " la mission de service public de la lecture publique (RGPD, article 6-1-e) ; prêter les documents et"
            + " protéger les collections en font partie.").append("</p>\n");

    h.append("<h2>").append(english ? "What is kept, where, for how long, seen by whom"
        : "Ce qui est gardé, où, combien de temps, vu par qui").append("</h2>\n");
    h.append("<table id=\"retention\">\n<thead><tr><th scope=\"col\">")
        .append(english ? "Part" : "Partie").append("</th><th scope=\"col\">")
        .append(english ? "What it keeps" : "Ce qu'elle garde").append("</th><th scope=\"col\">")
        .append(english ? "Where" : "Où").append("</th><th scope=\"col\">")
        .append(english ? "How long" : "Combien de temps").append("</th><th scope=\"col\">")
        .append(english ? "Who sees it" : "Qui le voit").append("</th></tr></thead>\n<tbody>\n");
    for (Row row : rows(r, pinLock, pinWindow, english)) {
      h.append("<tr><th scope=\"row\">").append(escape(row.part())).append("</th><td>").append(escape(row.what()))
          .append("</td><td>").append(escape(row.where())).append("</td><td class=\"duration\">")
          .append(escape(row.howLong())).append("</td><td>").append(escape(row.who())).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");

    h.append("<h2>").append(english ? "Never kept" : "Jamais gardé").append("</h2>\n<ul>\n");
    for (String never : english ? List.of(
        "Your PIN: it goes from the kiosk to the hub, then to the library system, and is written nowhere, not even"
            + " in logs.",
        "Your card number in clear in the hub's records: events carry a pseudonym (a keyed hash, one key per network,"
            + " held by the hub only), so a stolen kiosk names nobody.",
        "Your name, address or what you borrowed before: that is the library system's (SIGB), not Navette's; the"
            + " kiosk shows your loans while you are at it and keeps nothing.",
        "Pictures: there is no camera at the gates.")
        : List.of(
        "Votre code secret (PIN) : il va de l'automate au hub puis au système de la bibliothèque, et n'est écrit"
            + " nulle part, pas même dans les journaux.",
        "Votre numéro de carte en clair dans les enregistrements du hub : les événements portent un pseudonyme"
            + " (empreinte à clé, une clé par réseau, gardée par le hub seul) ; un automate volé ne nomme personne.",
        "Votre nom, votre adresse, vos emprunts passés : c'est le système de gestion de la bibliothèque (SIGB), pas"
            + " Navette ; l'automate affiche vos prêts pendant que vous y êtes et n'en garde rien.",
        "Des images : il n'y a pas de caméra aux portiques.")) {
      h.append("<li>").append(escape(never)).append("</li>\n");
    }
    h.append("</ul>\n");

    h.append("<h2>").append(english ? "Your rights" : "Vos droits").append("</h2>\n<p>").append(english
        ? "You may ask what is kept about you (right of access), have it corrected or erased, or object (GDPR"
            + " articles 15 to 21): write to the contact above with your card number. The network's coordinator"
            + " exports from the hub everything it holds about your card (loans and renewals at the kiosks, gate"
            + " alarms linked to them, a PIN lock, messages set aside) — the export is itself recorded, your card"
            + " masked. The network answers within one month. You may also complain to the CNIL (www.cnil.fr)."
        : "Vous pouvez demander ce qui est gardé sur vous (droit d'accès), le faire corriger ou effacer, ou vous y"
            + " opposer (RGPD, articles 15 à 21) : écrivez au contact ci-dessus en donnant votre numéro de carte. La"
            + " coordination du réseau extrait du hub tout ce qu'il garde sur votre carte (prêts et prolongations aux"
            + " automates, alarmes des portiques qui y sont liées, blocage du code, messages mis de côté) ; cette"
            + " extraction est elle-même enregistrée, votre carte masquée. Le réseau répond dans un délai d'un mois."
            + " Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr).").append("</p>\n");

    h.append("<h2>").append(english ? "References" : "Références").append("</h2>\n<ul>\n");
    for (String ref : english ? List.of(
        "CNIL simplified norm NS-009 (libraries): superseded by the GDPR, still the reference. Loan records are kept"
            + " until the end of the fourth month after the document's return; a patron's identity while they use"
            + " the service, removed at the latest one year after their last loan; statistics are depersonalised.",
        "Idrabib recommendation (RFID in libraries, written with the CNIL): tags carry an identifier only — no title,"
            + " no author — and a patron card an identifier only.",
        "GDPR articles 5 (minimisation, limited storage), 6(1)(e), 13 to 21, 25 (data protection by design) and"
            + " 30 (this page is the basis of the record of processing).")
        : List.of(
        "Norme simplifiée NS-009 de la CNIL (bibliothèques) : remplacée par le RGPD, toujours la référence. Les"
            + " enregistrements de prêt sont gardés jusqu'à la fin du quatrième mois suivant le retour du document ;"
            + " l'identité de l'usager tant qu'il utilise le service, au plus un an après son dernier prêt ; les"
            + " statistiques sont anonymisées.",
        "Recommandation Idrabib (la RFID en bibliothèque, écrite avec la CNIL) : les étiquettes ne portent qu'un"
            + " identifiant — ni titre, ni auteur — et la carte d'usager un identifiant seulement.",
        "RGPD, articles 5 (minimisation, conservation limitée), 6-1-e, 13 à 21, 25 (protection des données dès la"
            + " conception) et 30 (cette page sert de base à la fiche du registre des traitements).")) {
      h.append("<li>").append(escape(ref)).append("</li>\n");
    }
    h.append("</ul>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static List<Row> rows(RetentionPolicy r, Duration pinLock, Duration pinWindow, boolean en) {
    String staffAll = en ? "Coordinator and administrators; branch staff for their branches"
        : "Coordination et administration ; le personnel d'un site pour son site";
    String hubDb = en ? "Hub's database" : "Base de données du hub";
    List<Row> rows = new ArrayList<>();
    rows.add(new Row(en ? "Gates, kiosks, return boxes" : "Portiques, automates, boîtes de retour",
        en ? "Their outbox: the events not yet delivered to the hub (alarms, returns, loans with the patron's"
            + " pseudonym, counts); their own identity (a certificate, no personal data)"
            : "Leur boîte d'envoi : les événements pas encore remis au hub (alarmes, retours, prêts avec le"
            + " pseudonyme de l'usager, comptages) ; leur identité (un certificat, aucune donnée personnelle)",
        en ? "The device (its memory card)" : "L'appareil (sa carte mémoire)",
        en ? "Until the hub has received them" : "Jusqu'à ce que le hub les ait reçus",
        en ? "Nobody: the hub only, once delivered" : "Personne : le hub seul, une fois remis"));
    rows.add(new Row(en ? "Kiosk, during a loan" : "Automate, pendant un prêt",
        en ? "Card number and PIN, to ask the library system" : "Numéro de carte et code, pour interroger le SIGB",
        en ? "Memory only; sent to the hub, then the SIGB" : "En mémoire seulement ; transmis au hub puis au SIGB",
        en ? "The time of the request; never written" : "Le temps de la demande ; jamais écrits",
        en ? "Nobody" : "Personne"));
    rows.add(new Row(en ? "Hub: kiosk loans and renewals" : "Hub : prêts et prolongations aux automates",
        en ? "Patron pseudonym, document, kiosk, time" : "Pseudonyme de l'usager, document, automate, heure",
        hubDb, (en ? "To the end of the " + ordinal(r.loansAfterReturn().getMonths(), true) + " month after the document's"
            + " return, then the pseudonym removed (the loan stays counted)" : "Jusqu'à la fin du "
            + ordinal(r.loansAfterReturn().getMonths(), false) + " mois suivant le retour du document, puis le"
            + " pseudonyme effacé (le prêt reste compté)"),
        staffAll));
    rows.add(new Row(en ? "Hub: gate alarms" : "Hub : alarmes des portiques",
        en ? "Document, gate, time, the kiosk loan it may follow, staff's outcome"
            : "Document, portique, heure, le prêt à l'automate qu'elle peut suivre, suite donnée par le personnel",
        hubDb, en ? "No set limit: no patron in them (the network's statistics)" : "Sans durée fixée : aucun usager n'y figure (statistiques du réseau)", staffAll));
    rows.add(new Row(en ? "Hub: other device events" : "Hub : autres événements des appareils",
        en ? "Returns, people counts, devices' health: no patron" : "Retours, comptages d'entrées, état des"
            + " appareils : aucun usager",
        hubDb, en ? "No set limit: no patron in them (the network's statistics)" : "Sans durée fixée : aucun usager n'y figure (statistiques du réseau)", staffAll));
    rows.add(new Row(en ? "Hub: shuttle" : "Hub : navette",
        en ? "Documents in transit and their crates: no patron" : "Documents en transit et leurs bacs : aucun usager",
        hubDb, en ? "No set limit: no patron in them (the network's statistics)" : "Sans durée fixée : aucun usager n'y figure (statistiques du réseau)", staffAll));
    rows.add(new Row(en ? "Hub: PIN lock" : "Hub : blocage du code",
        en ? "Wrong PIN tries of a card (by pseudonym) and its lock" : "Essais de code faux d'une carte (par"
            + " pseudonyme) et son blocage",
        en ? "Hub's memory" : "Mémoire du hub",
        en ? "Tries " + minutes(pinWindow, true) + ", a lock " + minutes(pinLock, true)
            : "Essais " + minutes(pinWindow, false) + ", blocage " + minutes(pinLock, false),
        en ? "Staff (card masked)" : "Le personnel (carte masquée)"));
    rows.add(new Row(en ? "Hub: quarantine" : "Hub : quarantaine",
        en ? "Messages the hub could not read, with why; for kiosk and loan channels, only topic, size and reason"
            : "Messages que le hub n'a pas pu lire, avec la raison ; pour les canaux des automates et des prêts,"
            + " seulement le sujet, la taille et la raison",
        hubDb, (en ? "Bytes cleared " : "Contenu effacé ") + period(r.quarantine(), en)
            + (en ? " after the end of the month received; why and when kept" : " après la fin du mois de réception ; la raison et l'heure restent"), en ? "Coordinator and administrators" : "Coordination et administration"));
    rows.add(new Row(en ? "Hub: staff accounts and audit" : "Hub : comptes du personnel et journal d'audit",
        en ? "Staff user names, roles, branches; who did what and when (a patron's card masked)"
            : "Noms d'utilisateur, rôles, sites du personnel ; qui a fait quoi et quand (carte d'usager masquée)",
        hubDb, en ? "Accounts while in use; the audit log kept (a patron's card masked in it)"
            : "Comptes tant qu'ils servent ; journal d'audit conservé (carte d'usager masquée)",
        en ? "Administrators" : "Administration"));
    rows.add(new Row(en ? "Logs" : "Journaux",
        en ? "What each program did; patron ids masked, PINs never" : "Ce que fait chaque programme ; identifiants"
            + " d'usager masqués, codes jamais",
        en ? "journald on each machine" : "journald sur chaque machine",
        en ? "As journald rotates them (system settings)" : "Selon la rotation de journald (réglage du système)",
        en ? "The machines' administrators" : "Les administrateurs des machines"));
    rows.add(new Row(en ? "Library system (SIGB)" : "Système de gestion (SIGB)",
        en ? "Patron identity and loans: not Navette's" : "Identité des usagers et prêts : hors de Navette",
        en ? "The SIGB" : "Le SIGB",
        en ? "The SIGB's own rules (NS-009: identity at most 1 year after the last loan)"
            : "Les règles du SIGB (NS-009 : identité au plus un an après le dernier prêt)",
        en ? "The library's staff" : "Le personnel des bibliothèques"));
    return rows;
  }

  /** A period as people say it: "4 mois", "1 an et 2 mois", "90 jours" / "4 months", "1 year", "90 days". */
  /** "fourth" / "quatrième" (the norm's own words), up to twelve; a number past that. */
  static String ordinal(int n, boolean en) {
    String[] english = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth"};
    String[] french = {"premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième", "huitième",
        "neuvième", "dixième", "onzième", "douzième"};
    if (n >= 1 && n <= 12) {
      return en ? english[n - 1] : french[n - 1];
    }
    return n + (en ? "th" : "e");
  }

  static String period(Period p, boolean en) {
    Period n = p.normalized();
    List<String> parts = new ArrayList<>();
    if (n.getYears() > 0) {
      parts.add(n.getYears() + (en ? (n.getYears() == 1 ? " year" : " years") : (n.getYears() == 1 ? " an" : " ans")));
    }
    if (n.getMonths() > 0) {
      parts.add(n.getMonths() + (en ? (n.getMonths() == 1 ? " month" : " months") : " mois"));
    }
    if (n.getDays() > 0) {
      parts.add(n.getDays() + (en ? (n.getDays() == 1 ? " day" : " days") : (n.getDays() == 1 ? " jour" : " jours")));
    }
    return String.join(en ? " and " : " et ", parts);
  }

  private static String minutes(Duration d, boolean en) {
    long minutes = d.toMinutes();
    if (minutes >= 60 && minutes % 60 == 0) {
      long hours = minutes / 60;
      return hours + (en ? (hours == 1 ? " hour" : " hours") : " h");
    }
    return minutes + " min";
  }

  /** The contact, escaped, each e-mail address in it a mailto link. */
  private static String linked(String contact) {
    StringBuilder b = new StringBuilder();
    Matcher m = EMAIL.matcher(contact);
    int last = 0;
    while (m.find()) {
      b.append(escape(contact.substring(last, m.start())));
      String mail = escape(m.group());
      b.append("<a href=\"mailto:").append(mail).append("\">").append(mail).append("</a>");
      last = m.end();
    }
    return b.append(escape(contact.substring(last))).toString();
  }

  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  static boolean english(String lang) {
    return lang != null && lang.toLowerCase(Locale.ROOT).startsWith("en");
  }
}
