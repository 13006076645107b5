package fr.navette.sip2.client.diagnostics;

import fr.navette.sip2.codec.AlertType;
import fr.navette.sip2.codec.CirculationStatus;
import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.FieldTag;
import fr.navette.sip2.codec.FixedField;
import fr.navette.sip2.codec.PatronStatus;
import fr.navette.sip2.codec.Sensitivity;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A SIP2 reply as one flat JSON object with readable names: fixed fields by their layout name
 * (flags as booleans, dates as ISO-8601, counts as numbers), variable fields by
 * {@link FieldTag#readableName()} (repeatable ones always as arrays, unknown tags under their own
 * two letters), a description beside each status code, and the raw message. PINs and passwords
 * are shown as "***".
 */
final class ReplyJson {
  private static final Set<String> LIST_TAGS = Set.of("AF", "AG", "AS", "AT", "AU", "AV", "BM", "BN", "BU", "CD");
  private static final Set<String> NUMBERS = Set.of("maxPrintWidth", "timeoutPeriod", "retriesAllowed",
      "renewedCount", "unrenewedCount");

  private ReplyJson() {}

  static Map<String, Object> describe(Sip2Message m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("message", m.type().code());
    out.put("messageName", m.type().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    List<FixedField> layout = m.type().fixedFields();
    for (int i = 0; i < layout.size(); i++) {
      FixedField f = layout.get(i);
      out.put(f.name(), fixedValue(f, m.fixed().get(i)));
    }
    for (Field f : m.fields()) {
      String name = FieldTag.of(f.tag()).map(FieldTag::readableName).orElse(f.tag());
      String value = FieldTag.sensitivityOf(f.tag()) == Sensitivity.SECRET ? "***" : f.value();
      if (LIST_TAGS.contains(f.tag()) || out.containsKey(name)) {
        Object prev = out.get(name);
        List<Object> list = new ArrayList<>();
        if (prev instanceof List<?> l) {
          list.addAll(l);
        } else if (prev != null) {
          list.add(prev);
        }
        list.add(value);
        out.put(name, list);
      } else {
        out.put(name, value);
      }
    }
    describeCodes(m, out);
    out.put("raw", raw(m));
    return out;
  }

  private static Object fixedValue(FixedField f, String v) {
    return switch (f.kind()) {
      case YES_NO -> v.equals("Y");
      case ZERO_ONE -> v.equals("1");
      case YES_NO_UNKNOWN, TEXT -> v;
      case DATE -> Sip2Timestamp.parse(v).map(t -> t.dateTime() + (t.zone().trim().equals("Z") ? "Z" : "")).orElse(null);
      case DIGITS -> f.name().endsWith("Count") || NUMBERS.contains(f.name())
          ? (Object) (v.isBlank() ? 0 : Integer.parseInt(v.strip())) : v;
    };
  }

  private static void describeCodes(Sip2Message m, Map<String, Object> out) {
    m.field(FieldTag.ALERT_TYPE).flatMap(c -> new AlertType(c).description())
        .ifPresent(d -> out.put("alertTypeDescription", d));
    if (out.get("circulationStatus") instanceof String s) {
      new CirculationStatus(s).description().ifPresent(d -> out.put("circulationStatusDescription", d));
    }
    if (out.get("patronStatus") instanceof String s && s.length() == 14) {
      PatronStatus ps = new PatronStatus(s);
      List<String> set = new ArrayList<>();
      for (PatronStatus.Flag f : PatronStatus.Flag.values()) {
        if (ps.has(f)) {
          set.add(f.name().toLowerCase(Locale.ROOT));
        }
      }
      out.put("patronStatusFlags", set);
    }
  }

  /** The message as on the wire, without AY/AZ, secrets replaced. */
  static String raw(Sip2Message m) {
    StringBuilder sb = new StringBuilder(m.type().code());
    m.fixed().forEach(sb::append);
    for (Field f : m.fields()) {
      sb.append(f.tag()).append(FieldTag.sensitivityOf(f.tag()) == Sensitivity.SECRET ? "***" : f.value()).append('|');
    }
    return sb.toString();
  }
}
