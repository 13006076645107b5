package fr.navette.hub.privacy;

import java.util.Objects;

/**
 * What the hub tells about the personal data it handles (the page {@code /privacy}): how long it keeps each kind
 * ({@link RetentionPolicy}), and whom a patron writes to, to exercise their rights.
 *
 * @param contact the network's contact for data protection (its DPO): free text, an e-mail address in it becomes a
 *     link; {@link #CONTACT_PLACEHOLDER} until the network configures one ({@code --privacy-contact})
 */
public record PrivacySettings(RetentionPolicy retention, String contact) {
  /** What the page says while the network has not named its contact: a visible gap, not a made-up address. */
  public static final String CONTACT_PLACEHOLDER = "";
  private static final int MAX_CONTACT = 300;

  public PrivacySettings {
    Objects.requireNonNull(retention, "retention");
    contact = contact == null ? CONTACT_PLACEHOLDER : contact.strip();
    if (contact.length() > MAX_CONTACT) {
      throw new IllegalArgumentException("privacy contact: at most " + MAX_CONTACT + " characters, got "
          + contact.length());
    }
    if (contact.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("privacy contact: one line, no control character");
    }
  }

  public static PrivacySettings defaults() {
    return new PrivacySettings(RetentionPolicy.defaults(), CONTACT_PLACEHOLDER);
  }

  public PrivacySettings withContact(String text) {
    return new PrivacySettings(retention, text);
  }

  public PrivacySettings withRetention(RetentionPolicy policy) {
    return new PrivacySettings(policy, contact);
  }

  /** Whether the network named its contact (else the page says who must configure it). */
  public boolean contactConfigured() {
    return !contact.isEmpty();
  }

  @Override
  public String toString() {
    return "retention " + retention.asIso() + ", privacy contact " + (contactConfigured() ? "'" + contact + "'"
        : "not configured (--privacy-contact)");
  }
}
