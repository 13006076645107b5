package fr.navette.tag;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout-level facts behind a decoded tag, under the names of the {@code decoded} objects of
 * ../shared/vectors/iso28560.json (CRC stored and computed, precursors, 3M branch/library ...):
 * what a technician wants to see next to {@link TagData#describe()}.
 */
public final class TagDetails {
  private static final String[] RFID501_ITEM_TYPES = {
    "Other", "Book", "Magazine", "Bound Journal", "Audio Tape", "Video", "CD/CD ROM", "Diskette", "Book with Diskette", "Book with CD/CD ROM",
    null, null, null, "Book with Audio Tape"
  };

  private TagDetails() {}

  /** {@code data} must be what {@link TagDecoder#decode(byte[])} returned for {@code memory}. */
  public static Map<String, Object> of(byte[] memory, TagData data) {
    Map<String, Object> m = new LinkedHashMap<>();
    switch (data.format()) {
      case ISO28560_3, BLANK -> {
        if (memory.length >= 32) {
          part3(memory, m);
        }
        m.put("length_bytes", memory.length);
      }
      case ISO28560_2 -> part2(memory, m);
      case RFID501_3M -> rfid501(memory, m);
      case BIBLIOTHECA_DM11 -> {
        m.put("barcode", data.primaryItemIdentifier());
        m.put("crc_stored", String.format("0x%04X", (memory[14] & 0xFF) | (memory[15] & 0xFF) << 8));
      }
    }
    return m;
  }

  private static void part3(byte[] mem, Map<String, Object> m) {
    Iso28560Part3.Layout layout = Iso28560Part3.matchingLayout(mem).orElse(mem.length >= 34 ? Iso28560Part3.Layout.BYTES_34 : Iso28560Part3.Layout.BYTES_32);
    m.put("content_parameter_version", (mem[0] >> 4) & 0x0F);
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("parts_in_item", mem[1] & 0xFF);
    set.put("part_number", mem[2] & 0xFF);
    m.put("set", set);
    int stored = Iso28560Part3.storedCrc(mem);
    int computed = Iso28560Part3.computeCrc(mem, layout);
    m.put("crc_stored", String.format("0x%04X", stored));
    m.put("crc_computed", String.format("0x%04X", computed));
    m.put("crc_ok", stored == computed);
    String country = latin1(mem, Iso28560Part3.COUNTRY_AT, 2);
    String library = latin1(mem, Iso28560Part3.LIBRARY_AT, layout.length() - Iso28560Part3.LIBRARY_AT);
    m.put("owner_country", country);
    m.put("owner_library_id", library);
    m.put("owner_isil", country.isEmpty() || library.isEmpty() ? country + library : country + "-" + library);
  }

  private static void part2(byte[] mem, Map<String, Object> m) {
    List<DataElement> elements;
    try {
      elements = Iso28560Part2.parse(mem);
    } catch (TagDataException e) {
      return; // cannot happen for a tag that decoded as part 2
    }
    List<Object> list = new ArrayList<>();
    HexFormat hex = HexFormat.of();
    for (DataElement e : elements) {
      Map<String, Object> el = new LinkedHashMap<>();
      el.put("oid", e.oid());
      el.put("precursor", hex.toHexDigits(mem[e.start()]));
      el.put("offset_flag", e.offset());
      if (e.offset()) {
        el.put("pad_bytes", e.padBytes());
      }
      boolean isil = e.compaction() == Compaction.APPLICATION_DEFINED && DataElement.isIsil(e.oid());
      el.put("compaction", e.compaction().label() + (isil ? " / ISIL" : "") + " (" + e.compaction().code() + ")");
      el.put("data", hex.formatHex(e.raw()));
      list.add(el);
      if (e.oid() == DataElement.CONTENT_PARAMETER) {
        m.put("content_parameter_hex", hex.formatHex(e.raw()));
        List<Object> oids = new ArrayList<>();
        for (int bit = 0; bit < e.raw().length * 8; bit++) {
          if ((e.raw()[bit / 8] & (0x80 >> (bit % 8))) != 0) {
            oids.add(bit + 3);
          }
        }
        m.put("content_parameter_oids", oids);
      }
      if (e.oid() == DataElement.SET_INFORMATION) {
        try {
          String raw = Iso28560Part2.text(e);
          Map<String, Object> set = new LinkedHashMap<>();
          set.put("raw", raw);
          int half = raw.length() / 2;
          set.put("parts_in_item", Integer.parseInt(raw.substring(0, half)));
          set.put("part_number", Integer.parseInt(raw.substring(half)));
          m.put("set_information", set);
        } catch (TagDataException | RuntimeException ignored) {
          // decoded already; this is only the raw view
        }
      }
      if (e.oid() == DataElement.OWNER_INSTITUTION) {
        try {
          m.put("owner_library_isil", Iso28560Part2.text(e));
        } catch (TagDataException ignored) {
          // decoded already
        }
      }
    }
    m.put("elements", list);
  }

  private static void rfid501(byte[] mem, Map<String, Object> m) {
    m.put("marker", mem[0] & 0xFF);
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("part_number", (mem[1] >> 4) & 0x0F);
    set.put("parts_in_item", mem[1] & 0x0F);
    m.put("set", set);
    int type = mem[3] & 0xFF;
    m.put("item_type", type);
    if (type < RFID501_ITEM_TYPES.length && RFID501_ITEM_TYPES[type] != null) {
      m.put("item_type_label", RFID501_ITEM_TYPES[type]);
    }
    int end = 4;
    while (end < 20 && mem[end] != 0) {
      end++;
    }
    m.put("content", latin1(mem, 4, end - 4));
    long brLib = ((long) (mem[20] & 0xFF) << 24) | (mem[21] & 0xFF) << 16 | (mem[22] & 0xFF) << 8 | (mem[23] & 0xFF);
    m.put("branch", (int) (brLib >> 20));
    m.put("library", (int) (brLib & 0xFFFFF));
    if (mem.length >= 28) {
      m.put("custom", (mem[24] & 0xFF) << 24 | (mem[25] & 0xFF) << 16 | (mem[26] & 0xFF) << 8 | (mem[27] & 0xFF));
    }
  }

  private static String latin1(byte[] mem, int from, int len) {
    int end = from;
    while (end < from + len && mem[end] != 0) {
      end++;
    }
    return new String(mem, from, end - from, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
