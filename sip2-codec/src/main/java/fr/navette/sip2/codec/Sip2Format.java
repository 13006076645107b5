package fr.navette.sip2.codec;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How one SIGB wants its bytes: encoding, the terminator we send, and whether frames carry error
 * detection (AY sequence + AZ checksum). Encodes {@link Sip2Message}s into frames and decodes
 * frames back; the decoder throws nothing but {@link Sip2ParseException}, whatever the bytes.
 *
 * <p>A {@code |} inside a value is sent as {@code &#124;} and read back as {@code |}, as Koha
 * does; CR and LF inside a value become spaces since they would end the frame. On receipt a
 * {@code |} not followed by something that looks like a tag (two capitals) is taken as part of
 * the value, which rescues titles from servers that do not escape it.
 */
public record Sip2Format(Sip2Encoding encoding, Terminator terminator, boolean errorDetection) {
  static final String PIPE_ENTITY = "&#124;";
  /** One-character fixed fields (flags: Y, N, U, 0, 1) share these strings rather than a new one each. */
  private static final String[] ONE_CHAR = new String[128];

  static {
    for (char c = 0; c < ONE_CHAR.length; c++) {
      ONE_CHAR[c] = String.valueOf(c).intern();
    }
  }

  public Sip2Format {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(terminator, "terminator");
  }

  /** The spec's defaults as most servers run them: UTF-8, CR, no error detection. */
  public static Sip2Format defaults() {
    return new Sip2Format(Sip2Encoding.UTF_8, Terminator.CR, false);
  }

  public Sip2Format withEncoding(Sip2Encoding e) {
    return new Sip2Format(e, terminator, errorDetection);
  }

  public Sip2Format withTerminator(Terminator t) {
    return new Sip2Format(encoding, t, errorDetection);
  }

  public Sip2Format withErrorDetection(boolean on) {
    return new Sip2Format(encoding, terminator, on);
  }

  /**
   * The frame for a message, terminator included; with error detection on, {@code AY<sequence>AZ<checksum>}
   * goes before the terminator.
   */
  public byte[] encode(Sip2Message message, int sequence) {
    if (sequence < 0 || sequence > 9) {
      throw new IllegalArgumentException("the AY sequence is one digit, got " + sequence);
    }
    List<String> fixed = message.fixed();
    List<Field> fields = message.fields();
    FrameWriter out = new FrameWriter(encoding, 64 + 24 * fields.size());
    out.text(message.type().code(), false);
    for (int i = 0; i < fixed.size(); i++) {
      out.text(fixed.get(i), false);
    }
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      out.text(f.tag(), false);
      out.text(f.value(), true);
      out.ascii('|');
    }
    if (errorDetection) {
      out.ascii('A');
      out.ascii('Y');
      out.ascii((char) ('0' + sequence));
      out.ascii('A');
      out.ascii('Z');
      out.checksum();
    }
    return out.finish(terminator);
  }

  /** Encodes with sequence 0 (used only when error detection is on). */
  public byte[] encode(Sip2Message message) {
    return encode(message, 0);
  }

  static void appendEscaped(StringBuilder sb, String value) {
    if (value.indexOf('|') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
      sb.append(value);
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '|' -> sb.append(PIPE_ENTITY);
        case '\r', '\n' -> sb.append(' ');
        default -> sb.append(c);
      }
    }
  }

  public Received decode(byte[] frame) throws Sip2ParseException {
    return decode(frame, 0, frame.length);
  }

  /**
   * Decodes one frame; a trailing CR/LF is ignored. When error detection is on and the frame has
   * an AZ checksum, a mismatch throws {@link Sip2ChecksumException}. A frame without AY/AZ is
   * accepted even then: some servers never send them; one whose AY/AZ is cut or malformed is not.
   */
  public Received decode(byte[] frame, int offset, int length) throws Sip2ParseException {
    Objects.checkFromIndexSize(offset, length, frame.length);
    int end = offset + length;
    while (end > offset && (frame[end - 1] == '\r' || frame[end - 1] == '\n')) {
      end--;
    }
    String code = end - offset >= 2 ? asciiCode(frame, offset) : null;
    if (code == null) {
      throw new Sip2ParseException(null, null, "frame too short or without a two-digit message code");
    }
    OptionalInt sequence = OptionalInt.empty();
    int bodyEnd = end;
    if (end - offset >= 8 && frame[end - 6] == 'A' && frame[end - 5] == 'Z') {
      boolean withSequence = end - offset >= 11 && frame[end - 9] == 'A' && frame[end - 8] == 'Y'
          && frame[end - 7] >= '0' && frame[end - 7] <= '9';
      // 96 and 97 carry a checksum but never a sequence (3M guide), so their AZ follows the code itself.
      boolean rightAfterCode = end - offset == 8;
      if (withSequence || frame[end - 7] == '|' || rightAfterCode) {
        int sent = Checksum.readHex(frame, end - 4);
        if (sent < 0 && errorDetection) {
          throw new Sip2ChecksumException(code, "AZ is not four hex digits");
        }
        if (sent < 0) {
          // not error detection after all: leave the bytes to the field parser
        } else if (errorDetection) {
          int expected = Checksum.compute(frame, offset, end - 4);
          if (expected != sent) {
            throw new Sip2ChecksumException(code, "checksum " + Checksum.toHex(sent)
                + " does not match the bytes (expected " + Checksum.toHex(expected) + ")");
          }
        }
        if (sent >= 0) {
          bodyEnd = withSequence ? end - 9 : end - 6;
          if (withSequence) {
            sequence = OptionalInt.of(frame[end - 7] - '0');
          }
        }
      }
    }
    String text = encoding.decode(frame, offset, bodyEnd - offset);
    Sip2Message message = parse(code, text);
    if (errorDetection && bodyEnd == end && hasTrailerField(message)) {
      // A frame cut inside its trailer ("941AY1AZFD") reads as a field AY: not a frame without error detection.
      throw new Sip2ChecksumException(code, "the AY/AZ trailer is cut or malformed");
    }
    return new Received(message, sequence);
  }

  private static boolean hasTrailerField(Sip2Message message) {
    List<Field> fields = message.fields();
    for (int i = 0; i < fields.size(); i++) {
      String tag = fields.get(i).tag();
      if (tag.equals("AY") || tag.equals("AZ")) {
        return true;
      }
    }
    return false;
  }

  private static String asciiCode(byte[] b, int at) {
    byte c0 = b[at];
    byte c1 = b[at + 1];
    if (c0 < '0' || c0 > '9' || c1 < '0' || c1 > '9') {
      return null;
    }
    MessageType known = MessageType.ofCode((c0 - '0') * 10 + (c1 - '0'));
    return known != null ? known.code() : new String(new char[] {(char) c0, (char) c1});
  }

  private static Sip2Message parse(String code, String text) throws Sip2ParseException {
    MessageType type = MessageType.ofCode(code).orElse(null);
    if (type == null) {
      throw new Sip2ParseException(code, null, "unknown message code");
    }
    List<FixedField> layout = type.fixedFields();
    String[] fixed = new String[layout.size()];
    int count = 0;
    int pos = 2;
    for (FixedField f : layout) {
      if (text.length() < pos + f.length()) {
        throw new Sip2ParseException(code, f.name(), "message ends before this fixed field (" + f.length()
            + " characters expected at position " + pos + ")");
      }
      String v;
      if (f.length() == 1) {
        char c = text.charAt(pos);
        if ((f.kind() == FixedKind.YES_NO || f.kind() == FixedKind.YES_NO_UNKNOWN) && Character.isLowerCase(c)) {
          v = String.valueOf(c).toUpperCase(Locale.ROOT);
          v = v.length() == 1 && v.charAt(0) < ONE_CHAR.length ? ONE_CHAR[v.charAt(0)] : v;
        } else {
          v = c < ONE_CHAR.length ? ONE_CHAR[c] : String.valueOf(c);
        }
      } else {
        v = text.substring(pos, pos + f.length());
      }
      if (!f.kind().accepts(v)) {
        throw new Sip2ParseException(code, f.name(), "expected " + f.kind().expectation() + ", got '" + v + "'");
      }
      fixed[count++] = v;
      pos += f.length();
    }
    List<Field> fields = parseFields(code, text, pos);
    try {
      return new Sip2Message(type, FrozenList.of(fixed, count, type), fields);
    } catch (IllegalArgumentException e) {
      throw new Sip2ParseException(code, null, e.getMessage());
    }
  }

  private static List<Field> parseFields(String code, String s, int from) throws Sip2ParseException {
    Field[] fields = new Field[16];
    int count = 0;
    int n = s.length();
    int i = from;
    while (i < n) {
      if (s.charAt(i) == '|') {
        i++; // an empty field: nothing to keep
        continue;
      }
      if (n - i < 2) {
        throw new Sip2ParseException(code, null, "'" + s.substring(i) + "' at position " + i + " is not a field");
      }
      String tag = FieldTag.tagAt(s, i);
      int j = i + 2;
      int end;
      while (true) {
        int k = s.indexOf('|', j);
        if (k < 0) {
          end = n; // last field without its '|': tolerated
          break;
        }
        if (endsField(s, k)) {
          end = k;
          break;
        }
        j = k + 1;
      }
      if (count == fields.length) {
        fields = Arrays.copyOf(fields, count * 2);
      }
      fields[count++] = new Field(tag, unescape(s.substring(i + 2, end)));
      i = end + 1;
    }
    return FrozenList.of(fields, count, null);
  }

  private static boolean endsField(String s, int bar) {
    int n = s.length();
    if (bar == n - 1) {
      return true;
    }
    if (bar + 2 >= n) {
      return false;
    }
    char a = s.charAt(bar + 1);
    char b = s.charAt(bar + 2);
    return a == '|' || (a >= 'A' && a <= 'Z' && ((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')));
  }

  private static String unescape(String v) {
    return v.indexOf('&') < 0 ? v : v.replace(PIPE_ENTITY, "|");
  }
}
