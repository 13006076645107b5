package fr.navette.hub.accounts;

import java.time.Duration;

/**
 * How staff sessions and logins behave.
 *
 * @param idleExpiry a session unused this long is closed (default 30 min)
 * @param absoluteExpiry a session is closed this long after its login, used or not (default 12 h: a working day)
 * @param throttle wrong passwords allowed before a lock
 * @param cost the Argon2id cost of new password hashes
 */
public record AccountSettings(Duration idleExpiry, Duration absoluteExpiry, LoginThrottle.Limits throttle,
                              PasswordHashing.Cost cost) {
  public AccountSettings {
    if (idleExpiry.isNegative() || idleExpiry.isZero() || absoluteExpiry.compareTo(idleExpiry) < 0) {
      throw new IllegalArgumentException("sessions: idle expiry positive, absolute expiry at least as long");
    }
  }

  public static AccountSettings defaults() {
    return new AccountSettings(Duration.ofMinutes(30), Duration.ofHours(12), LoginThrottle.Limits.defaults(),
        PasswordHashing.Cost.OWASP);
  }

  public AccountSettings withExpiry(Duration idle, Duration absolute) {
    return new AccountSettings(idle, absolute, throttle, cost);
  }

  @Override
  public String toString() {
    return "sessions idle " + idleExpiry.toMinutes() + " min, at most " + absoluteExpiry.toHours() + " h; "
        + throttle.perUser() + " wrong passwords per user, " + throttle.perPeer() + " per address; argon2id m="
        + cost.memoryKib() + " KiB t=" + cost.iterations() + " p=" + cost.parallelism();
  }
}
