package fr.navette.gate.alarm;

import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.tag.TagData;
import fr.navette.tag.TagDataException;
import fr.navette.tag.TagDecoder;
import java.time.Duration;
import java.util.Optional;

/**
 * Which document set the alarm off: the primary item identifier of its ISO 28560 data, or — when the data cannot
 * be read (the tag left the field, a bad CRC, a blank tag) — why not, and the tag UID stands for it.
 */
public record ItemIdentity(Optional<String> itemId, Optional<String> problem) {
  public static ItemIdentity of(String itemId) {
    return new ItemIdentity(Optional.of(itemId), Optional.empty());
  }

  public static ItemIdentity unreadable(String problem) {
    return new ItemIdentity(Optional.empty(), Optional.of(problem));
  }

  /** Reads and decodes the tag's user memory; never throws. */
  public static ItemIdentity read(RfidReader reader, Uid uid, Duration timeout) {
    byte[] memory;
    try {
      memory = reader.readUserMemory(uid, timeout);
    } catch (ReaderException e) {
      return unreadable("tag memory not read: " + e.getMessage());
    }
    return decode(memory);
  }

  /** The plain part: bytes in, identity out. */
  public static ItemIdentity decode(byte[] memory) {
    try {
      TagData data = TagDecoder.decode(memory);
      return data.hasItemIdentifier() ? of(data.primaryItemIdentifier())
          : unreadable("no item identifier in the tag data (" + data.format() + ")");
    } catch (TagDataException e) {
      return unreadable(e.getMessage());
    }
  }
}
