package fr.navette.hub.alarms;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an alarm ended, as the librarian who went to the gate tells it. */
public enum Outcome {
  /** The document was lent (or not protected): the tag was disarmed at the desk, nothing else to do. */
  FALSE_ALARM_FIXED,
  /** The patron came back to the desk (borrowed, or left the document). */
  PATRON_CAME_BACK,
  /** The patron had gone: the document may be lost. */
  PATRON_LEFT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<Outcome> fromWire(String wire) {
    return Arrays.stream(values()).filter(o -> o.wire().equals(wire)).findFirst();
  }
}
