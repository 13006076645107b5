package fr.navette.hub.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.navette.hub.kiosks.PinAttempts;
import fr.navette.hub.store.Database;
import fr.navette.schema.Topic;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the hub holds about one patron (GDPR art. 15, the right of access), found through their pseudonyms: the hub
 * never stores a card number in clear in events (DESIGN §9), so a card is searched as the pseudonyms it has under
 * every patron key the hub still holds — {@link #find} takes them, whoever computed them (one key today, a keyring
 * with rotation tomorrow).
 *
 * <p>What is searched, and nothing else: device events whose payload carries one of the pseudonyms (kiosk loans and
 * renewals — the hub's kiosk checkout records are these events), gate alarms the hub linked to one of those loans
 * ("just borrowed?"), the card's PIN lock at the kiosks if one is held (kept in memory, by pseudonym), and messages
 * set aside in quarantine whose kept bytes carry a pseudonym or the card in clear (a faulty device's). Transits,
 * counts and staff accounts name no patron: not searched, and the page at {@code /privacy} says so.
 */
public final class SubjectAccess {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Quarantine rows are read this many at a time (their payloads are decoded here, not in SQL: base64). */
  private static final int QUARANTINE_PAGE = 500;

  /**
   * One thing held: what it is ({@code kind}: {@code loan}, {@code renewal}, {@code event} for any other channel,
   * {@code alarm}, {@code pin-lock}, {@code quarantine}), when, where (branch code and name, device), and its detail
   * as held (the event's payload as it was received, the alarm's document, the lock's end, the quarantine's reason).
   */
  public record Held(String kind, String id, Instant at, String site, String branch, String deviceId,
                     Map<String, Object> detail) {}

  private final Database db;
  private final PinAttempts pinAttempts;
  private final UnaryOperator<String> branchName;

  /** @param branchName a branch's name from its code (the code itself when the network named none) */
  public SubjectAccess(Database db, PinAttempts pinAttempts, UnaryOperator<String> branchName) {
    this.db = db;
    this.pinAttempts = pinAttempts;
    this.branchName = branchName;
  }

  /**
   * Everything held about the patron whose pseudonyms are {@code pseudonyms}, oldest first.
   *
   * @param card the card as typed, when known: looked for in clear in the quarantine only (the one place a faulty
   *     device's bytes could carry it), never stored nor returned
   */
  public List<Held> find(Collection<String> pseudonyms, Optional<String> card) {
    List<Held> held = new ArrayList<>();
    if (pseudonyms.isEmpty()) {
      return held;
    }
    db.inTransaction(c -> {
      List<Held> events = events(c, pseudonyms);
      held.addAll(events);
      held.addAll(alarms(c, events));
      held.addAll(quarantine(c, pseudonyms, card));
      return null;
    });
    for (String pseudonym : pseudonyms) {
      pinAttempts.cardLock(pseudonym).ifPresent(lock -> {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("until", lock.until());
        detail.put("card", lock.who());
        held.add(new Held("pin-lock", lock.who(), lock.since(), lock.site(), name(lock.site()), null, detail));
      });
    }
    held.sort(Comparator.comparing(Held::at, Comparator.nullsLast(Comparator.naturalOrder())));
    return held;
  }

  /**
   * Events that name one of the pseudonyms: by the column {@code patron_ref} (V17, index {@code events_patron}),
   * which the hub fills for the only events naming a patron (kiosk loans and renewals, schema v1) and the purge
   * empties with the payload's; confirmed on the decoded JSON. Was a LIKE over every payload: 0.5–2.3 s a
   * pseudonym on a year of the network.
   */
  private List<Held> events(Connection c, Collection<String> pseudonyms) throws SQLException {
    List<Held> found = new ArrayList<>();
    for (String pseudonym : pseudonyms) {
      try (PreparedStatement st = c.prepareStatement("""
          SELECT event_id, site, device_id, channel, device_time, received_at, payload FROM events
          WHERE patron_ref = ? ORDER BY device_time, event_id""")) {
        st.setString(1, pseudonym);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            JsonNode payload = json(rs.getString(7));
            if (payload == null || !names(payload, pseudonym)) {
              continue; // the column and the payload disagree: the payload, as held, decides
            }
            String channel = rs.getString(4);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("channel", channel);
            detail.put("receivedAt", Instant.ofEpochMilli(rs.getLong(6)));
            detail.put("payload", payload);
            String site = rs.getString(2);
            found.add(new Held(kindOf(channel), rs.getString(1), Instant.ofEpochMilli(rs.getLong(5)), site,
                name(site), rs.getString(3), detail));
          }
        }
      }
    }
    return found;
  }

  /** Gate alarms whose "just borrowed?" link points to one of the patron's kiosk loans found. */
  private List<Held> alarms(Connection c, List<Held> events) throws SQLException {
    List<Held> found = new ArrayList<>();
    for (Held loan : events) {
      if (!loan.kind().equals("loan")) {
        continue;
      }
      JsonNode payload = (JsonNode) loan.detail().get("payload");
      String itemId = payload.path("itemId").asText(null);
      Instant lentAt = instant(payload.path("checkedOutAt").asText(null));
      if (itemId == null || lentAt == null) {
        continue;
      }
      try (PreparedStatement st = c.prepareStatement("""
          SELECT event_id, site, device_id, item_id, direction, detected_at, title, verdict FROM alarms
          WHERE item_id = ? AND last_checkout_device = ? AND last_checkout_at = ? ORDER BY detected_at""")) {
        st.setString(1, itemId);
        st.setString(2, loan.deviceId());
        st.setLong(3, lentAt.toEpochMilli());
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("itemId", rs.getString(4));
            detail.put("direction", rs.getString(5));
            detail.put("title", rs.getString(7));
            detail.put("verdict", rs.getString(8));
            detail.put("linkedLoan", loan.id());
            String site = rs.getString(2);
            found.add(new Held("alarm", rs.getString(1), Instant.ofEpochMilli(rs.getLong(6)), site, name(site),
                rs.getString(3), detail));
          }
        }
      }
    }
    return found;
  }

  /** Quarantined messages whose kept bytes carry a pseudonym, or the card in clear. */
  private List<Held> quarantine(Connection c, Collection<String> pseudonyms, Optional<String> card)
      throws SQLException {
    List<String> needles = new ArrayList<>(pseudonyms);
    card.map(String::strip).filter(s -> !s.isEmpty()).ifPresent(k -> {
      needles.add(k);
      needles.add(k.toUpperCase(Locale.ROOT));
    });
    List<Held> found = new ArrayList<>();
    long after = Long.MIN_VALUE;
    String afterId = "";
    while (true) {
      int read = 0;
      try (PreparedStatement st = c.prepareStatement("""
          SELECT quarantine_id, topic, payload_base64, reason, received_at FROM quarantine
          WHERE received_at > ? OR (received_at = ? AND quarantine_id > ?)
          ORDER BY received_at, quarantine_id LIMIT ?""")) {
        st.setLong(1, after);
        st.setLong(2, after);
        st.setString(3, afterId);
        st.setInt(4, QUARANTINE_PAGE);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            read++;
            after = rs.getLong(5);
            afterId = rs.getString(1);
            String text = text(Base64.getDecoder().decode(rs.getString(3)));
            if (text == null || needles.stream().noneMatch(text::contains)) {
              continue;
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("topic", rs.getString(2));
            detail.put("reason", rs.getString(4));
            detail.put("payloadText", text);
            Optional<Topic> topic = topic(rs.getString(2));
            String site = topic.map(Topic::site).orElse(null);
            found.add(new Held("quarantine", rs.getString(1), Instant.ofEpochMilli(rs.getLong(5)), site,
                site == null ? null : name(site), topic.map(Topic::device).orElse(null), detail));
          }
        }
      }
      if (read < QUARANTINE_PAGE) {
        return found;
      }
    }
  }

  private String name(String site) {
    return site == null ? null : branchName.apply(site);
  }

  private static String kindOf(String channel) {
    return switch (channel) {
      case "checkout" -> "loan";
      case "renew" -> "renewal";
      default -> "event";
    };
  }

  /** Whether a string value anywhere in {@code node} is exactly {@code pseudonym}. */
  private static boolean names(JsonNode node, String pseudonym) {
    if (node.isTextual()) {
      return node.asText().equals(pseudonym);
    }
    for (JsonNode child : node) {
      if (names(child, pseudonym)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static Instant instant(String text) {
    try {
      return text == null ? null : Instant.parse(text);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static Optional<Topic> topic(String name) {
    try {
      return Optional.of(Topic.parse(name));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String text(byte[] payload) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      return null; // not text: it cannot carry a barcode or a pseudonym as characters
    }
  }
}
