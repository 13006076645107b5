package fr.navette.schema;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous patron ids for events (DESIGN §9): {@code pp1.<keyId>.<22 base64url chars>}, the first 128 bits
 * of HMAC-SHA256(network key, normalised patron barcode). The key is the network's, held by the hub only: the
 * hub computes the pseudonym, sends it to the kiosk in its response, the kiosk puts it in its events, and the
 * hub alone maps it back (it keeps pseudonym → barcode while the loan lives, then purges). A device never
 * holds the key, so a stolen kiosk's outbox names nobody. The key id travels in the pseudonym so that a key
 * can be rotated: old pseudonyms stay readable to the hub while it keeps the old key.
 *
 * <p>Normalisation: trimmed, upper-case, so that "ab123 " and "AB123" are one patron.
 */
public final class PatronPseudonym {
  private static final Pattern WELL_FORMED = Pattern.compile("pp1\\.[A-Za-z0-9_-]{1,16}\\.[A-Za-z0-9_-]{22}");
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
  private static final int MIN_KEY_BYTES = 32;
  /** The longest pseudonym: {@code pp1.}, a 16-character key id, a dot, 22 characters of hash. */
  public static final int MAX_CHARS = 43;

  private final String keyId;
  private final SecretKeySpec key;

  /** @param key at least 32 random bytes; copied, never shown */
  public PatronPseudonym(String keyId, byte[] key) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      throw new SchemaException("keyId", "must be 1-16 letters, digits, '_' or '-', got '" + keyId + "'");
    }
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new SchemaException("key", "must be at least " + MIN_KEY_BYTES + " bytes");
    }
    this.keyId = keyId;
    this.key = new SecretKeySpec(Arrays.copyOf(key, key.length), "HmacSHA256");
  }

  public String keyId() {
    return keyId;
  }

  /**
   * A copy of the key's bytes, for the hub's keyring only (it keeps keys wrapped in its store, and the key given
   * to a hub becomes its keyring's first key). Never log nor send it; wipe the copy after use.
   */
  public byte[] exportKey() {
    return key.getEncoded();
  }

  /** The pseudonym of a patron barcode under this network key. */
  public String of(String patronId) {
    Fields.requireText("patronId", patronId, Limits.IDENTIFIER);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(patronId.trim().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return "pp1." + keyId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /** @throws SchemaException naming {@code field} when {@code value} is not a pseudonym (e.g. a clear barcode) */
  public static String requireWellFormed(String field, String value) {
    if (value != null && value.length() > MAX_CHARS) { // said before the mask, which is as long as the value
      throw new SchemaException(field, value.length() + " characters, at most " + MAX_CHARS);
    }
    if (value == null || !WELL_FORMED.matcher(value).matches()) {
      throw new SchemaException(field, "expected a patron pseudonym pp1.<keyId>.<hash>, got " + mask(value));
    }
    return value;
  }

  /** A patron id fit for a log line: all but its last two characters hidden. */
  public static String mask(String patronId) {
    if (patronId == null) {
      return "<none>";
    }
    int shown = Math.min(2, patronId.length() / 4);
    return "*".repeat(patronId.length() - shown) + patronId.substring(patronId.length() - shown);
  }

  @Override
  public String toString() {
    return "PatronPseudonym[keyId=" + keyId + ", key=<hidden>]";
  }
}
