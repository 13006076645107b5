package fr.navette.broker;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may connect, and what each client may publish and subscribe to. The broker asks at CONNECT (with the client
 * certificate the TLS handshake verified against the truststore, if any) and keeps the {@link Grant} for the
 * connection; every PUBLISH and SUBSCRIBE is then checked against it. A refused PUBLISH gets PUBACK 0x87 and reaches
 * neither the taker nor any subscriber; a refused SUBSCRIBE gets SUBACK 0x87; a refused CONNECT gets CONNACK 0x87.
 * The rules themselves (topic tree, kinds of identities, revocation) are the application's.
 */
public interface Gatekeeper {
  /**
   * Decides a CONNECT. Runs on a broker thread: may read a store, must not wait on the network.
   *
   * @param certificate the client's certificate as verified by TLS; empty on a plain listener
   */
  Decision admit(String clientId, Optional<X509Certificate> certificate);

  /** Told of every refusal, to count and show it; must be cheap and must not throw. */
  default void refused(Refusal refusal) {}

  /** What a CONNECT gets. */
  sealed interface Decision permits Admitted, TurnedAway {}

  /** Let in, with these rights for the connection. */
  record Admitted(Grant grant) implements Decision {
    public Admitted {
      Objects.requireNonNull(grant, "grant");
    }
  }

  /** Refused (CONNACK 0x87 not authorized), with a reason the client reads. */
  record TurnedAway(String reason) implements Decision {}

  /** A connection's rights. */
  interface Grant {
    /** Whom the rights belong to (a device id, "hub"): {@link EmbeddedBroker#cutOff} closes its connections. */
    String identity();

    boolean mayPublish(String topic);

    /** {@code filter} as the client sent it, wildcards and {@code $share/…} prefix included. */
    boolean maySubscribe(String filter);
  }

  /** What was refused: the broker counts on the application to keep and show it. */
  enum Action { CONNECT, PUBLISH, SUBSCRIBE }

  /**
   * One refusal.
   *
   * @param identity whom the connection's grant belongs to; the client id for a refused CONNECT
   * @param topic the topic or filter refused; empty for a CONNECT
   */
  record Refusal(Action action, String clientId, String identity, String topic, String reason) {}

  /** Everybody may do everything: an open broker, for agents' own tests and {@code --insecure-mqtt} only. */
  static Gatekeeper open() {
    Grant everything = new Grant() {
      @Override
      public String identity() {
        return "anyone";
      }

      @Override
      public boolean mayPublish(String topic) {
        return true;
      }

      @Override
      public boolean maySubscribe(String filter) {
        return true;
      }
    };
    return (clientId, certificate) -> new Admitted(everything);
  }
}
