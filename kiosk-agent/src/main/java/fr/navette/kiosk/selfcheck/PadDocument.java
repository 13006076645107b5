package fr.navette.kiosk.selfcheck;

import fr.navette.reader.Uid;
import fr.navette.tag.SetInfo;
import java.util.Objects;

/**
 * One tag read on the kiosk's pad: the document's barcode and, for a multi-part document (a box of three
 * discs), which part this tag is. ISO 28560-1: every part of a set carries the same primary item identifier
 * and its own "part n of m".
 */
public record PadDocument(Uid uid, String itemId, SetInfo set) {
  public PadDocument {
    Objects.requireNonNull(uid, "uid");
    if (itemId == null || itemId.isBlank()) {
      throw new IllegalArgumentException("a document on the pad needs an item identifier (tag " + uid + ")");
    }
    Objects.requireNonNull(set, "set");
  }

  public static PadDocument single(Uid uid, String itemId) {
    return new PadDocument(uid, itemId, SetInfo.single());
  }
}
