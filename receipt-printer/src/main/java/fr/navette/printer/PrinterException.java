package fr.navette.printer;

/** A receipt that cannot be printed, and why, in words staff act on. */
public final class PrinterException extends Exception {
  /** What is wrong; each says what to do in {@link #advice()}. */
  public enum Kind {
    PAPER_OUT("plus de papier / out of paper"),
    COVER_OPEN("capot ouvert / cover open"),
    OFFLINE("imprimante hors ligne / printer offline"),
    ERROR("imprimante en erreur / printer error"),
    NOT_ANSWERING("l'imprimante ne répond pas / printer not answering"),
    DISCONNECTED("imprimante débranchée / printer unplugged");

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
