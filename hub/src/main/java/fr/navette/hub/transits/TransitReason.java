package fr.navette.hub.transits;

/** Why a document rides the shuttle, as stored with its transit. */
public enum TransitReason {
  SEND_HOME("send-home"),
  HOLD_ELSEWHERE("hold-elsewhere");

  private final String wireName;

  TransitReason(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
