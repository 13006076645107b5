package fr.navette.sip2.codec.messages;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.sip2.codec.Received;
import fr.navette.sip2.codec.Sip2Encoding;
import fr.navette.sip2.codec.Sip2Format;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.Terminator;
import java.time.LocalDateTime;

/**
 * Helpers of the literal frame fixtures ({@code *FramesTest}). A fixture is checked both ways, so that an
 * encoder and a decoder wrong in the same way (which a round-trip property cannot see) fail here.
 */
final class Frames {
  static final Sip2Format PLAIN = new Sip2Format(Sip2Encoding.UTF_8, Terminator.CR, false);
  static final Sip2Format CHECKED = PLAIN.withErrorDetection(true);
  /** The AY digit the fixtures use with error detection: not 0, so that a digit hard-coded anywhere shows. */
  static final int SEQUENCE = 7;

  /** "20260115    101500": 15 January 2026, 10:15:00, ACS local time (blank zone). */
  static final String T = "20260115    101500";
  static final Sip2Timestamp T_VALUE = local(2026, 1, 15, 10, 15, 0);

  private Frames() {}

  interface Typed<R extends Sip2Record> {
    R from(Sip2Message m) throws Sip2ParseException;
  }

  static Sip2Timestamp local(int y, int mo, int d, int h, int mi, int s) {
    return new Sip2Timestamp(LocalDateTime.of(y, mo, d, h, mi, s), Sip2Timestamp.LOCAL);
  }

  static Sip2Message decode(String frame) throws Sip2ParseException {
    return PLAIN.decode(frame.getBytes(UTF_8)).message();
  }

  static Received decodeChecked(String frame) throws Sip2ParseException {
    return CHECKED.decode(frame.getBytes(UTF_8));
  }

  static String encode(Sip2Format format, Sip2Record r) {
    return new String(format.encode(r.toMessage(), SEQUENCE), UTF_8);
  }

  /**
   * Both directions, with and without error detection: the literal (no terminator) decodes to exactly
   * {@code expected} (record equality: every component), through the type's own reader and through
   * {@link Sip2Records#read}; {@code expected} encodes to the literal byte for byte; with error detection
   * it encodes to the literal plus {@code AY7AZ<checksum>}, which decodes back to it with its sequence.
   */
  static <R extends Sip2Record> void assertFrame(String literal, R expected, Typed<R> reader) throws Exception {
    assertThat(reader.from(decode(literal + "\r"))).isEqualTo(expected);
    assertThat(Sip2Records.read(decode(literal))).isEqualTo(expected);
    assertThat(encode(PLAIN, expected)).isEqualTo(literal + "\r");

    String checked = withTrailer(literal, SEQUENCE);
    assertThat(encode(CHECKED, expected)).isEqualTo(checked + "\r");
    Received r = decodeChecked(checked + "\r");
    assertThat(r.sequence()).hasValue(SEQUENCE);
    assertThat(reader.from(r.message())).isEqualTo(expected);
  }

  /**
   * Both directions without error detection, for the frames whose trailer the spec words differently (96 and 97
   * carry a checksum but no sequence): the literal decodes to {@code expected}, which encodes back to it.
   */
  static <R extends Sip2Record> void assertPlainFrame(String literal, R expected, Typed<R> reader) throws Exception {
    assertThat(reader.from(decode(literal + "\r"))).isEqualTo(expected);
    assertThat(encode(PLAIN, expected)).isEqualTo(literal + "\r");
  }

  /** The literal with {@code AY<sequence>AZ<checksum>} appended. */
  static String withTrailer(String literal, int sequence) {
    String upToAz = literal + "AY" + sequence + "AZ";
    return upToAz + checksumOf(upToAz);
  }

  /**
   * DESIGN §4, written again here on purpose (not the codec's {@code Checksum}), so that the codec is
   * checked rather than trusted: two's complement of the 16-bit sum of the UTF-8 bytes through "AZ".
   */
  static String checksumOf(String upToAz) {
    return checksumOf(upToAz.getBytes(UTF_8));
  }

  /** The same over bytes already encoded (CP850, ISO-8859-1). */
  static String checksumOf(byte[] upToAz) {
    int sum = 0;
    for (byte b : upToAz) {
      sum += b & 0xFF;
    }
    return String.format("%04X", (-sum) & 0xFFFF);
  }
}
