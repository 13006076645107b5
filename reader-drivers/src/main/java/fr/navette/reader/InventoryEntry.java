package fr.navette.reader;

import java.util.Objects;
import java.util.OptionalInt;

/** One tag seen in the field: its UID and, where the reader reports them, DSFID, AFI and EAS. */
public record InventoryEntry(Uid uid, OptionalInt dsfid, OptionalInt afi, EasState eas) {
  public InventoryEntry {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(dsfid, "dsfid");
    Objects.requireNonNull(afi, "afi");
    Objects.requireNonNull(eas, "eas");
  }

  public static InventoryEntry of(Uid uid) {
    return new InventoryEntry(uid, OptionalInt.empty(), OptionalInt.empty(), EasState.UNKNOWN);
  }
}
