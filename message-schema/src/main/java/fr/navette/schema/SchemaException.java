package fr.navette.schema;

/** A message that does not follow the schema; {@link #field()} names what is wrong. */
public final class SchemaException extends RuntimeException {
  private final String field;

  public SchemaException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
