package fr.navette.identity.mosquitto;

import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.KeyAndCertificate;
import fr.navette.identity.NetworkCa;
import fr.navette.identity.Pem;
import fr.navette.identity.Revocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * Writes {@link MosquittoConfig}'s files into one folder: {@code navette.conf}, {@code navette.acl},
 * {@code navette.crl}, {@code ca.crt}, {@code hub.crt}, {@code hub.key}. Each file is written beside itself and
 * renamed, so a reload that comes meanwhile reads the old file or the new one, never half of one. Run it again
 * after every enrolment and revocation, then reload Mosquitto.
 *
 * <p>{@code ./navette hub mosquitto-config --data DIR --out OUT} calls it with the hub's registry and CA.
 */
public final class MosquittoFiles {
  /** How long the CRL is valid: Mosquitto refuses every client once it has expired, so regenerate well before. */
  public static final Duration CRL_VALIDITY = Duration.ofDays(30);
  public static final String CONF_FILE = "navette.conf";
  /**
   * The hub's key: readable by its owner and group. The group is the broker's to set ({@code chgrp mosquitto}):
   * Debian's Mosquitto runs as the {@code mosquitto} user and reads the key again at every reload.
   */
  private static final Set<PosixFilePermission> KEY = PosixFilePermissions.fromString("rw-r-----");
  private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

  private MosquittoFiles() {}

  /**
   * Writes the files for these identities (enrolled and not revoked) and revocations; returns the configuration
   * file, to include from Mosquitto's own ({@code include_dir} or a copy into {@code /etc/mosquitto/conf.d}).
   */
  public static Path write(Path out, MosquittoConfig.Listener listener, NetworkCa ca, KeyAndCertificate hub,
      Collection<DeviceIdentity> allowed, Collection<Revocation> revocations) {
    MosquittoConfig.Files files = MosquittoConfig.Files.in(out);
    // Generated before anything is written: a refused identity list leaves the old files whole.
    String acl = MosquittoConfig.acl(allowed);
    String conf = MosquittoConfig.conf(listener, files);
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder " + out + ": " + e.getMessage(), e);
    }
    write(files.caFile(), Pem.write(ca.certificate()), PUBLIC);
    write(files.certFile(), Pem.write(hub.certificate()), PUBLIC);
    write(files.keyFile(), Pem.privateKey(hub.key(), null), KEY);
    write(files.crlFile(), Pem.write(ca.crl(revocations, CRL_VALIDITY)), PUBLIC);
    write(files.aclFile(), acl, PUBLIC);
    Path confFile = out.toAbsolutePath().normalize().resolve(CONF_FILE);
    write(confFile, conf, PUBLIC);
    return confFile;
  }

  private static void write(Path file, String text, Set<PosixFilePermission> permissions) {
    Path staged = file.resolveSibling(file.getFileName() + ".new");
    try {
      Files.deleteIfExists(staged);
      // Created with its final mode: a key is never readable by others, not even for a moment.
      FileAttribute<?>[] attributes = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
      Files.createFile(staged, attributes);
      Files.writeString(staged, text);
      try {
        Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staged, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
