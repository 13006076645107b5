package fr.navette.hub.transits;

/** Where a transit is in its life (DESIGN §10). */
public enum TransitStatus {
  OPEN("open", true),
  PACKED("packed", true),
  ON_ROAD("on-road", true),
  ARRIVED("arrived", false),
  /** The leg ended at a relay (the depot): the document rides on in the next leg, whose relay_of names this one. */
  RELAYED("relayed", false),
  CLOSED("closed", false),
  KEPT("kept", false);

  private final String wireName;
  private final boolean active;

  TransitStatus(String wireName, boolean active) {
    this.wireName = wireName;
    this.active = active;
  }

  public String wireName() {
    return wireName;
  }

  /** Still to be carried: it must not stay in this state forever unnoticed. */
  public boolean active() {
    return active;
  }

  public static TransitStatus of(String wireName) {
    for (TransitStatus s : values()) {
      if (s.wireName.equals(wireName)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown transit status '" + wireName + "'");
  }
}
