package fr.navette.hub.intake;

/**
 * Where what devices send is stored before anyone is told it was: events and acknowledgements, each with the
 * {@link Incoming.Reply} by which its sender learns what became of it. It does not know where they come from —
 * the embedded broker's interceptor ({@link BrokerSource}) or a subscription ({@link SubscriptionSource}).
 */
public interface Intake {
  /** Takes {@code message} without waiting; false when too many wait to be stored (the sender tries later). */
  boolean offer(Incoming message);

  /** Takes {@code message}, waiting for room (a subscription: its broker sends at most its receive maximum). */
  void put(Incoming message) throws InterruptedException;
}
