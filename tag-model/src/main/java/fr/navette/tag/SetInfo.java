package fr.navette.tag;

/** ISO 28560-1 set information: this is part {@code partNumber} of {@code partsInItem}. */
public record SetInfo(int partNumber, int partsInItem) {
  public SetInfo {
    if (partNumber < 0 || partsInItem < 0) {
      throw new IllegalArgumentException("set information must not be negative: part " + partNumber + " of " + partsInItem);
    }
  }

  public static SetInfo single() {
    return new SetInfo(1, 1);
  }
}
