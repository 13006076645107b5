package fr.navette.kiosk.selfcheck;

import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.tag.SetInfo;
import fr.navette.tag.TagData;
import fr.navette.tag.TagDataException;
import fr.navette.tag.TagDecoder;
import fr.navette.tag.TypeOfUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kiosk's pad: every tag on it read together, each decoded once while it stays (a tag's data does not change
 * under the kiosk; only its security state does). A tag whose type of usage is "patron card" (ISO 28560-1, 8) is
 * the patron's card, not a document. Not thread-safe: the kiosk's loop owns it.
 */
final class Pad {
  /**
   * What lies on the pad now.
   *
   * @param patronCard the card number of a patron card laid on the pad, if one is
   * @param unreadable tags that hold no library data the kiosk can read
   */
  record Reading(List<PadDocument> documents, Optional<String> patronCard, List<Uid> unreadable) {
    static final Reading EMPTY = new Reading(List.of(), Optional.empty(), List.of());
  }

  private sealed interface Read {}

  private record Document(PadDocument document) implements Read {}

  private record Card(String number) implements Read {}

  private record Unreadable() implements Read {}

  private final RfidReader reader;
  private final Duration timeout;
  private final Map<Uid, Read> known = new HashMap<>();

  Pad(RfidReader reader, Duration timeout) {
    this.reader = reader;
    this.timeout = timeout;
  }

  Reading read() throws ReaderException {
    List<InventoryEntry> entries = reader.inventory(timeout);
    Set<Uid> present = new HashSet<>();
    List<PadDocument> documents = new ArrayList<>();
    Optional<String> card = Optional.empty();
    List<Uid> unreadable = new ArrayList<>();
    for (InventoryEntry entry : entries) {
      Uid uid = entry.uid();
      present.add(uid);
      Read read = known.get(uid);
      if (read == null) {
        read = decode(uid);
        if (read == null) {
          continue; // it left between the inventory and the read: it is not on the pad
        }
        known.put(uid, read);
      }
      switch (read) {
        case Document d -> documents.add(d.document());
        case Card c -> card = Optional.of(c.number());
        case Unreadable u -> unreadable.add(uid);
      }
    }
    known.keySet().retainAll(present);
    return new Reading(documents, card, unreadable);
  }

  private Read decode(Uid uid) {
    TagData data;
    try {
      data = TagDecoder.decode(reader.readUserMemory(uid, timeout));
    } catch (ReaderException e) {
      return e.kind() == ReaderException.Kind.NO_TAG ? null : new Unreadable();
    } catch (TagDataException e) {
      return new Unreadable();
    }
    if (!data.hasItemIdentifier()) {
      return new Unreadable();
    }
    if (data.typeOfUsage().map(TypeOfUsage::main).orElse(-1) == TypeOfUsage.PATRON_CARD) {
      return new Card(data.primaryItemIdentifier());
    }
    SetInfo set = data.set().filter(s -> s.partsInItem() > 1 && s.partNumber() >= 1
        && s.partNumber() <= s.partsInItem()).orElse(SetInfo.single());
    return new Document(new PadDocument(uid, data.primaryItemIdentifier(), set));
  }
}
