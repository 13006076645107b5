package fr.navette.launcher.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A box's data folder on a small tmpfs of its own, which the run fills with a ballast file (the SD card full of
 * logs) and then frees. Needs root and a working {@code mount}; otherwise the fault is left out, saying why.
 */
final class DiskFull implements AutoCloseable {
  private static final String SIZE = "64m";
  private static volatile String whyNot = "not tried";
  private final Path folder;
  private final Path ballast;

  private DiskFull(Path folder) {
    this.folder = folder;
    this.ballast = folder.resolve("ballast.bin");
  }

  /** Mounts a tmpfs on {@code folder}; null (and {@link #whyNot()} says why) when it cannot. */
  static DiskFull mount(Path folder, PrintStream out) {
    try {
      Files.createDirectories(folder);
      if (!"root".equals(System.getProperty("user.name"))) {
        whyNot = "not root: cannot mount a small tmpfs for the box's data folder";
        return null;
      }
      String result = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + SIZE, "tmpfs", folder.toString()));
      if (result != null) {
        whyNot = "mount -t tmpfs failed: " + result;
        return null;
      }
      out.println("chaos: " + folder + " on a " + SIZE + " tmpfs");
      return new DiskFull(folder);
    } catch (IOException e) {
      whyNot = e.toString();
      return null;
    }
  }

  static String whyNot() {
    return whyNot;
  }

  /** Fills the folder's file system to the last byte; says how much it took. */
  String fill() {
    long written = 0;
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(ballast)) {
      while (true) {
        out.write(block);
        written += block.length;
      }
    } catch (IOException full) {
      // ENOSPC: what we wanted; then the last bytes, smaller than a block
      try (OutputStream out = Files.newOutputStream(ballast, java.nio.file.StandardOpenOption.APPEND)) {
        while (true) {
          out.write(0);
          written++;
        }
      } catch (IOException fuller) {
        // full to the byte
      }
    }
    return String.format("ballast of %,d bytes", written);
  }

  void free() {
    try {
      Files.deleteIfExists(ballast);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    free();
    String result = run(List.of("umount", "-l", folder.toString()));
    if (result != null) {
      System.err.println("chaos: umount " + folder + ": " + result);
    }
  }

  /** Runs a command; null when it succeeded, else what it said. */
  private static String run(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String said = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "timed out";
      }
      return p.exitValue() == 0 ? null : said.strip() + " (exit " + p.exitValue() + ")";
    } catch (IOException e) {
      return e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
