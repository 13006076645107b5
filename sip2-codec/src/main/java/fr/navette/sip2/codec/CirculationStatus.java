package fr.navette.sip2.codec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The item circulation status of an item information response (18); unknown codes are kept. */
public record CirculationStatus(String code) {
  private static final List<String> DESCRIPTIONS = List.of("other", "on order", "available", "charged",
      "charged, not to be recalled until earliest recall date", "in process", "recalled",
      "waiting on hold shelf", "waiting to be re-shelved", "in transit between library locations",
      "claimed returned", "lost", "missing");

  public static final CirculationStatus OTHER = new CirculationStatus("01");
  public static final CirculationStatus ON_ORDER = new CirculationStatus("02");
  public static final CirculationStatus AVAILABLE = new CirculationStatus("03");
  public static final CirculationStatus CHARGED = new CirculationStatus("04");
  public static final CirculationStatus CHARGED_NOT_RECALLABLE = new CirculationStatus("05");
  public static final CirculationStatus IN_PROCESS = new CirculationStatus("06");
  public static final CirculationStatus RECALLED = new CirculationStatus("07");
  public static final CirculationStatus ON_HOLD_SHELF = new CirculationStatus("08");
  public static final CirculationStatus TO_BE_RESHELVED = new CirculationStatus("09");
  public static final CirculationStatus IN_TRANSIT = new CirculationStatus("10");
  public static final CirculationStatus CLAIMED_RETURNED = new CirculationStatus("11");
  public static final CirculationStatus LOST = new CirculationStatus("12");
  public static final CirculationStatus MISSING = new CirculationStatus("13");

  public CirculationStatus {
    Objects.requireNonNull(code, "code");
  }

  public Optional<String> description() {
    try {
      int n = Integer.parseInt(code.trim());
      return n >= 1 && n <= DESCRIPTIONS.size() ? Optional.of(DESCRIPTIONS.get(n - 1)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Charged in any way: the SIGB thinks someone has it. */
  public boolean isCharged() {
    return equals(CHARGED) || equals(CHARGED_NOT_RECALLABLE) || equals(RECALLED);
  }

  @Override
  public String toString() {
    return code + description().map(d -> " (" + d + ")").orElse("");
  }
}
