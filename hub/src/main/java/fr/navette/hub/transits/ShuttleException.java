package fr.navette.hub.transits;

/** A shuttle operation staff asked for cannot be done; the message says why, in words staff understand. */
public final class ShuttleException extends RuntimeException {
  private final boolean notFound;

  private ShuttleException(String message, boolean notFound) {
    super(message);
    this.notFound = notFound;
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
