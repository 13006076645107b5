package fr.navette.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code resend} command: the hub asks a device to send again the events of these sequence numbers (holes the
 * hub found in what it stored: a broker that acknowledged them to the device and died before handing them on).
 * One argument, {@code sequences}: ranges in ascending order, {@code "17,40-45"}. Each event goes again with its
 * sequence and its exact payload (its event id), so one the hub did have is stored once all the same.
 */
public final class ResendRequest {
  /** The command's name. */
  public static final String NAME = "resend";
  /** Its one argument. */
  public static final String SEQUENCES = "sequences";
  /** The most sequence numbers one command asks for: a bigger hole is asked in turns, oldest first. */
  public static final long MAX_SEQUENCES = 100_000;

  /** Sequence numbers {@code from} to {@code to}, both included. */
  public record Range(long from, long to) {
    public Range {
      if (from < 1 || to < from) {
        throw new SchemaException(SEQUENCES, "a range runs from 1 up, got " + from + "-" + to);
      }
    }

    public long size() {
      return to - from + 1;
    }

    @Override
    public String toString() {
      return from == to ? Long.toString(from) : from + "-" + to;
    }
  }

  private ResendRequest() {}

  /**
   * The command's arguments for these ranges (ascending, not overlapping), as many of the first ones as fit in
   * one argument ({@link Limits#SETTING_VALUE} characters) and {@link #MAX_SEQUENCES}; the rest is for a later
   * command. The first range alone is cut to {@link #MAX_SEQUENCES} if it is longer.
   */
  public static Map<String, String> args(List<Range> ranges) {
    StringBuilder text = new StringBuilder();
    long count = 0;
    for (Range range : ranges) {
      Range asked = count == 0 && range.size() > MAX_SEQUENCES
          ? new Range(range.from(), range.from() + MAX_SEQUENCES - 1) : range;
      String part = (text.isEmpty() ? "" : ",") + asked;
      if (text.length() + part.length() > Limits.SETTING_VALUE || count + asked.size() > MAX_SEQUENCES) {
        break;
      }
      text.append(part);
      count += asked.size();
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("no range to ask for");
    }
    return Map.of(SEQUENCES, text.toString());
  }

  /**
   * The ranges a command asks for.
   *
   * @throws SchemaException when the argument is missing, not ranges in ascending order, or asks for more than
   *     {@link #MAX_SEQUENCES}
   */
  public static List<Range> parse(Map<String, String> args) {
    String text = args.get(SEQUENCES);
    if (text == null || text.isBlank()) {
      throw new SchemaException(SEQUENCES, "missing: the sequence numbers to send again, e.g. \"17,40-45\"");
    }
    List<Range> ranges = new ArrayList<>();
    long count = 0;
    for (String part : text.strip().split(",", -1)) {
      if (!part.strip().matches("\\d{1,18}(-\\d{1,18})?")) {
        throw new SchemaException(SEQUENCES, "ranges such as \"17,40-45\" expected, got " + Fields.quote(text));
      }
      String[] bounds = part.strip().split("-");
      Range range = new Range(Long.parseLong(bounds[0]), Long.parseLong(bounds[bounds.length - 1]));
      if (!ranges.isEmpty() && range.from() <= ranges.getLast().to()) {
        throw new SchemaException(SEQUENCES, "ranges must ascend without overlapping, got " + Fields.quote(text));
      }
      count += range.size();
      if (count > MAX_SEQUENCES) {
        throw new SchemaException(SEQUENCES, "at most " + MAX_SEQUENCES + " sequence numbers per command");
      }
      ranges.add(range);
    }
    return List.copyOf(ranges);
  }

  /** {@code "17, 40-45"}: the ranges as a person reads them. */
  public static String describe(List<Range> ranges) {
    return String.join(", ", ranges.stream().map(Range::toString).toList());
  }
}
