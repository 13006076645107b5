package fr.navette.tag;

import fr.navette.tag.TagDataException.Problem;
import java.util.Optional;

/**
 * Reads any library tag's user memory. The DSFID is not trusted and neither is one byte: 0x11
 * starts both an ISO 28560-3 block and an ISO 28560-2 data set. So: the part-3 CRC first, then
 * part 2, then the proprietary layouts; blank memory is reported as such, not as corrupt.
 */
public final class TagDecoder {

  private TagDecoder() {}

  public static TagData decode(byte[] memory) throws TagDataException {
    if (memory.length == 0) {
      throw new TagDataException(Problem.EMPTY, "no tag memory to decode (0 bytes)");
    }
    if (LegacyLayouts.isBlank(memory)) {
      return TagData.blank();
    }
    if (Iso28560Part3.matchingLayout(memory).isPresent()) {
      return Iso28560Part3.decode(memory);
    }
    boolean danishShape = looksLikePart3(memory, true);
    TagDataException part2Error;
    if ((memory[0] & 0x0F) != DataElement.PRIMARY_ITEM_IDENTIFIER) {
      // cheap refusal first: most legacy tags land here, and building an exception is not free
      part2Error = null;
    } else {
      try {
        TagData d = Iso28560Part2.decode(memory);
        if (!danishShape) {
          return d;
        }
        part2Error = Iso28560Part3.badCrc(memory);
      } catch (TagDataException e) {
        part2Error = e;
      }
    }
    Optional<TagData> legacy = LegacyLayouts.rfid501(memory).or(() -> LegacyLayouts.dm11(memory));
    if (legacy.isPresent()) {
      return legacy.get();
    }
    if (looksLikePart3(memory, false)) {
      throw Iso28560Part3.badCrc(memory);
    }
    if (part2Error != null && part2Error.problem() != Problem.UNRECOGNISED) {
      throw part2Error;
    }
    throw new TagDataException(
        Problem.UNRECOGNISED,
        "unrecognised tag data: not ISO 28560-3 ("
            + (memory.length < 32 ? "shorter than 32 bytes" : Iso28560Part3.badCrc(memory).getMessage())
            + "), not ISO 28560-2 ("
            + (part2Error != null ? part2Error.getMessage() : String.format("first byte 0x%02X is not a precursor of OID 1", memory[0] & 0xFF))
            + "), not 3M RFID501 nor Bibliotheca DM11");
  }

  /**
   * The shape of a Danish basic block (version 1, a printable identifier padded with 0x00 and, if
   * {@code withCountry}, a two-letter country) whose CRC failed: report the CRC rather than a
   * part-2 reading of the same bytes. With the country it overrides a successful part-2 parse
   * (a short part-2 tag in zeroed memory has no letters at bytes 21-22); without, it only picks
   * which error to report.
   */
  private static boolean looksLikePart3(byte[] m, boolean withCountry) {
    if (m.length < 32 || (m[0] & 0xF0) != 0x10) {
      return false;
    }
    int i = Iso28560Part3.PII_FROM;
    int piiEnd = i + Iso28560Part3.PII_LENGTH;
    while (i < piiEnd && m[i] >= 0x20 && m[i] < 0x7F) {
      i++;
    }
    while (i < piiEnd && m[i] == 0) {
      i++;
    }
    byte c1 = m[Iso28560Part3.COUNTRY_AT];
    byte c2 = m[Iso28560Part3.COUNTRY_AT + 1];
    boolean country = isUpper(c1) && isUpper(c2);
    return i == piiEnd && (country || !withCountry);
  }

  private static boolean isUpper(byte b) {
    return b >= 'A' && b <= 'Z';
  }
}
