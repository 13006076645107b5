package fr.navette.hub.kiosks;

import fr.navette.schema.PatronPseudonym;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The network's patron key, kept in a file when none is configured: {@code <keyId> <base64 key>} on one line,
 * readable by the hub's user only. Made once (32 random bytes, key id {@code k1}) so that pseudonyms stay the same
 * across restarts. Hubs sharing the load must use one key: they are given it (HubCommand: an environment variable).
 */
public final class PatronKeyFile {
  private PatronKeyFile() {}

  /**
   * A key written {@code <keyId> <base64 key>} (the file's line, or the environment variable's value).
   *
   * @param where what to name in the error (the file, the variable); the value itself is never quoted
   */
  public static PatronPseudonym parse(String text, String where) {
    String[] parts = text.strip().split("\\s+");
    if (parts.length != 2) {
      throw new IllegalArgumentException(where + ": expected '<keyId> <base64 key>'");
    }
    try {
      return new PatronPseudonym(parts[0], Base64.getDecoder().decode(parts[1]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** The key of an existing file, never made: for tools that must use the hub's own key (or none). */
  public static PatronPseudonym load(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalArgumentException("no patron key in " + file + ": start the hub once with this data folder"
          + " (it makes the key), or give the configured one in its environment variable");
    }
    return loadOrCreate(file);
  }

  public static PatronPseudonym loadOrCreate(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split("\\s+");
      if (parts.length != 2) {
        throw new IllegalStateException(file + ": expected '<keyId> <base64 key>' on one line");
      }
      return new PatronPseudonym(parts[0], Base64.getDecoder().decode(parts[1]));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or make the patron key " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + ": not a patron key (" + e.getMessage() + ")", e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Files.createDirectories(file.toAbsolutePath().getParent());
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    } catch (FileAlreadyExistsException made) {
      return; // another hub process on this folder made it first
    }
    Files.writeString(file, "k1 " + Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII,
        StandardOpenOption.TRUNCATE_EXISTING);
  }
}
