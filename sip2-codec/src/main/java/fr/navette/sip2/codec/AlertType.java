package fr.navette.sip2.codec;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The checkin alert type (CV, a 3M extension every major SIGB sends). A code we do not know is
 * kept as is: Koha, for one, uses 98/99 for several things.
 */
public record AlertType(String code) {
  public static final AlertType NONE = new AlertType("00");
  public static final AlertType HOLD_FOR_THIS_LIBRARY = new AlertType("01");
  public static final AlertType HOLD_FOR_OTHER_BRANCH = new AlertType("02");
  public static final AlertType HOLD_FOR_ILL = new AlertType("03");
  public static final AlertType SEND_TO_OTHER_BRANCH = new AlertType("04");
  public static final AlertType OTHER = new AlertType("99");

  private static final Map<String, String> DESCRIPTIONS = Map.of(
      "00", "none",
      "01", "hold for this library",
      "02", "hold for another branch",
      "03", "hold for inter-library loan",
      "04", "send to another branch",
      "99", "other / special handling");

  public AlertType {
    Objects.requireNonNull(code, "code");
  }

  public boolean isKnown() {
    return DESCRIPTIONS.containsKey(code);
  }

  public Optional<String> description() {
    return Optional.ofNullable(DESCRIPTIONS.get(code));
  }

  @Override
  public String toString() {
    return code + description().map(d -> " (" + d + ")").orElse("");
  }
}
