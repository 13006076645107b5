package fr.navette.hub.identities;

import fr.navette.hub.identities.IdentityRegistry.Identity;
import fr.navette.hub.text.Said;
import fr.navette.hub.web.ApiProblem;
import fr.navette.identity.AuditEvent;
import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import fr.navette.identity.EnrolmentQr;
import fr.navette.identity.EnrolmentTokens;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The administrator's work on device identities: add a device (a pending identity and its one-time enrolment
 * string), hand a device that lost its identity a new string, revoke a device. Every action is audited with who
 * did it.
 */
public final class Identities {
  /**
   * What the administrator gets back: the enrolment string is shown this once (only its hash is kept), with the
   * same string as a QR code ({@code qrSvg}: an SVG image drawn here, for the devices page to show as it is).
   */
  public record Enrolment(String deviceId, String site, String kind, String state, String enrolment,
                          Instant expiresAt, String qrSvg) {}

  private final IdentityRegistry registry;
  private final EnrolmentTokens tokens;
  private final Clock clock;
  private final Consumer<String> cutOff;

  /** @param cutOff closes a revoked device's connections at once (the broker's) */
  public Identities(IdentityRegistry registry, EnrolmentTokens tokens, Clock clock, Consumer<String> cutOff) {
    this.registry = registry;
    this.tokens = tokens;
    this.clock = clock;
    this.cutOff = cutOff;
  }

  /** A new device: refused when its id is taken (a second device under one id would share its topics). */
  public Enrolment add(String id, String site, String kind, String actor) {
    DeviceIdentity identity = identity(id, site, kind);
    if (!registry.create(identity, clock.instant())) {
      throw ApiProblem.conflict(Said.of("error.identity-exists", ApiProblem.abbreviated(id)));
    }
    return issue(identity, actor, "device added");
  }

  /** A new enrolment string for a known device (it lost its key, or its first string expired). */
  public Enrolment renew(String id, String actor) {
    Identity known = known(id);
    DeviceIdentity identity = new DeviceIdentity(known.deviceId(), known.site(), DeviceKind.fromWireName(known.kind()));
    return issue(identity, actor, "new enrolment string");
  }

  /** Revokes the device's certificate and drops its unused strings; revoking twice changes nothing more. */
  public Identity revoke(String id, String actor) {
    Identity known = known(id);
    if ("revoked".equals(known.state())) {
      return known;
    }
    Instant now = clock.instant();
    Identity revoked = registry.revoke(id, now).orElseThrow();
    // Recorded first, then cut: the broker refuses the reconnect the cut provokes.
    cutOff.accept(id);
    registry.audit(new AuditEvent(now, actor, AuditEvent.Action.REVOKED, id,
        known.serial() == null ? "" : known.serial(), "revoked by the administrator"));
    return revoked;
  }

  public List<Identity> list() {
    return registry.list();
  }

  public List<IdentityRegistry.AuditLine> auditLog() {
    return registry.auditLog();
  }

  private Enrolment issue(DeviceIdentity identity, String actor, String detail) {
    EnrolmentTokens.Issued issued = tokens.issue(identity, EnrolmentTokens.DEFAULT_VALIDITY);
    registry.audit(new AuditEvent(clock.instant(), actor, AuditEvent.Action.TOKEN_ISSUED, identity.id(), "",
        detail + ", token " + issued.enrolment().tokenId() + ", expires " + issued.expiresAt()));
    String state = registry.identity(identity.id()).map(Identity::state).orElse("pending");
    return new Enrolment(identity.id(), identity.site(), identity.kind().wireName(), state,
        issued.enrolment().text(), issued.expiresAt(), EnrolmentQr.svg(issued.enrolment()));
  }

  private Identity known(String id) {
    return registry.identity(id)
        .orElseThrow(() -> ApiProblem.notFound(Said.of("error.no-identity", ApiProblem.abbreviated(id))));
  }

  private static DeviceIdentity identity(String id, String site, String kind) {
    try {
      return new DeviceIdentity(id, site, DeviceKind.fromWireName(kind));
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest(Said.of("error.identity-invalid", e.getMessage()));
    }
  }
}
