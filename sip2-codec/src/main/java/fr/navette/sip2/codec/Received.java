package fr.navette.sip2.codec;

import java.util.OptionalInt;

/** A decoded frame: the message and the AY sequence digit when the sender used error detection. */
public record Received(Sip2Message message, OptionalInt sequence) {}
