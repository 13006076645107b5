package fr.navette.hub.transits;

import fr.navette.hub.text.Said;
import java.util.Optional;

/**
 * A shuttle operation staff asked for cannot be done; the message says why, in words staff understand — in their
 * language when it is one of the hub's texts ({@link #text()}). Not found (404), refused (409) or wrongly asked
 * (400: an unknown branch).
 */
public final class ShuttleException extends RuntimeException {
  /** What kind of no it is, for the API's status. */
  public enum Kind { NOT_FOUND, CONFLICT, BAD_REQUEST }

  private final Kind kind;
  private final transient Said text;

  private ShuttleException(String message, Kind kind) {
    super(message);
    this.kind = kind;
    this.text = null;
  }

  private ShuttleException(Said text, Kind kind) {
    super(text.french());
    this.kind = kind;
    this.text = text;
  }

  public static ShuttleException conflict(Said text) {
    return new ShuttleException(text, Kind.CONFLICT);
  }

  public static ShuttleException notFound(Said text) {
    return new ShuttleException(text, Kind.NOT_FOUND);
  }

  public static ShuttleException badRequest(Said text) {
    return new ShuttleException(text, Kind.BAD_REQUEST);
  }

  /** What to tell staff, in any language; empty when the message is all there is. */
  public Optional<Said> text() {
    return Optional.ofNullable(text);
  }

  public static ShuttleException notFound(String message) {
    return new ShuttleException(message, Kind.NOT_FOUND);
  }

  public static ShuttleException conflict(String message) {
    return new ShuttleException(message, Kind.CONFLICT);
  }

  public boolean notFound() {
    return kind == Kind.NOT_FOUND;
  }

  public Kind kind() {
    return kind;
  }
}
