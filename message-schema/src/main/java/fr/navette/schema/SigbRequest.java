package fr.navette.schema;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A kiosk's question for the SIGB, sent to the hub on its {@code request} channel with an MQTT 5 response
 * topic and the request id as correlation data. Requests are the one place a clear patron barcode and a PIN
 * travel (kiosk → hub → SIGB, over TLS): they are never stored in the outbox, never logged, never in an event,
 * and {@link #toString()} hides both. The hub drops a request whose {@code deadline} has passed.
 *
 * @param patronId the patron's card barcode, clear; required for every kind but {@code checkin}
 * @param pin the patron's PIN when the network asks for one (patron-status, patron-account, checkout, renew)
 * @param itemId the document's barcode; required for checkout, renew, checkin and undo-checkout
 */
public record SigbRequest(UUID requestId, String deviceId, Kind kind, Optional<String> patronId,
                          Optional<String> pin, Optional<String> itemId, Instant sentAt, Instant deadline) {
  public enum Kind {
    PATRON_STATUS(true, false), PATRON_ACCOUNT(true, false), CHECKOUT(true, true), RENEW(true, true),
    CHECKIN(false, true),
    /**
     * Since 1.1. Takes back a loan the kiosk's checkout just made because it could not disarm the tag: the hub
     * checks the item in with the SIP2 cancel flag ({@code BI Y}) where the SIGB supports it, else plainly. A 1.0
     * hub does not know this kind and answers {@code invalid-request}.
     */
    UNDO_CHECKOUT(true, true);

    final boolean needsPatron;
    final boolean needsItem;

    Kind(boolean needsPatron, boolean needsItem) {
      this.needsPatron = needsPatron;
      this.needsItem = needsItem;
    }
  }

  public SigbRequest {
    Objects.requireNonNull(requestId, "requestId");
    Fields.requireName("deviceId", deviceId);
    Objects.requireNonNull(kind, "kind");
    Fields.requireLength("patronId", patronId, Limits.IDENTIFIER);
    Fields.requireLength("pin", pin, Limits.PIN);
    Fields.requireLength("itemId", itemId, Limits.IDENTIFIER);
    Fields.requireInstant("sentAt", sentAt);
    Fields.requireInstant("deadline", deadline);
    if (kind.needsPatron && patronId.filter(p -> !p.isBlank()).isEmpty()) {
      throw new SchemaException("patronId", "required for " + Json.wire(kind));
    }
    if (kind.needsItem && itemId.filter(i -> !i.isBlank()).isEmpty()) {
      throw new SchemaException("itemId", "required for " + Json.wire(kind));
    }
    if (deadline.isBefore(sentAt)) {
      throw new SchemaException("deadline", "before sentAt");
    }
  }

  @Override
  public String toString() {
    return "SigbRequest[" + requestId + " " + Json.wire(kind) + " from " + deviceId
        + patronId.map(p -> " patron " + PatronPseudonym.mask(p)).orElse("")
        + pin.map(p -> " pin <hidden>").orElse("") + itemId.map(i -> " item " + i).orElse("")
        + " deadline " + deadline + "]";
  }
}
