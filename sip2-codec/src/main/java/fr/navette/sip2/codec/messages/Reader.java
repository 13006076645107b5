package fr.navette.sip2.codec.messages;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.FieldTag;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.YesNoUnknown;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of a generic message into typed values, remembering which tags were read so
 * that the rest become the record's other fields. A missing mandatory field reads as "": real
 * servers omit some (an empty AO is common) and refusing the whole reply would help no one.
 */
final class Reader {
  private final Sip2Message m;
  private final Set<String> readOnce = new HashSet<>();
  private final Set<String> readAll = new HashSet<>();

  Reader(Sip2Message m, MessageType expected) throws Sip2ParseException {
    if (m.type() != expected) {
      throw new Sip2ParseException(m.type().code(), null, "expected a message " + expected.code());
    }
    this.m = m;
  }

  String text(FieldTag tag) {
    return optional(tag).orElse("");
  }

  Optional<String> optional(FieldTag tag) {
    readOnce.add(tag.tag());
    return m.field(tag);
  }

  List<String> list(FieldTag tag) {
    readAll.add(tag.tag());
    return m.fieldValues(tag);
  }

  /**
   * Fields no component took: unknown tags, and a second occurrence of a single-valued field
   * (a server bug we pass on rather than lose).
   */
  List<Field> others() {
    List<Field> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Field f : m.fields()) {
      boolean taken = readAll.contains(f.tag()) || (readOnce.contains(f.tag()) && seen.add(f.tag()));
      if (!taken) {
        out.add(f);
      }
    }
    return out;
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
