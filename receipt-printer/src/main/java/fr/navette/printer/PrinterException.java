package fr.navette.printer;

/**
 * A receipt that cannot be printed, and why, in the log's words (English, as every log line). What a patron or
 * staff member reads comes from the application's catalogue, keyed by the {@link Kind}'s name, in their language.
 */
public final class PrinterException extends Exception {
  /** What is wrong; each says what to do in {@link #advice()}. */
  public enum Kind {
    PAPER_OUT("out of paper"),
    COVER_OPEN("cover open"),
    OFFLINE("printer offline"),
    ERROR("printer error"),
    NOT_ANSWERING("printer not answering"),
    DISCONNECTED("printer unplugged");

    private final String advice;

    Kind(String advice) {
      this.advice = advice;
    }

    public String advice() {
      return advice;
    }
  }

  private final Kind kind;

  public PrinterException(Kind kind, String message, Throwable cause) {
    super(kind.advice() + ": " + message, cause);
    this.kind = kind;
  }

  public PrinterException(Kind kind, String message) {
    this(kind, message, null);
  }

  public Kind kind() {
    return kind;
  }
}
