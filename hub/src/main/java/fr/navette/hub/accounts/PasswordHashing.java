package fr.navette.hub.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Staff passwords hashed with Argon2id (RFC 9106, BouncyCastle's generator), written in the PHC string format that
 * carries its parameters — {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} — so that a hash made with older
 * parameters still verifies after they change, and is made again with the new ones at the next login
 * ({@link #needsRehash}). Defaults are OWASP's first choice (2025 cheat sheet): 19 MiB, 2 passes, 1 lane; salt 16
 * random bytes, hash 32 bytes.
 */
public final class PasswordHashing {
  /** Memory in KiB, passes, lanes. */
  public record Cost(int memoryKib, int iterations, int parallelism) {
    public Cost {
      if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
        throw new IllegalArgumentException("argon2id: memory >= 8 KiB per lane, at least one pass and one lane");
      }
    }

    public static final Cost OWASP = new Cost(19 * 1024, 2, 1);
  }

  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{16,})\\$([A-Za-z0-9+/]{16,})");
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final Cost cost;
  private final SecureRandom random = new SecureRandom();
  /** Verified in place of an unknown user's hash, so that "no such user" takes as long as "wrong password". */
  private final String dummy;

  public PasswordHashing(Cost cost) {
    this.cost = cost;
    this.dummy = hash("not-a-password-of-anyone".toCharArray());
  }

  public static PasswordHashing owasp() {
    return new PasswordHashing(Cost.OWASP);
  }

  public Cost cost() {
    return cost;
  }

  /** A new salted hash of {@code password}, in PHC form. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, cost, HASH_BYTES);
    return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism() + "$"
        + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /** Whether {@code password} is the one {@code encoded} was made from; false for a malformed hash. */
  public boolean verify(char[] password, String encoded) {
    Matcher m = PHC.matcher(encoded == null ? "" : encoded);
    if (!m.matches()) {
      return false;
    }
    Cost used;
    try {
      used = new Cost(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] expected = B64D.decode(m.group(5));
    byte[] actual = derive(password, B64D.decode(m.group(4)), used, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  /** Spends the time of a verification for a user who does not exist (the answer is always false). */
  public void verifyNobody(char[] password) {
    verify(password, dummy);
  }

  /** Whether {@code encoded} was made with other parameters than today's: hash again after a good login. */
  public boolean needsRehash(String encoded) {
    return !encoded.startsWith("$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p="
        + cost.parallelism() + "$");
  }

  private static byte[] derive(char[] password, byte[] salt, Cost cost, int length) {
    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(cost.memoryKib()).withIterations(cost.iterations()).withParallelism(cost.parallelism())
        .withSalt(salt).build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] utf8 = toUtf8(password);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(utf8, out);
    } finally {
      Arrays.fill(utf8, (byte) 0);
    }
    return out;
  }

  private static byte[] toUtf8(char[] password) {
    java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    byte[] out = new byte[bytes.remaining()];
    bytes.get(out);
    if (bytes.hasArray()) {
      Arrays.fill(bytes.array(), (byte) 0);
    }
    return out;
  }
}
