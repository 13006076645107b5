package fr.navette.schema;

/**
 * The version every payload carries as {@code schemaVersion}, MAJOR.MINOR. A reader accepts any minor of its
 * major (newer minors only add optional fields, which it ignores) and refuses a higher major: the message may
 * mean something it cannot know.
 */
public final class SchemaVersion {
  public static final int MAJOR = 1;
  public static final String CURRENT = "1.3";

  private SchemaVersion() {}

  /** @throws SchemaException naming {@code schemaVersion} when malformed or of a higher major */
  public static void requireReadable(String version) {
    int major;
    try {
      String[] parts = version.split("\\.", -1);
      if (parts.length != 2 || Integer.parseInt(parts[1]) < 0) {
        throw new NumberFormatException();
      }
      major = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw new SchemaException("schemaVersion", "expected MAJOR.MINOR, got '" + version + "'");
    }
    if (major > MAJOR) {
      throw new SchemaException("schemaVersion", "version " + version + " is newer than this software understands ("
          + CURRENT + "): upgrade it");
    }
    if (major < 1) {
      throw new SchemaException("schemaVersion", "no such version " + version);
    }
  }
}
