package fr.navette.hub.transits;

import java.time.Instant;

/** A document that must ride the shuttle from one branch to another, and why. */
public record Transit(String transitId, String itemId, String fromBranch, String toBranch, String reason,
                      String status, String callNumber, String title, Instant createdAt, String sourceEventId) {}
