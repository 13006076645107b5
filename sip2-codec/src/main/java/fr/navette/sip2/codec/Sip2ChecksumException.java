package fr.navette.sip2.codec;

/**
 * The frame carried an AZ checksum that does not match its bytes. The receiver should ask for
 * a resend (97 from the SC, 96 from the ACS) instead of giving up.
 */
public final class Sip2ChecksumException extends Sip2ParseException {
  public Sip2ChecksumException(String messageCode, String problem) {
    super(messageCode, "AZ", problem);
  }
}
