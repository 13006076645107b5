package fr.navette.hub.transits;

import fr.navette.hub.text.Said;
import java.util.Optional;

/**
 * A shuttle operation staff asked for cannot be done; the message says why, in words staff understand — in their
 * language when it is one of the hub's texts ({@link #text()}).
 */
public final class ShuttleException extends RuntimeException {
  private final boolean notFound;
  private final transient Said text;

  private ShuttleException(String message, boolean notFound) {
    super(message);
    this.notFound = notFound;
    this.text = null;
  }

  private ShuttleException(Said text, boolean notFound) {
    super(text.french());
    this.notFound = notFound;
    this.text = text;
  }

  public static ShuttleException conflict(Said text) {
    return new ShuttleException(text, false);
  }

  /** What to tell staff, in any language; empty when the message is all there is. */
  public Optional<Said> text() {
    return Optional.ofNullable(text);
  }

  public static ShuttleException notFound(String message) {
    return new ShuttleException(message, true);
  }

  public static ShuttleException conflict(String message) {
    return new ShuttleException(message, false);
  }

  public boolean notFound() {
    return notFound;
  }
}
