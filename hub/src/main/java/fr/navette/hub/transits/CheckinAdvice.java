package fr.navette.hub.transits;

import java.util.Optional;

/**
 * What the SIGB said of a document checked in, as far as the shuttle acts on it (circulation's
 * {@code CheckinOutcome} is one): the shuttle depends on this, never on circulation, which calls it.
 */
public interface CheckinAdvice {
  /** A patron waits for it at the branch it was returned to: to the hold shelf. */
  boolean holdHere();

  /** Why the document must ride the shuttle, or empty when it stays where it was returned. */
  Optional<TransitReason> transitReason(String returnedAtBranch);

  /** Where the SIGB sends it (trimmed; empty when none). */
  Optional<String> destination();

  Optional<String> callNumber();

  Optional<String> title();

  Optional<String> collection();
}
