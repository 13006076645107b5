package fr.navette.agent;

import fr.navette.schema.Channel;
import java.time.Duration;

/**
 * How big the outbox may grow before it merges what may be merged (see {@link Outbox}). The soft limit is a
 * number of waiting events; at about 300 bytes an event, the default 50,000 is 15 MB — days of a busy gate's
 * counts, weeks of a return box's returns.
 *
 * <p>What the broker confirmed is kept a while to be sent again if the hub asks ({@link Outbox#resend}): for
 * {@code keepSentFor} and at most {@code keepSentAtMost} events, whichever ends first. The defaults, 7 days and
 * 50,000: a busy return box's week is a few thousand returns, a gate's counts one a minute (10,080 a week), and the
 * hub asks within minutes of a hole (its watchdog's grace); a week covers a hub down over a long weekend too. At about
 * 300 bytes an event that is at most 15 MB on the card. Payloads are kept as sent: item ids, tag ids, and for
 * checkouts and renewals the patron's pseudonym (never a barcode nor a PIN: the device never holds the key that maps
 * it back) — the same bounds are their only lifetime on the device.
 */
public record OutboxPolicy(long softLimit, Duration keepSentFor, long keepSentAtMost) {
  public static final Duration KEEP_SENT_FOR = Duration.ofDays(7);
  public static final long KEEP_SENT_AT_MOST = 50_000;
  public static final OutboxPolicy DEFAULT = new OutboxPolicy(50_000);

  public OutboxPolicy {
    if (softLimit < 1) {
      throw new IllegalArgumentException("outbox soft limit must be >= 1, got " + softLimit);
    }
    if (keepSentFor == null || keepSentFor.isNegative() || keepSentAtMost < 0) {
      throw new IllegalArgumentException("sent events are kept for a duration >= 0 and at most >= 0 events, got "
          + keepSentFor + " and " + keepSentAtMost);
    }
  }

  /** This soft limit; sent events kept for the default 7 days and 50,000 at most. */
  public OutboxPolicy(long softLimit) {
    this(softLimit, KEEP_SENT_FOR, KEEP_SENT_AT_MOST);
  }

  /** This policy keeping sent events for {@code keepFor} and {@code atMost} of them. */
  public OutboxPolicy keepingSent(Duration keepFor, long atMost) {
    return new OutboxPolicy(softLimit, keepFor, atMost);
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
