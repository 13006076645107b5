package fr.navette.printer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What goes on a receipt, line by line, before any printer encoding. Lines longer than the paper are wrapped at
 * print time; build one with {@link #builder()}.
 */
public record Receipt(List<Line> lines) {
  public enum Align { LEFT, CENTER }

  /** One line of text; {@code text} may be empty (a blank line). */
  public record Line(String text, boolean bold, Align align) {
    public Line {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(align, "align");
      if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a receipt line holds no line break: " + text.strip());
      }
    }
  }

  public Receipt {
    lines = List.copyOf(lines);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Adds lines in order. */
  public static final class Builder {
    private final List<Line> lines = new ArrayList<>();

    /** A centred bold heading, e.g. the library's name. */
    public Builder heading(String text) {
      lines.add(new Line(text, true, Align.CENTER));
      return this;
    }

    public Builder centered(String text) {
      lines.add(new Line(text, false, Align.CENTER));
      return this;
    }

    public Builder text(String text) {
      lines.add(new Line(text, false, Align.LEFT));
      return this;
    }

    public Builder bold(String text) {
      lines.add(new Line(text, true, Align.LEFT));
      return this;
    }

    public Builder blank() {
      lines.add(new Line("", false, Align.LEFT));
      return this;
    }

    public Receipt build() {
      return new Receipt(lines);
    }
  }
}
