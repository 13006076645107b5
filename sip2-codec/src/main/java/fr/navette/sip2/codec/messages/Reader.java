package fr.navette.sip2.codec.messages;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.FieldTag;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.YesNoUnknown;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the fields of a generic message into typed values, remembering which tags were read so
 * that the rest become the record's other fields. A missing mandatory field reads as "": real
 * servers omit some (an empty AO is common) and refusing the whole reply would help no one.
 */
final class Reader {
  private final Sip2Message m;
  private final List<Field> fields;
  /**
   * Which fields a component took, by position: a message has a dozen fields, so marking them beats
   * sets of tags (this runs for every reply the hub reads).
   */
  private final boolean[] taken;
  /** Each field's tag as a {@link FieldTag} ordinal, -1 for an unknown tag: found by comparing ints. */
  private final int[] known;

  Reader(Sip2Message m, MessageType expected) throws Sip2ParseException {
    if (m.type() != expected) {
      throw new Sip2ParseException(m.type().code(), null, "expected a message " + expected.code());
    }
    this.m = m;
    this.fields = m.fields();
    this.taken = new boolean[fields.size()];
    this.known = new int[taken.length];
    for (int i = 0; i < known.length; i++) {
      FieldTag t = FieldTag.ofOrNull(fields.get(i).tag());
      known[i] = t == null ? -1 : t.ordinal();
    }
  }

  String text(FieldTag tag) {
    String v = first(tag);
    return v == null ? "" : v;
  }

  /** The first occurrence; a second one is left for {@link #others()}. */
  Optional<String> optional(FieldTag tag) {
    return Optional.ofNullable(first(tag));
  }

  private String first(FieldTag tag) {
    int t = tag.ordinal();
    for (int i = 0; i < known.length; i++) {
      if (known[i] == t) {
        taken[i] = true;
        return fields.get(i).value();
      }
    }
    return null;
  }

  List<String> list(FieldTag tag) {
    int t = tag.ordinal();
    List<String> out = null;
    for (int i = 0; i < known.length; i++) {
      if (known[i] == t) {
        taken[i] = true;
        if (out == null) {
          out = new ArrayList<>(2);
        }
        out.add(fields.get(i).value());
      }
    }
    return out == null ? List.of() : out;
  }

  /**
   * Fields no component took: unknown tags, and a second occurrence of a single-valued field
   * (a server bug we pass on rather than lose).
   */
  List<Field> others() {
    List<Field> out = null;
    for (int i = 0; i < taken.length; i++) {
      if (!taken[i]) {
        if (out == null) {
          out = new ArrayList<>(taken.length - i);
        }
        out.add(fields.get(i));
      }
    }
    return out == null ? List.of() : out;
  }

  String fixed(String name) {
    return m.fixed(name);
  }

  boolean yes(String name) {
    return m.fixed(name).equals("Y");
  }

  boolean one(String name) {
    return m.fixed(name).equals("1");
  }

  YesNoUnknown yesNoUnknown(String name) {
    return YesNoUnknown.ofCode(m.fixed(name));
  }

  int number(String name) {
    String v = m.fixed(name).trim();
    return v.isEmpty() ? 0 : Integer.parseInt(v);
  }

  Sip2Timestamp date(String name) throws Sip2ParseException {
    return optionalDate(name).orElseThrow(
        () -> new Sip2ParseException(m.type().code(), name, "a date is required here, got 18 spaces"));
  }

  Optional<Sip2Timestamp> optionalDate(String name) throws Sip2ParseException {
    try {
      return Sip2Timestamp.parse(m.fixed(name));
    } catch (IllegalArgumentException e) {
      throw new Sip2ParseException(m.type().code(), name, e.getMessage());
    }
  }
}
