package fr.navette.reader;

/** The one error of the reader layer; {@link #kind()} says what a caller can do about it. */
public final class ReaderException extends Exception {

  public enum Kind {
    /** No (complete) answer within the timeout. */
    TIMEOUT,
    /** The addressed tag did not answer: it left the field, or never was there. */
    NO_TAG,
    /** The serial link is gone (unplugged); the driver reconnects by itself on the next call. */
    DISCONNECTED,
    /** The reader answered something we do not understand, or with a bad checksum. */
    PROTOCOL,
    /** The tag refused the operation (locked block, write error, address out of range). */
    TAG_ERROR,
    /** This reader or protocol cannot do it. */
    UNSUPPORTED
  }

  private final Kind kind;

  public ReaderException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public ReaderException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public String getMessage() {
    return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + super.getMessage();
  }
}
