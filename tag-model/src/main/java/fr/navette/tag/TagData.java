package fr.navette.tag;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a library tag says, whatever its layout: the ISO 28560-1 data elements as named fields.
 *
 * @param format the layout the bytes were read from (or are to be written in)
 * @param primaryItemIdentifier the item's barcode; empty when the tag holds none (an unprogrammed
 *     or empty tag: never look an empty identifier up)
 * @param otherElements ISO 28560-2 elements without a field of their own, by relative OID, as text
 *     (application-defined data as hex)
 */
public record TagData(
    TagFormat format,
    String primaryItemIdentifier,
    Optional<String> ownerIsil,
    Optional<SetInfo> set,
    Optional<TypeOfUsage> typeOfUsage,
    Optional<String> shelfLocation,
    Optional<String> title,
    SortedMap<Integer, String> otherElements) {

  public TagData {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(primaryItemIdentifier, "primaryItemIdentifier");
    Objects.requireNonNull(ownerIsil, "ownerIsil");
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(typeOfUsage, "typeOfUsage");
    Objects.requireNonNull(shelfLocation, "shelfLocation");
    Objects.requireNonNull(title, "title");
    otherElements = otherElements.isEmpty() ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(otherElements));
  }

  public static Builder builder(TagFormat format, String primaryItemIdentifier) {
    return new Builder(format, primaryItemIdentifier);
  }

  /** A blank tag's data: no identifier, nothing else. */
  public static TagData blank() {
    return builder(TagFormat.BLANK, "").build();
  }

  public boolean hasItemIdentifier() {
    return !primaryItemIdentifier.isEmpty();
  }

  /**
   * The fields as the {@code tag decode} command and the shared vectors name them ({@code format},
   * {@code primary_item_identifier}, {@code owner_isil}, {@code part_number}, {@code parts_in_item},
   * {@code type_of_usage}, {@code shelf_location}, {@code title}, ...), each present only where the
   * tag holds it. Values are String, Integer or a nested map of the same.
   */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", format.id());
    if (format != TagFormat.BLANK) {
      m.put("primary_item_identifier", primaryItemIdentifier);
    }
    ownerIsil.filter(s -> !s.isEmpty()).ifPresent(s -> m.put("owner_isil", s));
    set.ifPresent(
        s -> {
          m.put("part_number", s.partNumber());
          m.put("parts_in_item", s.partsInItem());
        });
    typeOfUsage.ifPresent(
        t -> {
          m.put("type_of_usage", t.main());
          if (format == TagFormat.ISO28560_2) {
            m.put("type_of_usage_subclass", t.sub());
          }
        });
    shelfLocation.ifPresent(s -> m.put("shelf_location", s));
    title.ifPresent(s -> m.put("title", s));
    if (!otherElements.isEmpty()) {
      Map<String, Object> other = new LinkedHashMap<>();
      otherElements.forEach((oid, v) -> other.put(String.valueOf(oid), v));
      m.put("other_elements", other);
    }
    return m;
  }

  public Builder toBuilder() {
    Builder b = new Builder(format, primaryItemIdentifier);
    b.ownerIsil = ownerIsil;
    b.set = set;
    b.typeOfUsage = typeOfUsage;
    b.shelfLocation = shelfLocation;
    b.title = title;
    b.otherElements.putAll(otherElements);
    return b;
  }

  /** Builds a {@link TagData}, e.g. to encode; unset optional fields stay empty. */
  public static final class Builder {
    private TagFormat format;
    private String primaryItemIdentifier;
    private Optional<String> ownerIsil = Optional.empty();
    private Optional<SetInfo> set = Optional.empty();
    private Optional<TypeOfUsage> typeOfUsage = Optional.empty();
    private Optional<String> shelfLocation = Optional.empty();
    private Optional<String> title = Optional.empty();
    private final SortedMap<Integer, String> otherElements = new TreeMap<>();

    private Builder(TagFormat format, String primaryItemIdentifier) {
      this.format = format;
      this.primaryItemIdentifier = primaryItemIdentifier;
    }

    public Builder format(TagFormat f) {
      this.format = f;
      return this;
    }

    public Builder primaryItemIdentifier(String pii) {
      this.primaryItemIdentifier = pii;
      return this;
    }

    public Builder ownerIsil(String isil) {
      this.ownerIsil = Optional.ofNullable(isil);
      return this;
    }

    public Builder set(SetInfo s) {
      this.set = Optional.ofNullable(s);
      return this;
    }

    public Builder set(int partNumber, int partsInItem) {
      return set(new SetInfo(partNumber, partsInItem));
    }

    public Builder typeOfUsage(TypeOfUsage t) {
      this.typeOfUsage = Optional.ofNullable(t);
      return this;
    }

    public Builder shelfLocation(String s) {
      this.shelfLocation = Optional.ofNullable(s);
      return this;
    }

    public Builder title(String s) {
      this.title = Optional.ofNullable(s);
      return this;
    }

    public Builder otherElement(int oid, String value) {
      otherElements.put(oid, value);
      return this;
    }

    public Builder otherElements(Map<Integer, String> elements) {
      otherElements.putAll(elements);
      return this;
    }

    public TagData build() {
      return new TagData(format, primaryItemIdentifier, ownerIsil, set, typeOfUsage, shelfLocation, title, otherElements);
    }
  }
}
