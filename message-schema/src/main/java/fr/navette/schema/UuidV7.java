package fr.navette.schema;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Time-ordered event ids (RFC 9562 UUID version 7): 48 bits of Unix milliseconds, then random bits.
 * Ids from one generator increase strictly, even within one millisecond, so that a device's events sort in
 * the order they were made.
 */
public final class UuidV7 {
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private long lastMillis = -1;
  private long counter; // 12 bits in rand_a, incremented within one millisecond

  public UuidV7(Clock clock) {
    this.clock = clock;
  }

  public synchronized UUID next() {
    long millis = clock.millis();
    if (millis > lastMillis) {
      lastMillis = millis;
      counter = random.nextInt(1 << 11); // leave room to count up within the millisecond
    } else if (++counter > 0xFFF) {
      lastMillis++; // borrow the next millisecond rather than repeat or reorder an id
      counter = 0;
    }
    long msb = (lastMillis << 16) | 0x7000L | counter;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /** The millisecond timestamp carried by a version-7 id. */
  public static long millisOf(UUID id) {
    if (id.version() != 7) {
      throw new IllegalArgumentException("not a UUIDv7: " + id);
    }
    return id.getMostSignificantBits() >>> 16;
  }
}
