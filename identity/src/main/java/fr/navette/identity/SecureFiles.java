package fr.navette.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files written whole or not at all (a temporary file beside, then an atomic rename), and secret ones created
 * 0600 from their first byte — never created readable and narrowed afterwards, which would leave a window.
 */
final class SecureFiles {
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

  private SecureFiles() {}

  /** Creates the folder (owner only) if it is not there. */
  static void folder(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir, attributes(dir, PRIVATE_DIR));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  static void writeSecret(Path file, String text) {
    write(file, text, OWNER_ONLY);
  }

  /** Bytes (a PKCS#12 store), owner only, replacing the file at once. */
  static void writeSecret(Path file, byte[] bytes) {
    Path staged = file.resolveSibling(file.getFileName() + ".new");
    try {
      Files.deleteIfExists(staged);
      Files.createFile(staged, attributes(file.toAbsolutePath().getParent(), OWNER_ONLY));
      Files.write(staged, bytes, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    commit(staged, file);
  }

  static void writePublic(Path file, String text) {
    write(file, text, PUBLIC);
  }

  /** Writes the text to a temporary file beside {@code file}, with these permissions; returns that file. */
  static Path stage(Path file, String text, Set<PosixFilePermission> permissions) {
    Path staged = file.resolveSibling(file.getFileName() + ".new");
    try {
      Files.deleteIfExists(staged);
      Files.createFile(staged, attributes(file.toAbsolutePath().getParent(), permissions));
      Files.writeString(staged, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.SYNC);
      return staged;
    } catch (FileAlreadyExistsException e) {
      throw new UncheckedIOException("another process is writing " + file, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static void commit(Path staged, Path file) {
    try {
      Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + staged + " to " + file, e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String text, Set<PosixFilePermission> permissions) {
    commit(stage(file, text, permissions), file);
  }

  /** POSIX permissions where the file system has them (Linux, macOS); none elsewhere. */
  private static FileAttribute<?>[] attributes(Path dir, Set<PosixFilePermission> permissions) {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
        : new FileAttribute<?>[0];
  }
}
