package fr.navette.provisioning;

import fr.navette.identity.AdminToken;
import fr.navette.identity.CaFingerprint;
import fr.navette.identity.EnrolmentException;
import fr.navette.identity.HubCa;
import fr.navette.identity.IdentityException;
import fr.navette.identity.Pem;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * How the administrator's client knows the hub is the network's before it sends the admin token — never by trusting
 * what it is first shown. In order: the CA certificate given as a file ({@code --ca}); a CA fingerprint given
 * ({@code --ca-fingerprint} or {@code NAVETTE_CA_FINGERPRINT}), against which the hub's CA is checked; the
 * fingerprint an {@link AdminToken} ({@code NAVA1-…}) carries. With none of these, no call is made.
 */
public final class HubTrust {
  public static final String NO_WAY_TO_VERIFY = "cannot check that this hub is the network's before sending the"
      + " admin token: give the network CA's certificate (--ca FILE), or its fingerprint (--ca-fingerprint FP or"
      + " NAVETTE_CA_FINGERPRINT), or use an admin token that carries it (NAVA1-…, as the hub prints them)";

  private HubTrust() {}

  /** The network CA to trust, alone, for the admin calls. */
  public static X509Certificate networkCa(URI hub, Optional<Path> caFile, Optional<String> fingerprint,
      String adminToken, Duration timeout) {
    if (caFile.isPresent()) {
      return read(caFile.get());
    }
    CaFingerprint expected;
    String from;
    if (fingerprint.isPresent() && !fingerprint.get().isBlank()) {
      expected = parse(fingerprint.get());
      from = "the fingerprint given";
    } else {
      Optional<AdminToken> token;
      try {
        token = AdminToken.parse(adminToken);
      } catch (IllegalArgumentException e) {
        throw new AdminException("no-trust", "the admin token looks like a NAVA1- token but is damaged: "
            + e.getMessage());
      }
      if (token.isEmpty()) {
        throw new AdminException("no-trust", NO_WAY_TO_VERIFY);
      }
      expected = token.get().caFingerprint();
      from = "the admin token's";
    }
    try {
      return HubCa.fetchVerified(hub, expected, from, timeout);
    } catch (EnrolmentException e) {
      throw new AdminException(e.code(), e.getMessage(), e);
    }
  }

  private static CaFingerprint parse(String text) {
    String plain = text.strip();
    try {
      if (plain.regionMatches(true, 0, "sha256:", 0, 7) || plain.replace(":", "").matches("[0-9a-fA-F]{64}")) {
        String hex = plain.regionMatches(true, 0, "sha256:", 0, 7) ? plain.substring(7) : plain;
        return CaFingerprint.parseHex(hex.replace(":", ""));
      }
      return CaFingerprint.parse(plain);
    } catch (IllegalArgumentException e) {
      throw new AdminException("no-trust", "--ca-fingerprint: " + e.getMessage()
          + " (expected the 52 characters an enrolment string ends with, or sha256:<64 hex digits>)");
    }
  }

  private static X509Certificate read(Path file) {
    try {
      X509Certificate ca = Pem.readCertificate(Files.readString(file));
      if (ca.getBasicConstraints() < 0) {
        throw new AdminException("no-trust", "--ca " + file + " is not a CA certificate (give the network CA's,"
            + " e.g. the hub's ca/ca.crt)");
      }
      return ca;
    } catch (NoSuchFileException e) {
      throw new AdminException("no-trust", "--ca: no such file " + file);
    } catch (IOException | IdentityException e) {
      throw new AdminException("no-trust", "--ca " + file + " cannot be read: " + e.getMessage(), e);
    }
  }
}
