package fr.navette.schema;

/** The last segment of a topic: what kind of message travels there. */
public enum Channel {
  RETURN("return");

  private final String wireName;

  Channel(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
