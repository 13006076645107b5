package fr.navette.sip2.codec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A SIP2 message at the generic level: its type, the fixed-field values in layout order, and the
 * variable fields in the order they came, repeated and unknown ones included. The typed records
 * of {@code fr.navette.sip2.codec.messages} are built from and into this.
 *
 * <p>The sequence number and checksum (AY/AZ) are not part of it: they belong to the frame, see
 * {@link Sip2Format}. {@link #toString()} masks PINs, passwords and patron identifiers.
 */
public record Sip2Message(MessageType type, List<String> fixed, List<Field> fields) {

  public Sip2Message {
    Objects.requireNonNull(type, "type");
    FrozenList<String> checked = FrozenList.copyOf(fixed);
    fixed = checked;
    fields = FrozenList.copyOf(fields);
    List<FixedField> layout = type.fixedFields();
    if (fixed.size() != layout.size()) {
      throw new IllegalArgumentException("message " + type.code() + " has " + layout.size()
          + " fixed fields, got " + fixed.size());
    }
    for (int i = 0; i < layout.size() && !checked.checkedFor(type); i++) {
      FixedField f = layout.get(i);
      String v = fixed.get(i);
      if (v.length() != f.length() || !f.kind().accepts(v)) {
        throw new IllegalArgumentException("message " + type.code() + " field " + f.name() + ": expected "
            + f.kind().expectation() + " of length " + f.length() + ", got '" + v + "'");
      }
    }
  }

  public static Builder builder(MessageType type) {
    return new Builder(type);
  }

  /** The value of a fixed field by its layout name, e.g. {@code fixed("alert")}. */
  public String fixed(String name) {
    return fixed.get(type.fixedIndex(name));
  }

  /** The first value of a variable field. */
  public Optional<String> field(String tag) {
    for (Field f : fields) {
      if (f.tag().equals(tag)) {
        return Optional.of(f.value());
      }
    }
    return Optional.empty();
  }

  public Optional<String> field(FieldTag tag) {
    return field(tag.tag());
  }

  /** Every value of a (repeatable) variable field, in order. */
  public List<String> fieldValues(String tag) {
    List<String> out = new ArrayList<>();
    for (Field f : fields) {
      if (f.tag().equals(tag)) {
        out.add(f.value());
      }
    }
    return out;
  }

  public List<String> fieldValues(FieldTag tag) {
    return fieldValues(tag.tag());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(type.code());
    fixed.forEach(sb::append);
    for (Field f : fields) {
      sb.append(f).append('|');
    }
    return sb.toString();
  }

  /** Builds a message field by field; fixed fields in layout order. */
  public static final class Builder {
    private final MessageType type;
    private String[] fixed;
    private int fixedCount;
    private Field[] fields = new Field[16];
    private int fieldCount;

    private Builder(MessageType type) {
      this.type = type;
      this.fixed = new String[type.fixedFields().size()];
    }

    public Builder fixed(String value) {
      Objects.requireNonNull(value, "value");
      if (fixedCount == fixed.length) {
        fixed = Arrays.copyOf(fixed, fixedCount * 2 + 1);
      }
      fixed[fixedCount++] = value;
      return this;
    }

    public Builder flag(boolean value) {
      return fixed(value ? "Y" : "N");
    }

    public Builder zeroOne(boolean value) {
      return fixed(value ? "1" : "0");
    }

    public Builder date(Sip2Timestamp value) {
      return fixed(value.format());
    }

    public Builder date(Optional<Sip2Timestamp> value) {
      return fixed(value.isPresent() ? value.get().format() : Sip2Timestamp.BLANK);
    }

    /** A fixed number, zero-padded to the field's width. */
    public Builder number(int value) {
      int width = type.fixedFields().get(fixedCount).length();
      char[] digits = new char[width];
      int rest = value;
      for (int i = width - 1; i >= 0; i--) {
        digits[i] = (char) ('0' + rest % 10);
        rest /= 10;
      }
      if (value < 0 || rest != 0) {
        throw new IllegalArgumentException("message " + type.code() + " field "
            + type.fixedFields().get(fixedCount).name() + ": " + value + " does not fit " + width + " digits");
      }
      return fixed(new String(digits));
    }

    public Builder field(String tag, String value) {
      return add(new Field(tag, value));
    }

    private Builder add(Field field) {
      Objects.requireNonNull(field, "field");
      if (fieldCount == fields.length) {
        fields = Arrays.copyOf(fields, fieldCount * 2);
      }
      fields[fieldCount++] = field;
      return this;
    }

    public Builder field(FieldTag tag, String value) {
      return field(tag.tag(), value);
    }

    public Builder field(FieldTag tag, Optional<String> value) {
      if (value.isPresent()) {
        field(tag.tag(), value.get());
      }
      return this;
    }

    public Builder fields(FieldTag tag, List<String> values) {
      for (int i = 0; i < values.size(); i++) {
        field(tag.tag(), values.get(i));
      }
      return this;
    }

    public Builder fields(List<Field> more) {
      for (int i = 0; i < more.size(); i++) {
        add(more.get(i));
      }
      return this;
    }

    /** The message; the builder may go on being used, the message does not change with it. */
    public Sip2Message build() {
      // A full array is handed over as is (anything added after this grows it into a new one); a part-filled one
      // is copied, so that the message never changes with the builder.
      return new Sip2Message(type, FrozenList.of(fixed, fixedCount, null), FrozenList.of(fields, fieldCount, null));
    }
  }
}
