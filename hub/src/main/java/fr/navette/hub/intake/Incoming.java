package fr.navette.hub.intake;

import fr.navette.hub.events.ClockOffset;

/**
 * A message to store, what it says of its sender's clock ({@link ClockOffset.Reading}), and how its sender learns
 * what became of it.
 */
public record Incoming(String topic, byte[] payload, ClockOffset.Reading clock, Reply reply) {

  /** A message that says nothing of its sender's clock. */
  public Incoming(String topic, byte[] payload, Reply reply) {
    this(topic, payload, ClockOffset.Reading.UNSAID, reply);
  }

  /** The sender's side of one message: exactly one of these is called, once. */
  public interface Reply {
    /** Stored (or a duplicate of a stored one): the sender may forget it. */
    void stored();

    /** Kept in quarantine with {@code reason}: not applied; sending it again as it is changes nothing. */
    void setAside(String reason);

    /**
     * Not stored: the store is failing. Returns false when the sender cannot be told to send it again (a
     * subscription's message, acknowledged or not at all): then the hub holds it and tries again itself.
     */
    boolean notStored(String reason);
  }
}
