package fr.navette.tag;

import fr.navette.tag.TagDataException.Problem;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * ISO 28560-2: data sets per ISO/IEC 15962 without a directory. Each set is a precursor
 * (bit 7 offset flag, bits 6-4 compaction, bits 3-0 relative OID, 15 = one more byte holding
 * OID - 15), the offset byte if flagged (count of 0x00 pad bytes after the data), one length
 * byte, the data, the pad. A 0x00 precursor or the end of memory ends the data.
 */
public final class Iso28560Part2 {

  private Iso28560Part2() {}

  /** Splits memory into data sets; refuses a cut-short set, a repeated OID, or a first set that is not the item identifier. */
  public static List<DataElement> parse(byte[] m) throws TagDataException {
    List<DataElement> out = new ArrayList<>();
    boolean[] seen = new boolean[DataElement.MAX_OID + 1];
    int at = 0;
    while (at < m.length && m[at] != 0) {
      int start = at;
      int precursor = m[at++] & 0xFF;
      int oid = precursor & 0x0F;
      if (oid == 0x0F) {
        need(m, at, 1, "OID extension byte", start);
        oid = 15 + (m[at++] & 0xFF);
      }
      if (out.isEmpty() && oid != DataElement.PRIMARY_ITEM_IDENTIFIER) {
        throw new TagDataException(Problem.UNRECOGNISED, "ISO 28560-2 data must start with the primary item identifier (OID 1), found OID " + oid);
      }
      if (oid == 0) {
        throw new TagDataException(Problem.INVALID_VALUE, "ISO 28560-2 precursor at byte " + start + " names relative OID 0");
      }
      boolean offset = (precursor & 0x80) != 0;
      int pad = 0;
      if (offset) {
        need(m, at, 1, "offset byte of OID " + oid, start);
        pad = m[at++] & 0xFF;
      }
      need(m, at, 1, "length byte of OID " + oid, start);
      int len = m[at++] & 0xFF;
      need(m, at, len, len + " data bytes of OID " + oid, start);
      byte[] data = java.util.Arrays.copyOfRange(m, at, at + len);
      at += len;
      need(m, at, pad, pad + " pad bytes of OID " + oid, start);
      for (int i = at; i < at + pad; i++) {
        if (m[i] != 0) {
          throw new TagDataException(Problem.INVALID_VALUE, String.format("ISO 28560-2 pad byte of OID %d at byte %d is 0x%02X, not 0x00", oid, i, m[i] & 0xFF));
        }
      }
      at += pad;
      Compaction compaction = Compaction.ofCode(precursor >> 4);
      if (oid == DataElement.CONTENT_PARAMETER && compaction != Compaction.APPLICATION_DEFINED) {
        throw new TagDataException(Problem.INVALID_VALUE, "ISO 28560-2 content parameter (OID 2) at byte " + start + " must be application-defined, not " + compaction.label());
      }
      if (seen[oid]) {
        throw new TagDataException(Problem.INVALID_VALUE, "ISO 28560-2 OID " + oid + " appears twice (again at byte " + start + ")");
      }
      seen[oid] = true;
      out.add(new DataElement(oid, compaction, offset, pad, data, start));
    }
    if (out.isEmpty()) {
      throw new TagDataException(Problem.UNRECOGNISED, "no ISO 28560-2 data set (memory starts with 0x00)");
    }
    return out;
  }

  private static void need(byte[] m, int at, int n, String what, int start) throws TagDataException {
    if (at + n > m.length) {
      throw new TagDataException(Problem.TRUNCATED, "ISO 28560-2 data set at byte " + start + " cut short: " + what + " missing (memory ends at byte " + m.length + ")");
    }
  }

  public static TagData decode(byte[] memory) throws TagDataException {
    return toTagData(parse(memory));
  }

  /** The text of one data set: ISIL compaction for OIDs 3/11 under application-defined, else the generic scheme. */
  public static String text(DataElement e) throws TagDataException {
    try {
      if (e.compaction() == Compaction.APPLICATION_DEFINED && DataElement.isIsil(e.oid())) {
        return IsilCompaction.decode(e.raw());
      }
      return e.compaction().decode(e.raw());
    } catch (TagDataException ex) {
      throw new TagDataException(ex.problem(), "ISO 28560-2 OID " + e.oid() + " at byte " + e.start() + ": " + ex.getMessage());
    }
  }

  static TagData toTagData(List<DataElement> elements) throws TagDataException {
    TagData.Builder b = TagData.builder(TagFormat.ISO28560_2, text(elements.get(0)));
    for (DataElement e : elements.subList(1, elements.size())) {
      switch (e.oid()) {
        case DataElement.CONTENT_PARAMETER -> b.otherElement(e.oid(), java.util.HexFormat.of().formatHex(e.data()));
        case DataElement.OWNER_INSTITUTION -> b.ownerIsil(text(e));
        case DataElement.SET_INFORMATION -> b.set(setInfo(e));
        case DataElement.TYPE_OF_USAGE -> b.typeOfUsage(typeOfUsage(e));
        case DataElement.SHELF_LOCATION -> b.shelfLocation(text(e));
        case DataElement.TITLE -> b.title(text(e));
        default -> b.otherElement(e.oid(), text(e));
      }
    }
    return b.build();
  }

  /** "1203" = part 3 of 12: the first half is the number of parts, the second the part number. */
  private static SetInfo setInfo(DataElement e) throws TagDataException {
    String s = text(e);
    if (s.isEmpty() || s.length() % 2 != 0 || !s.chars().allMatch(Character::isDigit) || s.length() > 8) {
      throw new TagDataException(Problem.INVALID_VALUE, "ISO 28560-2 set information '" + s + "' at byte " + e.start() + " is not an even-length digit string");
    }
    int half = s.length() / 2;
    return new SetInfo(Integer.parseInt(s.substring(half)), Integer.parseInt(s.substring(0, half)));
  }

  /** One byte, class in the high nibble; written as an octet, an integer, or two hex digits. */
  private static TypeOfUsage typeOfUsage(DataElement e) throws TagDataException {
    byte[] d = e.data();
    boolean binary = e.compaction() == Compaction.OCTET || e.compaction() == Compaction.APPLICATION_DEFINED || e.compaction() == Compaction.INTEGER;
    if (binary && d.length == 1) {
      return TypeOfUsage.fromByte(d[0] & 0xFF);
    }
    String s = text(e);
    if (s.length() == 2 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      return TypeOfUsage.fromByte(Integer.parseInt(s, 16));
    }
    throw new TagDataException(Problem.INVALID_VALUE, "ISO 28560-2 type of usage '" + s + "' at byte " + e.start() + " is not one byte");
  }

  /**
   * Encodes: primary item identifier first, then the content parameter listing what follows,
   * then the other elements by OID, then a 0x00 terminator. Each element gets the shortest
   * compaction that carries it.
   */
  public static byte[] encode(TagData data) throws TagDataException {
    if (data.primaryItemIdentifier().isEmpty()) {
      throw new TagDataException(Problem.CANNOT_ENCODE, "ISO 28560-2 needs a primary item identifier");
    }
    Map<Integer, byte[]> sets = new TreeMap<>();
    Map<Integer, Compaction> schemes = new TreeMap<>();
    for (var e : data.otherElements().entrySet()) {
      if (e.getKey() == DataElement.CONTENT_PARAMETER) {
        continue; // recomputed from the elements actually written
      }
      if (e.getKey() < 3 || e.getKey() > DataElement.MAX_OID) {
        throw new TagDataException(Problem.CANNOT_ENCODE, "ISO 28560-2 cannot carry OID " + e.getKey() + " as an extra element (3-" + DataElement.MAX_OID + ")");
      }
      putText(sets, schemes, e.getKey(), e.getValue());
    }
    if (data.ownerIsil().isPresent()) {
      putText(sets, schemes, DataElement.OWNER_INSTITUTION, data.ownerIsil().get());
    }
    if (data.set().isPresent()) {
      SetInfo s = data.set().get();
      int width = Math.max(String.valueOf(s.partsInItem()).length(), String.valueOf(s.partNumber()).length());
      String digits = String.format("%0" + width + "d%0" + width + "d", s.partsInItem(), s.partNumber());
      putText(sets, schemes, DataElement.SET_INFORMATION, digits);
    }
    if (data.typeOfUsage().isPresent()) {
      sets.put(DataElement.TYPE_OF_USAGE, new byte[] {(byte) data.typeOfUsage().get().toByte()});
      schemes.put(DataElement.TYPE_OF_USAGE, Compaction.OCTET);
    }
    if (data.shelfLocation().isPresent()) {
      putText(sets, schemes, DataElement.SHELF_LOCATION, data.shelfLocation().get());
    }
    if (data.title().isPresent()) {
      putText(sets, schemes, DataElement.TITLE, data.title().get());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String pii = data.primaryItemIdentifier();
    Compaction piiScheme = Compaction.best(pii);
    writeSet(out, DataElement.PRIMARY_ITEM_IDENTIFIER, piiScheme, piiScheme.encode(pii));
    if (!sets.isEmpty()) {
      writeSet(out, DataElement.CONTENT_PARAMETER, Compaction.APPLICATION_DEFINED, contentParameter(sets.keySet()));
    }
    for (var e : sets.entrySet()) {
      writeSet(out, e.getKey(), schemes.get(e.getKey()), e.getValue());
    }
    out.write(0);
    return out.toByteArray();
  }

  private static void putText(Map<Integer, byte[]> sets, Map<Integer, Compaction> schemes, int oid, String text) throws TagDataException {
    if (DataElement.isIsil(oid) && IsilCompaction.canEncode(text)) {
      sets.put(oid, IsilCompaction.encode(text));
      schemes.put(oid, Compaction.APPLICATION_DEFINED);
      return;
    }
    Compaction c = Compaction.best(text);
    sets.put(oid, c.encode(text));
    schemes.put(oid, c);
  }

  /** Bit map, most significant bit first: OID 3, OID 4, ... */
  static byte[] contentParameter(Set<Integer> oids) {
    int max = oids.stream().mapToInt(Integer::intValue).max().orElse(3);
    byte[] map = new byte[(max - 3) / 8 + 1];
    for (int oid : oids) {
      int bit = oid - 3;
      map[bit / 8] |= (byte) (0x80 >> (bit % 8));
    }
    return map;
  }

  private static void writeSet(ByteArrayOutputStream out, int oid, Compaction c, byte[] data) throws TagDataException {
    if (data.length > 255) {
      throw new TagDataException(Problem.CANNOT_ENCODE, "ISO 28560-2 OID " + oid + " needs " + data.length + " bytes (max 255)");
    }
    out.write(c.code() << 4 | Math.min(oid, 15));
    if (oid >= 15) {
      out.write(oid - 15);
    }
    out.write(data.length);
    out.writeBytes(data);
  }
}
