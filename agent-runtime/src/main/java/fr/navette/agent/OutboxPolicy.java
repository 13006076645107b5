package fr.navette.agent;

import fr.navette.schema.Channel;

/**
 * How big the outbox may grow before it merges what may be merged (see {@link Outbox}). The soft limit is a
 * number of waiting events; at about 300 bytes an event, the default 50,000 is 15 MB — days of a busy gate's
 * counts, weeks of a return box's returns.
 */
public record OutboxPolicy(long softLimit) {
  public static final OutboxPolicy DEFAULT = new OutboxPolicy(50_000);

  public OutboxPolicy {
    if (softLimit < 1) {
      throw new IllegalArgumentException("outbox soft limit must be >= 1, got " + softLimit);
    }
  }

  /** What the outbox may store: events only; live messages (state, health, acks) never enter it. */
  public static boolean storable(Channel channel) {
    return switch (channel) {
      case ALARM, RETURN, RETURN_PROBLEM, CHECKOUT, RENEW, COUNT -> true;
      default -> false;
    };
  }

  /** Whether events of this channel may be merged once the soft limit is reached. Only counts. */
  public static boolean mergeable(Channel channel) {
    return channel == Channel.COUNT;
  }
}
