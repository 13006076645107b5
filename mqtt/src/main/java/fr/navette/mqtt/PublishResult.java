package fr.navette.mqtt;

/**
 * What became of a publish, as a value rather than an exception to parse: the broker took it ({@link Accepted},
 * PUBACK reason code below 0x80 — including 0x10 "no matching subscribers", after which Mosquitto has dropped the
 * message: a device's outbox must not count that as delivered, see {@code DeviceSession}), the broker said no
 * ({@link Refused}, 0x80 and above, with its reason string: Paho 1.2.5 completes such a publish as if delivered),
 * or it never got an answer ({@link NotSent}: not connected, connection lost, no PUBACK in time).
 * A QoS 0 publish is {@code Accepted(0)} once written.
 */
public sealed interface PublishResult {
  /** The broker took the message; {@code reasonCode} is below 0x80. */
  record Accepted(int reasonCode) implements PublishResult {}

  /** The broker refused the message (reason code 0x80 and above): it is not delivered. */
  record Refused(int reasonCode, String reason) implements PublishResult {}

  /** No answer from the broker: the message may or may not have arrived; send it again if it matters. */
  record NotSent(String why) implements PublishResult {}

  default boolean accepted() {
    return this instanceof Accepted;
  }

  /** For logs and exception messages: what happened, with the reason code in hex. */
  default String describe() {
    return switch (this) {
      case Accepted a -> "accepted (0x" + Integer.toHexString(a.reasonCode()) + ")";
      case Refused r -> "refused (reason code 0x" + Integer.toHexString(r.reasonCode())
          + (r.reason().isEmpty() ? "" : ": " + r.reason()) + ")";
      case NotSent n -> "not sent: " + n.why();
    };
  }
}
