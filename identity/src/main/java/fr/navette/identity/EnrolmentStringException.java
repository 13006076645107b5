package fr.navette.identity;

/** An enrolment string that cannot be read; the message names the part that is wrong. */
public final class EnrolmentStringException extends IllegalArgumentException {
  public EnrolmentStringException(String message) {
    super(message);
  }
}
