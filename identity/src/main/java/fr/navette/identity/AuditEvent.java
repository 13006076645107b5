package fr.navette.identity;

import java.time.Instant;

/**
 * One line of the identity audit log: who did what to which device, when. Storage comes with the hub's registry;
 * this is the value every identity operation hands to its {@link java.util.function.Consumer}.
 *
 * @param actor who acted: {@code admin:<name>} for an administrator, {@code device:<id>} for a device enrolling or
 *     renewing itself, {@code token:<token id>} for an enrolment refused before anyone is known
 * @param deviceId the device concerned; empty when a refusal came before any device was known
 * @param serial the certificate's serial number in hex, when a certificate was issued or revoked; else empty
 * @param detail a short reason (for a refusal) or note; never a secret
 */
public record AuditEvent(Instant at, String actor, Action action, String deviceId, String serial, String detail) {
  public enum Action {
    TOKEN_ISSUED, ENROLLED, ENROLMENT_REFUSED, RENEWED, RENEWAL_REFUSED, REVOKED
  }
}
