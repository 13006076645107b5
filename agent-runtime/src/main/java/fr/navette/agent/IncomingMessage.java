package fr.navette.agent;

import fr.navette.schema.Channel;

/** A message the hub sent this device, as the session hands it to a handler. */
public record IncomingMessage(Channel channel, byte[] payload, byte[] correlationData, boolean retained) {}
