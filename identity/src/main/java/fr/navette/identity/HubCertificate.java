package fr.navette.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The hub's TLS identity kept beside the CA ({@code hub.key} 0600, {@code hub.crt}): the same files serve the
 * hub's HTTPS, its MQTTS listener, and a Mosquitto broker's {@code certfile}/{@code keyfile}. Issued again at start
 * when missing, not this CA's, lacking one of the configured host names, or within {@link #RENEW_BEFORE} of its end.
 */
public final class HubCertificate {
  public static final String KEY_FILE = "hub.key";
  public static final String CERTIFICATE_FILE = "hub.crt";
  public static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private HubCertificate() {}

  public static KeyAndCertificate loadOrIssue(Path dir, NetworkCa ca, Collection<String> hostNames, Instant now) {
    Path keyFile = dir.resolve(KEY_FILE);
    Path certificateFile = dir.resolve(CERTIFICATE_FILE);
    if (Files.exists(keyFile) && Files.exists(certificateFile)) {
      try {
        KeyAndCertificate kept = new KeyAndCertificate(Pem.readPrivateKey(SecureFiles.read(keyFile), null),
            Pem.readCertificate(SecureFiles.read(certificateFile)));
        if (stillGood(kept, ca, hostNames, now)) {
          return kept;
        }
      } catch (IdentityException e) {
        // unreadable: issue a new one below, as if it were missing
      }
    }
    KeyAndCertificate issued = ca.issueServer(hostNames, NetworkCa.SERVER_VALIDITY);
    SecureFiles.folder(dir);
    SecureFiles.writeSecret(keyFile, Pem.privateKey(issued.key(), null));
    SecureFiles.writePublic(certificateFile, Pem.write(issued.certificate()));
    return issued;
  }

  private static boolean stillGood(KeyAndCertificate kept, NetworkCa ca, Collection<String> hostNames,
      Instant now) {
    X509Certificate certificate = kept.certificate();
    return ca.signed(certificate) && KeyPairs.match(kept.key(), certificate.getPublicKey())
        && now.plus(RENEW_BEFORE).isBefore(certificate.getNotAfter().toInstant())
        && names(certificate).containsAll(hostNames);
  }

  private static Set<String> names(X509Certificate certificate) {
    Set<String> names = new HashSet<>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        alternatives.forEach(name -> names.add(String.valueOf(name.get(1))));
      }
    } catch (CertificateParsingException e) {
      return Set.of();
    }
    return names;
  }
}
