package fr.navette.sim.sigb;

/** A library of the network: its SIP2 location code (AP/AQ/CT, e.g. {@code BR01}) and its name. */
public record Branch(String code, String name) {}
