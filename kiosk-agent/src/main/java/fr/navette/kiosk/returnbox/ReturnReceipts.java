package fr.navette.kiosk.returnbox;

import fr.navette.kiosk.text.KioskTexts;
import fr.navette.printer.Receipt;
import fr.navette.schema.text.Catalogue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Proof of return on demand: the patron presses the box's receipt button after dropping their documents, and
 * gets the ones taken back in the last few minutes (since the last receipt). The box never knows who the patron
 * is, so a receipt names documents only — titles when the hub's answer gave them, identifiers otherwise.
 */
public final class ReturnReceipts {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

  private record Returned(String itemId, Optional<String> title, Instant at) {}

  private final Locale language;
  private final String site;
  private final Duration window;
  private final Clock clock;
  private final ZoneId zone;
  private final List<Returned> since = new ArrayList<>();

  /** @param window how far back a receipt reaches: one patron's drop, not the previous patron's */
  public ReturnReceipts(String site, Duration window, Clock clock, ZoneId zone) {
    this(site, window, clock, zone, Catalogue.FRENCH);
  }

  /**
   * @param language the receipt's: the box has no screen where a patron could choose, so it is the box's own
   *     (French unless its settings say otherwise)
   */
  public ReturnReceipts(String site, Duration window, Clock clock, ZoneId zone, Locale language) {
    this.language = language;
    this.site = site;
    this.window = window;
    this.clock = clock;
    this.zone = zone;
  }

  public synchronized void accepted(String itemId, Optional<String> title) {
    since.add(new Returned(itemId, title, clock.instant()));
  }

  /** The receipt of the documents returned within the window, which are then forgotten; empty when none. */
  public synchronized Optional<Receipt> take() {
    Instant now = clock.instant();
    List<Returned> recent = since.stream().filter(r -> !r.at().isBefore(now.minus(window))).toList();
    since.clear();
    if (recent.isEmpty()) {
      return Optional.empty();
    }
    Receipt.Builder receipt = Receipt.builder()
        .heading(KioskTexts.say(language, "return.title"))
        .centered(site + " — " + WHEN.format(now.atZone(zone)))
        .blank();
    for (Returned r : recent) {
      receipt.text("- " + r.title().map(t -> t + " (" + r.itemId() + ")").orElse(r.itemId()));
    }
    int n = recent.size();
    return Optional.of(receipt.blank()
        .bold(KioskTexts.say(language, "return.count", n))
        .text(KioskTexts.say(language, "receipt.thanks"))
        .build());
  }
}
