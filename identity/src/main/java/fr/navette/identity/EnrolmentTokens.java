package fr.navette.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one-time bootstrap tokens: each names the identity the device will get, expires ({@link #DEFAULT_VALIDITY}
 * unless told) and works once. Only the SHA-256 of a token's secret is kept — a copy of the hub's store does not
 * enrol anything. Kept in a {@link TokenStore}: memory unless told, the hub's database in the hub.
 */
public final class EnrolmentTokens {
  public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);

  /** What is kept of a token: never its secret. */
  public record StoredToken(String tokenId, byte[] secretSha256, DeviceIdentity identity, Instant expiresAt,
      Optional<Instant> usedAt) {
    public StoredToken used(Instant at) {
      return new StoredToken(tokenId, secretSha256, identity, expiresAt, Optional.of(at));
    }
  }

  /** An issued token: the string to hand over (shown once) and until when it works. */
  public record Issued(EnrolmentString enrolment, DeviceIdentity identity, Instant expiresAt) {}

  /** Why a token was not taken. The secret is checked first: only its holder learns the other reasons. */
  public enum Refusal {
    /** No such token, or not its secret. */
    INVALID("token-invalid", "unknown enrolment token, or wrong secret"),
    USED("token-used", "this enrolment string was already used: ask the administrator for a new one"),
    EXPIRED("token-expired", "this enrolment string has expired: ask the administrator for a new one");

    private final String code;
    private final String message;

    Refusal(String code, String message) {
      this.code = code;
      this.message = message;
    }

    public String code() {
      return code;
    }

    public String message() {
      return message;
    }
  }

  /** The outcome of {@link #redeem}: the identity the token was made for, or why not. */
  public sealed interface Redemption {
    record Accepted(DeviceIdentity identity) implements Redemption {}

    record Refused(Refusal refusal) implements Redemption {}
  }

  private final TokenStore tokens;
  private final CaFingerprint caFingerprint;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public EnrolmentTokens(CaFingerprint caFingerprint, Clock clock) {
    this(caFingerprint, clock, TokenStore.inMemory());
  }

  public EnrolmentTokens(CaFingerprint caFingerprint, Clock clock, TokenStore tokens) {
    this.caFingerprint = caFingerprint;
    this.clock = clock;
    this.tokens = tokens;
  }

  /** A new token for this identity, valid for {@code validity} from now. */
  public Issued issue(DeviceIdentity identity, Duration validity) {
    Instant expiresAt = clock.instant().plus(validity);
    while (true) {
      EnrolmentString enrolment = EnrolmentString.generate(random, caFingerprint);
      StoredToken stored = new StoredToken(enrolment.tokenId(), sha256(enrolment.secret()), identity, expiresAt,
          Optional.empty());
      if (tokens.add(stored)) { // 30 bits: a clash is rare, not impossible
        return new Issued(enrolment, identity, expiresAt);
      }
    }
  }

  /**
   * Takes the token {@code <token id>.<secret>} if it is known, its secret right, unused and unexpired — at most
   * once, even when two devices present it at the same instant.
   */
  public Redemption redeem(String token) {
    int dot = token == null ? -1 : token.indexOf('.');
    if (dot < 0) {
      return new Redemption.Refused(Refusal.INVALID);
    }
    String tokenId = token.substring(0, dot);
    byte[] presented = sha256(token.substring(dot + 1));
    Instant now = clock.instant();
    Optional<StoredToken> stored = tokens.find(tokenId);
    if (stored.isEmpty() || !MessageDigest.isEqual(stored.get().secretSha256(), presented)) {
      return new Redemption.Refused(Refusal.INVALID);
    }
    if (stored.get().usedAt().isPresent()) {
      return new Redemption.Refused(Refusal.USED);
    }
    if (!now.isBefore(stored.get().expiresAt())) {
      return new Redemption.Refused(Refusal.EXPIRED);
    }
    // The store takes it at most once: of two requests that both got this far, one hears USED.
    return tokens.markUsed(tokenId, now) ? new Redemption.Accepted(stored.get().identity())
        : new Redemption.Refused(Refusal.USED);
  }

  /** What is stored, for the registry and for tests that check no secret is kept. */
  public List<StoredToken> stored() {
    return tokens.all();
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
