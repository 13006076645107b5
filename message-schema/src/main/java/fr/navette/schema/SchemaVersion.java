package fr.navette.schema;

/**
 * The version every payload carries as {@code schemaVersion}, MAJOR.MINOR. A reader accepts any minor of its
 * major (newer minors only add optional fields, which it ignores) and refuses a higher major: the message may
 * mean something it cannot know.
 */
public final class SchemaVersion {
  public static final int MAJOR = 1;
  public static final String CURRENT = "1.3";
  private static final java.util.regex.Pattern WIRE = java.util.regex.Pattern.compile("(0|[1-9][0-9]*)\\.[0-9]+");

  private SchemaVersion() {}

  /** @throws SchemaException naming {@code schemaVersion} when malformed or of a higher major */
  public static void requireReadable(String version) {
    Fields.requireText("schemaVersion", version, Limits.VERSION_CHARS);
    int major;
    try {
      // digits only, no sign nor leading zero in the major: what the schemas' pattern ^1\\.[0-9]+$ accepts
      if (!WIRE.matcher(version).matches()) {
        throw new NumberFormatException();
      }
      String[] parts = version.split("\\.", -1);
      Integer.parseInt(parts[1]);
      major = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      throw new SchemaException("schemaVersion", "expected MAJOR.MINOR, got " + Fields.quote(version));
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
