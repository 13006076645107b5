package fr.navette.identity;

import fr.navette.schema.Limits;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who a certificate speaks for: a device id, the site (branch code) it stands in, and its kind. Id and site are
 * MQTT topic segments ({@code navette/v1/<site>/<id>/…}), so they follow the topic's name rule — which has no
 * colon, so the URI form below parses without ambiguity.
 *
 * <p>In a certificate: the subject's CN is the id (what Mosquitto's {@code use_identity_as_username} reads), and
 * the whole identity is one SAN URI {@code urn:navette:device:<site>:<kind>:<id>} (what our broker's authorizer
 * reads: one typed field rather than DN attributes whose order and meaning vary between tools).
 */
public record DeviceIdentity(String id, String site, DeviceKind kind) {
  public static final String URI_PREFIX = "urn:navette:device:";
  private static final int URI_NAME = 6; // GeneralName uniformResourceIdentifier (RFC 5280)
  private static final Pattern NAME = Pattern.compile(Limits.NAME_PATTERN);

  public DeviceIdentity {
    requireName("device id", id);
    requireName("site", site);
    if (kind == null) {
      throw new IllegalArgumentException("device kind is missing");
    }
  }

  /** {@code urn:navette:device:<site>:<kind>:<id>}. */
  public String uri() {
    return URI_PREFIX + site + ":" + kind.wireName() + ":" + id;
  }

  /** Parses {@link #uri()}; the error names the part that is wrong. */
  public static DeviceIdentity fromUri(String uri) {
    if (uri == null || !uri.startsWith(URI_PREFIX)) {
      throw new IllegalArgumentException("not a Navette device URI (expected " + URI_PREFIX
          + "<site>:<kind>:<id>): " + uri);
    }
    String[] parts = uri.substring(URI_PREFIX.length()).split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("device URI needs <site>:<kind>:<id> after " + URI_PREFIX + ": " + uri);
    }
    return new DeviceIdentity(parts[2], parts[0], DeviceKind.fromWireName(parts[1]));
  }

  /** The identity a certificate carries in its SAN URI; the error says what is missing. */
  public static DeviceIdentity fromCertificate(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (name.get(0) instanceof Integer type && type == URI_NAME && name.get(1) instanceof String uri
              && uri.startsWith(URI_PREFIX)) {
            return fromUri(uri);
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new IdentityException("unreadable subject alternative names: " + e.getMessage(), e);
    }
    throw new IdentityException("the certificate of " + certificate.getSubjectX500Principal()
        + " carries no " + URI_PREFIX + "… name: not a Navette device certificate");
  }

  private static void requireName(String what, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " must be 1 to 64 of A-Z a-z 0-9 . _ - (not starting with . _ -),"
          + " got '" + value + "'");
    }
  }
}
