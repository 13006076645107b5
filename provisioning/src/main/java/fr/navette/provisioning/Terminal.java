package fr.navette.provisioning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal: the JDK tells it of none but the console, so ask Linux. */
final class Terminal {
  private Terminal() {}

  /** Whether standard error (fd 2) is a terminal; false where this cannot be told (not Linux). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }
}
