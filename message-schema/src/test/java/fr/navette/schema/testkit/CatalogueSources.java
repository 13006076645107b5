package fr.navette.schema.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a catalogue's test reads besides the catalogue: the app's code. Test code (this module's test-jar), not
 * {@code Catalogue}'s: message-schema is a pure library and reads no files (ArchitectureTest).
 */
public final class CatalogueSources {
  private CatalogueSources() {}

  /**
   * Every {@code .java} file under {@code sourceRoot} as one text: a key the code looks up by name appears in it
   * between double quotes, and a key no code names is a text left unused.
   */
  public static String javaCode(Path sourceRoot) throws IOException {
    try (Stream<Path> files = Files.walk(sourceRoot)) {
      StringBuilder code = new StringBuilder();
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        code.append(Files.readString(file)).append('\n');
      }
      return code.toString();
    }
  }
}
