package fr.navette.launcher.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the demo keeps everything it writes (hub store, broker store, devices' outboxes and configs, patron key,
 * log): a folder given with {@code --data}, kept for the next run, or a temporary {@code navette-demo-*} folder,
 * deleted when the demo stops cleanly.
 *
 * <p>Each folder holds {@value #LOCK} while a demo runs in it: an OS file lock, which the kernel releases when the
 * process ends however it ends (kill -9 included), and the process id for people. A temporary folder whose lock
 * is free was left by a demo that did not stop cleanly: {@link #removeAbandoned} deletes it. Folders without
 * the lock file are never touched (a demo older than this class, or anything else named alike).
 */
public final class DemoFolder implements AutoCloseable {
  public static final String PREFIX = "navette-demo-";
  public static final String LOCK = "demo.lock";

  private final Path root;
  private final boolean temporary;
  private final FileChannel channel;

  private DemoFolder(Path root, boolean temporary, FileChannel channel) {
    this.root = root;
    this.temporary = temporary;
    this.channel = channel;
  }

  /** A folder kept across runs ({@code --data}), created if missing; refused while another demo runs in it. */
  public static DemoFolder kept(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("--data " + dir + ": cannot create the folder (" + e.getMessage() + ")", e);
    }
    return lock(dir.toAbsolutePath(), false);
  }

  /** A new {@code navette-demo-*} folder under {@code tmpRoot}, deleted by {@link #close()}. */
  public static DemoFolder temporary(Path tmpRoot) {
    try {
      return lock(Files.createTempDirectory(tmpRoot, PREFIX), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary demo folder in " + tmpRoot, e);
    }
  }

  private static DemoFolder lock(Path dir, boolean temporary) {
    Path lockFile = dir.resolve(LOCK);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      if (tryLock(channel).isEmpty()) {
        throw new IllegalStateException("--data " + dir + " is in use by another demo (process "
            + readPid(lockFile) + "): stop it first, or give another folder");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
      channel.force(false);
      return new DemoFolder(dir, temporary, channel);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("cannot lock the demo folder " + dir + " (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  // A lock this JVM already holds throws instead of returning null: it is in use all the same.
  private static Optional<FileLock> tryLock(FileChannel channel) throws IOException {
    try {
      return Optional.ofNullable(channel.tryLock());
    } catch (OverlappingFileLockException e) {
      return Optional.empty();
    }
  }

  private static String readPid(Path lockFile) {
    try {
      return Files.readString(lockFile, StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Deletes the {@code navette-demo-*} folders under {@code tmpRoot} left by demos that were killed: those with a
   * {@value #LOCK} no process holds. Returns the folders removed.
   */
  public static List<Path> removeAbandoned(Path tmpRoot) {
    List<Path> removed = new ArrayList<>();
    try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tmpRoot, PREFIX + "*")) {
      for (Path dir : candidates) {
        if (Files.isDirectory(dir) && abandoned(dir)) {
          deleteTree(dir);
          removed.add(dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for abandoned demo folders in " + tmpRoot, e);
    }
    return removed;
  }

  private static boolean abandoned(Path dir) throws IOException {
    Path lockFile = dir.resolve(LOCK);
    try {
      // No lock file, or no pid in it yet: not ours, or a demo starting right now (the pid is written once locked).
      if (!Files.isRegularFile(lockFile) || Files.size(lockFile) == 0) {
        return false;
      }
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
        Optional<FileLock> lock = tryLock(channel);
        lock.ifPresent(DemoFolder::releaseQuietly);
        return lock.isPresent();
      }
    } catch (NoSuchFileException e) {
      return false; // its demo just stopped and removed it
    }
  }

  public Path root() {
    return root;
  }

  public boolean temporary() {
    return temporary;
  }

  /** Lets the folder go; a temporary one is deleted. */
  @Override
  public void close() throws IOException {
    channel.close(); // releases the lock
    if (temporary) {
      deleteTree(root);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (NoSuchFileException e) {
      // gone already
    }
  }

  private static void releaseQuietly(FileLock lock) {
    try {
      lock.release();
    } catch (IOException e) {
      // the channel's close releases it anyway
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing more to release
      }
    }
  }
}
