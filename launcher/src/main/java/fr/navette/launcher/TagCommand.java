package fr.navette.launcher;

import fr.navette.tag.Iso28560Part2;
import fr.navette.tag.Iso28560Part3;
import fr.navette.tag.SetInfo;
import fr.navette.tag.TagData;
import fr.navette.tag.TagDataException;
import fr.navette.tag.TagDecoder;
import fr.navette.tag.TagDetails;
import fr.navette.tag.TagFormat;
import fr.navette.tag.TypeOfUsage;
import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Decodes and encodes library RFID tag data (ISO 28560). */
@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    description = {
      "Décode et encode les données d'étiquettes RFID de bibliothèque (ISO 28560).",
      "Decodes and encodes library RFID tag data (ISO 28560)."
    },
    subcommands = {TagCommand.Decode.class, TagCommand.Encode.class})
final class TagCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: decode or encode (try ./navette tag --help)");
  }

  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = {
        "Affiche en JSON ce que contient la mémoire d'une étiquette (hexadécimal, bloc 0 d'abord).",
        "Prints as JSON what a tag's user memory (hex, block 0 first) holds."
      })
  static final class Decode implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "HEX", arity = "1..*", description = "Tag memory in hex; spaces, colons and a 0x prefix are ignored.")
    String[] hex;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      String joined = String.join("", hex).replaceAll("[\\s:]", "").replaceFirst("^0[xX]", "");
      byte[] memory;
      try {
        memory = HexFormat.of().parseHex(joined);
      } catch (IllegalArgumentException e) {
        return fail(out, "input", "not hexadecimal tag memory: '" + joined + "' (" + e.getMessage() + ")");
      }
      try {
        TagData data = TagDecoder.decode(memory);
        Map<String, Object> fields = new LinkedHashMap<>(data.describe());
        TagDetails.of(memory, data).forEach(fields::putIfAbsent);
        out.println(Json.write(fields));
        out.flush();
        return 0;
      } catch (TagDataException e) {
        return fail(out, e.problem().name().toLowerCase(java.util.Locale.ROOT), e.getMessage());
      }
    }

    private int fail(PrintWriter out, String problem, String message) {
      Map<String, Object> err = new LinkedHashMap<>();
      err.put("error", message);
      err.put("problem", problem);
      out.println(Json.write(err));
      out.flush();
      spec.commandLine().getErr().println("navette tag decode: " + message);
      return 1;
    }
  }

  @Command(
      name = "encode",
      mixinStandardHelpOptions = true,
      description = {
        "Affiche en hexadécimal la mémoire d'étiquette à écrire pour un document.",
        "Prints, as hex, the tag memory to write for an item."
      })
  static final class Encode implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "iso28560-3", description = "iso28560-3 (default) or iso28560-2")
    String format;

    @Option(names = "--item", required = true, description = "Primary item identifier (barcode)")
    String item;

    @Option(names = "--isil", description = "Owner library ISIL, e.g. FR-751131015")
    String isil;

    @Option(names = "--part", description = "Part number in a set (default 1)")
    Integer part;

    @Option(names = "--parts", description = "Number of parts in the item (default 1)")
    Integer parts;

    @Option(names = "--usage", description = "Type of usage: main class 0-15 (1 = circulation, 8 = patron card), or hex byte 0xMS for ISO 28560-2")
    String usage;

    @Option(names = "--shelf", description = "Shelf location (ISO 28560-2 only)")
    String shelf;

    @Option(names = "--title", description = "Title (ISO 28560-2 only; Idrabib advises against it)")
    String title;

    @Option(names = "--length", defaultValue = "34", description = "ISO 28560-3 basic block size: 32 or 34 (default 34)")
    int length;

    @Override
    public Integer call() {
      try {
        TagFormat f = TagFormat.fromId(format);
        TagData.Builder b = TagData.builder(f, item).ownerIsil(isil);
        if (part != null || parts != null) {
          b.set(new SetInfo(part == null ? 1 : part, parts == null ? 1 : parts));
        }
        if (usage != null) {
          b.typeOfUsage(usage.startsWith("0x") ? TypeOfUsage.fromByte(Integer.parseInt(usage.substring(2), 16)) : TypeOfUsage.of(Integer.parseInt(usage)));
        }
        b.shelfLocation(shelf).title(title);
        byte[] bytes =
            switch (f) {
              case ISO28560_3 -> {
                if (shelf != null || title != null) {
                  throw new IllegalArgumentException("--shelf and --title need --format iso28560-2");
                }
                if (length != 32 && length != 34) {
                  throw new IllegalArgumentException("--length must be 32 or 34, not " + length);
                }
                yield Iso28560Part3.encode(b.build(), length == 32 ? Iso28560Part3.Layout.BYTES_32 : Iso28560Part3.Layout.BYTES_34);
              }
              case ISO28560_2 -> Iso28560Part2.encode(b.build());
              default -> throw new IllegalArgumentException("cannot encode format " + format + " (iso28560-3 or iso28560-2)");
            };
        spec.commandLine().getOut().println(HexFormat.of().formatHex(bytes));
        spec.commandLine().getOut().flush();
        return 0;
      } catch (TagDataException | IllegalArgumentException e) {
        spec.commandLine().getErr().println("navette tag encode: " + e.getMessage());
        return 1;
      }
    }
  }

  /** Just enough JSON for {@link TagData#describe()} and {@link TagDetails}: strings, numbers, booleans, lists, maps. */
  static final class Json {
    private Json() {}

    static String write(Map<String, Object> m) {
      StringBuilder sb = new StringBuilder();
      write(sb, m);
      return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Object v) {
      if (v instanceof Map<?, ?> map) {
        sb.append('{');
        boolean first = true;
        for (var e : ((Map<String, Object>) map).entrySet()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          string(sb, e.getKey());
          sb.append(':');
          write(sb, e.getValue());
        }
        sb.append('}');
      } else if (v instanceof java.util.List<?> list) {
        sb.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          write(sb, list.get(i));
        }
        sb.append(']');
      } else if (v instanceof Number || v instanceof Boolean) {
        sb.append(v);
      } else {
        string(sb, String.valueOf(v));
      }
    }

    private static void string(StringBuilder sb, String s) {
      sb.append('"');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          case '\r' -> sb.append("\\r");
          case '\t' -> sb.append("\\t");
          default -> {
            if (c < 0x20) {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      sb.append('"');
    }
  }
}
