package fr.navette.gate.reading;

import fr.navette.reader.ReaderException;
import fr.navette.schema.HealthEvent.ReaderState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The reader's state as the reading loop sees it: OK; DEGRADED after a failed call; DOWN when the line is gone
 * (unplugged) or after {@value #DOWN_AFTER} failures in a row. Each outage is remembered when it ends, so health
 * shows it after the reader is back. Written by the loop, read by health.
 */
public final class ReaderHealth {
  static final int DOWN_AFTER = 3;

  /** An outage that ended: when it began, how long it lasted, what the reader said. */
  public record Outage(Instant since, Duration lasted, String cause) {
    public String describe() {
      return "reader unreachable for " + lasted.toMillis() + " ms from " + since + " (" + cause + ")";
    }
  }

  private final Clock clock;
  private volatile ReaderState state = ReaderState.OK;
  private volatile int failuresInARow;
  private volatile Instant failingSince;
  private volatile String cause = "";
  private volatile Optional<Outage> lastOutage = Optional.empty();
  private volatile long outages;

  public ReaderHealth(Clock clock) {
    this.clock = clock;
  }

  /** A call failed; returns true when this failure made the reader DOWN. */
  boolean failed(ReaderException e) {
    if (failuresInARow++ == 0) {
      failingSince = clock.instant();
    }
    cause = e.getMessage();
    ReaderState before = state;
    state = e.kind() == ReaderException.Kind.DISCONNECTED || failuresInARow >= DOWN_AFTER ? ReaderState.DOWN
        : ReaderState.DEGRADED;
    return before != ReaderState.DOWN && state == ReaderState.DOWN;
  }

  /** A call succeeded; returns the outage that this ends, if the reader was DOWN. */
  Optional<Outage> succeeded() {
    if (failuresInARow == 0) {
      return Optional.empty();
    }
    Optional<Outage> ended = Optional.empty();
    if (state == ReaderState.DOWN) {
      Outage outage = new Outage(failingSince, Duration.between(failingSince, clock.instant()), cause);
      lastOutage = Optional.of(outage);
      outages++;
      ended = Optional.of(outage);
    }
    failuresInARow = 0;
    state = ReaderState.OK;
    return ended;
  }

  public ReaderState state() {
    return state;
  }

  /** Why the reader is failing now (empty when OK). */
  public Optional<String> currentProblem() {
    return state == ReaderState.OK ? Optional.empty()
        : Optional.of("reader " + state.name().toLowerCase(java.util.Locale.ROOT) + " since " + failingSince + ": "
            + cause);
  }

  public Optional<Outage> lastOutage() {
    return lastOutage;
  }

  /** Outages (DOWN, then back) since start. */
  public long outages() {
    return outages;
  }
}
