package fr.navette.reader.feig;

import fr.navette.reader.ReaderException;
import fr.navette.reader.ReaderException.Kind;

/** FEIG reply STATUS bytes and what they mean for a caller. */
final class FeigStatus {
  static final int OK = 0x00;
  static final int NO_TRANSPONDER = 0x01;
  static final int DATA_FALSE = 0x02;
  static final int WRITE_ERROR = 0x03;
  static final int ADDRESS_ERROR = 0x04;
  static final int RF_ERROR = 0x83;
  static final int MORE_DATA = 0x94;
  static final int ISO_ERROR = 0x95;

  private FeigStatus() {}

  static ReaderException toException(int status, String what) {
    return switch (status) {
      case NO_TRANSPONDER -> new ReaderException(Kind.NO_TAG, what + ": no transponder (status 0x01)");
      case DATA_FALSE -> new ReaderException(Kind.TAG_ERROR, what + ": data false, CRC error on air (status 0x02)");
      case WRITE_ERROR -> new ReaderException(Kind.TAG_ERROR, what + ": write error (status 0x03)");
      case ADDRESS_ERROR -> new ReaderException(Kind.TAG_ERROR, what + ": address error (status 0x04)");
      case RF_ERROR -> new ReaderException(Kind.TAG_ERROR, what + ": RF communication error (status 0x83)");
      case ISO_ERROR -> new ReaderException(Kind.TAG_ERROR, what + ": ISO 15693 error (status 0x95)");
      default -> new ReaderException(Kind.PROTOCOL, String.format("%s: unexpected status 0x%02X", what, status));
    };
  }
}
