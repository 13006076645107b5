package fr.navette.identity;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A private key and the certificate issued for it (the hub's TLS identity, a device's). */
public record KeyAndCertificate(PrivateKey key, X509Certificate certificate) {
  @Override
  public String toString() {
    return "KeyAndCertificate[" + certificate.getSubjectX500Principal() + ", key hidden]";
  }
}
