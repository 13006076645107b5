package fr.navette.sim.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A pty pair made by socat: the "cable" between a simulated reader and its driver. Killing it is
 * pulling the USB plug; starting it again with the same link names is plugging it back.
 */
public final class Socat implements AutoCloseable {
  private static final String BINARY = System.getProperty("navette.socat", "socat");
  private final Process process;

  private Socat(Process process) {
    this.process = process;
  }

  /** Starts socat with two raw ptys linked at {@code a} and {@code b}; returns once both exist. */
  static Socat start(Path a, Path b) throws IOException {
    Files.deleteIfExists(a);
    Files.deleteIfExists(b);
    Process p;
    try {
      p =
          new ProcessBuilder(List.of(BINARY, "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new IOException("cannot start socat (needed for a reader simulator on a pty; apt-get install socat): " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!(Files.exists(a) && Files.exists(b))) {
      if (!p.isAlive()) {
        throw new IOException("socat exited with code " + p.exitValue() + " before creating " + a + " and " + b);
      }
      if (System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IOException("socat did not create " + a + " and " + b + " within 5 s");
      }
      try {
        Thread.sleep(5); // waiting on another process's file system effect: nothing to block on
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
        throw new IOException("interrupted while starting socat", e);
      }
    }
    return new Socat(p);
  }

  /** Whether a socat binary can be run here (tests skip, saying so, where it cannot). */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder(BINARY, "-V").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: socat removes its links
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
