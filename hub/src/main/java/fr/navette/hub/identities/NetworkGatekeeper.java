package fr.navette.hub.identities;

import fr.navette.broker.Gatekeeper;
import fr.navette.hub.identities.IdentityRegistry.Identity;
import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import fr.navette.identity.IdentityException;
import fr.navette.identity.NetworkCa;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The network's rules at the broker's door. TLS has already checked that the certificate chains to the network CA and
 * is within its dates; this checks that the registry knows the identity, has not revoked it nor this certificate, and
 * that the client id is the device's own — then grants {@link TopicRules}. The hub's own certificate (SAN
 * {@value NetworkCa#HUB_URI}) gets the whole tree. Without a certificate (the plain listener of
 * {@code --insecure-mqtt} only) everyone gets everything: that mode is asked for by name.
 */
public final class NetworkGatekeeper implements Gatekeeper {
  private final IdentityRegistry registry;
  private final BrokerRefusals refusals;
  private final boolean plainListener;

  /** @param plainListener whether the broker has a plain listener, where clients come without certificates */
  public NetworkGatekeeper(IdentityRegistry registry, BrokerRefusals refusals, boolean plainListener) {
    this.registry = registry;
    this.refusals = refusals;
    this.plainListener = plainListener;
  }

  @Override
  public Decision admit(String clientId, Optional<X509Certificate> certificate) {
    if (certificate.isEmpty()) {
      return plainListener ? Gatekeeper.open().admit(clientId, certificate)
          : new TurnedAway("a client certificate of the network is required");
    }
    X509Certificate presented = certificate.get();
    if (isHub(presented)) {
      return new Admitted(TopicRules.hub());
    }
    DeviceIdentity identity;
    try {
      identity = DeviceIdentity.fromCertificate(presented);
    } catch (IdentityException | IllegalArgumentException e) {
      return new TurnedAway("not a Navette device certificate");
    }
    Optional<Identity> known = registry.identity(identity.id());
    if (known.isEmpty()) {
      return new TurnedAway("unknown device " + identity.id());
    }
    if ("revoked".equals(known.get().state()) || registry.revoked(presented.getSerialNumber())) {
      return new TurnedAway("device " + identity.id() + " is revoked");
    }
    if (!known.get().site().equals(identity.site()) || !known.get().kind().equals(identity.kind().wireName())) {
      return new TurnedAway("certificate of " + identity.id() + " does not match the registry (site or kind)");
    }
    boolean ownId = clientId.equals(identity.id())
        || (identity.kind() == DeviceKind.MONITOR && clientId.startsWith(identity.id() + "-"));
    if (!ownId) {
      return new TurnedAway("client id must be the device id " + identity.id());
    }
    return new Admitted(TopicRules.of(identity));
  }

  @Override
  public void refused(Refusal refusal) {
    refusals.count(refusal);
  }

  private static boolean isHub(X509Certificate certificate) {
    try {
      Collection<List<?>> names = certificate.getSubjectAlternativeNames();
      return names != null && names.stream().anyMatch(name -> NetworkCa.HUB_URI.equals(name.get(1)));
    } catch (CertificateParsingException e) {
      return false;
    }
  }
}
