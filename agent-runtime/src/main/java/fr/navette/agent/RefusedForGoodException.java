package fr.navette.agent;

/**
 * The hub answered the PUBACK with a reason that sending the same message again cannot change: 0x99 (the payload
 * breaks the schema — the hub has set a copy aside in its quarantine) or 0x90 (no topic the hub serves). The
 * outbox keeps the event aside on the device ({@link Outbox#refuse}) and the events behind it go on: poison is set
 * aside, never retried forever. Every other refusal (busy, store failing, not authorised) is "send it again later".
 */
public final class RefusedForGoodException extends SessionException {
  /** PAYLOAD_FORMAT_INVALID and TOPIC_NAME_INVALID (MQTT 5 §2.4). */
  static boolean forGood(int reasonCode) {
    return reasonCode == 0x99 || reasonCode == 0x90;
  }

  public RefusedForGoodException(String message) {
    super(message);
  }
}
