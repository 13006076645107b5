package fr.navette.bench.privacy;

import fr.navette.sim.sigb.SimulatedPatrons;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks for patron data in what the test suite logged: every module's test output, as surefire keeps it
 * ({@code redirectTestOutputToFile}: {@code <module>/target/surefire-reports/<Class>-output.txt}, the logs and
 * everything else the tests wrote to stdout and stderr, and the {@code .dumpstream} of what a forked JVM wrote past
 * surefire). What it looks for: the simulator's card numbers, PINs where a PIN is named (a JSON {@code "pin"}, SIP2's
 * AD field, {@code pin=}), and the simulator's patron names ({@code "LAST, First"} or {@code "First LAST"}). A PIN
 * alone is four digits, like much else: it is found only where something names it.
 */
final class LogLeaks {
  /** One line that shows patron data: where, and which kind; the line itself is shown with the data hidden. */
  record Leak(Path file, long line, String kind, String masked) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + kind + ": " + masked;
    }
  }

  private record Kind(String name, Pattern pattern) {}

  private static final List<Kind> KINDS = List.of(
      new Kind("card number", SimulatedPatrons.CARD_NUMBER),
      new Kind("PIN", Pattern.compile("\"pin\"\\s*:\\s*\"[^\"*<]+\"|\\|AD[^|*<\\s]+\\||\\bpin=[0-9]{3,12}\\b",
          Pattern.CASE_INSENSITIVE)),
      new Kind("patron name", names()));

  private LogLeaks() {}

  private static Pattern names() {
    String first = String.join("|", SimulatedPatrons.FIRST_NAMES.stream().map(Pattern::quote).toList());
    String last = String.join("|", SimulatedPatrons.LAST_NAMES.stream().map(Pattern::quote).toList());
    return Pattern.compile("\\b(?:(?:" + last + "), (?:" + first + ")|(?:" + first + ") (?:" + last + "))\\b",
        Pattern.UNICODE_CHARACTER_CLASS);
  }

  /** The test output files of every module under {@code root}, written at or after {@code since} (null: any). */
  static List<Path> outputs(Path root, Instant since) {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
        for (String reports : List.of("surefire-reports", "failsafe-reports")) {
          Path folder = module.resolve("target").resolve(reports);
          if (!Files.isDirectory(folder)) {
            continue;
          }
          try (Stream<Path> all = Files.list(folder)) {
            all.filter(LogLeaks::isOutput).filter(f -> since == null || modified(f).compareTo(since) >= 0)
                .sorted().forEach(files::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the modules' test reports under " + root, e);
    }
    return files;
  }

  private static boolean isOutput(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith("-output.txt") || name.endsWith("-err.txt") || name.endsWith(".dumpstream");
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.MIN;
    }
  }

  /** Every line of {@code files} that shows patron data. */
  static List<Leak> scan(List<Path> files) {
    List<Leak> leaks = new ArrayList<>();
    for (Path file : files) {
      // Test output is mostly UTF-8; a stray byte must not hide the rest of the file.
      try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
          StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
              .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
        long n = 0;
        for (String line; (line = in.readLine()) != null; ) {
          n++;
          leakIn(file, n, line).ifPresent(leaks::add);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return leaks;
  }

  private static Optional<Leak> leakIn(Path file, long n, String line) {
    for (Kind kind : KINDS) {
      Matcher m = kind.pattern().matcher(line);
      if (m.find()) {
        String masked = line.length() > 300 ? line.substring(0, 300) + "…" : line;
        for (Kind any : KINDS) {
          masked = any.pattern().matcher(masked).replaceAll("<" + any.name() + " hidden>");
        }
        return Optional.of(new Leak(file, n, kind.name(), masked));
      }
    }
    return Optional.empty();
  }
}
