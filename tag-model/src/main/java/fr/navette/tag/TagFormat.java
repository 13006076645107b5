package fr.navette.tag;

/** The layouts a library tag's user memory may carry. */
public enum TagFormat {
  ISO28560_3("iso28560-3"),
  ISO28560_2("iso28560-2"),
  RFID501_3M("3m-rfid501"),
  BIBLIOTHECA_DM11("bibliotheca-dm11"),
  /** Unprogrammed: all 0x00, or the 3M factory pattern of 0x55. */
  BLANK("blank");

  private final String id;

  TagFormat(String id) {
    this.id = id;
  }

  /** The name used on the command line and in JSON, e.g. {@code iso28560-3}. */
  public String id() {
    return id;
  }

  public static TagFormat fromId(String id) {
    for (TagFormat f : values()) {
      if (f.id.equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown tag format '" + id + "' (expected one of iso28560-3, iso28560-2, 3m-rfid501, bibliotheca-dm11, blank)");
  }
}
