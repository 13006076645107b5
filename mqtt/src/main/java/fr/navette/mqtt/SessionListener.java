package fr.navette.mqtt;

/**
 * What a session tells of its connection, in order, on the session's handler thread (never Paho's), in turn with
 * the messages: a listener may publish and wait.
 */
public interface SessionListener {
  /** A connection is up (CONNACK received); subscriptions are being made again. */
  default void connected() {}

  /** The broker granted every kept subscription on this connection (at once when there are none). */
  default void subscribed() {}

  /** The connection is gone; the session tries again after its backoff unless closed. */
  default void lost(String reason) {}
}
