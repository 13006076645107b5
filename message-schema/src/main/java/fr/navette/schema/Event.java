package fr.navette.schema;

/**
 * A fact a device reports to the hub, on its own channel. Every event carries an {@link EventHeader}; the hub
 * applies each event id once (QoS 1 delivers duplicates).
 */
public sealed interface Event permits AlarmEvent, ReturnEvent, ReturnProblemEvent, CheckoutEvent, RenewEvent, CountEvent, StateEvent,
    HealthEvent {

  EventHeader header();

  Channel channel();
}
