package fr.navette.schema;

/** Checks the records' constructors share, so that a bad value is refused where it is made, naming the field. */
final class Fields {
  private Fields() {}

  static String requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new SchemaException(field, "missing");
    }
    return value;
  }

  static long requireAtLeast(String field, long value, long min) {
    if (value < min) {
      throw new SchemaException(field, "must be >= " + min + ", got " + value);
    }
    return value;
  }
}
