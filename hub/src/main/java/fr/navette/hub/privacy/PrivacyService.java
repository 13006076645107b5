package fr.navette.hub.privacy;

import static fr.navette.hub.web.JsonAnswers.answer;

import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.text.HubTexts;
import fr.navette.hub.text.Said;
import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.StaffUser;
import fr.navette.schema.Limits;
import fr.navette.schema.PatronPseudonym;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's privacy faces (DESIGN §8, §9).
 *
 * <ul>
 *   <li>{@code GET /api/privacy/subject?card=…} — everything the hub holds about one card (GDPR art. 15), for the
 *   network's coordinator or an admin (StaffFilter: branch staff 403): {@code {"card": masked, "at", "by",
 *   "searched": [...], "items": [...]}}, each item with what, when and where ({@link SubjectAccess.Held}). Every
 *   export is written to the audit log, the card masked. A card missing or malformed is a 400 naming what is wrong,
 *   never echoing the card.</li>
 *   <li>{@code GET /api/privacy/policy} — what is kept and for how long, as configured (public).</li>
 *   <li>{@code GET /privacy} — the same for people, French first, {@code ?lang=en} ({@link PrivacyPage}, public).</li>
 *   <li>{@code GET /api/admin/privacy/keys} — the patron keyring (admins only: {@code /api/admin/}, StaffFilter): ids
 *   and dates, never their material; {@code POST /api/admin/privacy/rotate-key} makes a new current key (audited
 *   {@code patron-key-rotated}) and answers {@code {"keyId": "<new>", "held": [...]}}: 409 when another hub rotated
 *   at the same moment.</li>
 * </ul>
 */
public final class PrivacyService implements HttpService {
  private static final Logger LOG = LoggerFactory.getLogger(PrivacyService.class);
  /** The audit log's action for an export. */
  public static final String AUDIT_ACTION = "privacy.subject-access";

  private final SubjectAccess subjects;
  private final PatronKeys keys;
  private final AuditLog audit;
  private final PrivacySettings settings;
  private final Duration pinLock;
  private final Duration pinWindow;
  private final Clock clock;

  /**
   * @param keys the patron keyring: a card is searched as its pseudonyms under every key still held, the one place
   *     where a card meets the keys
   * @param pinLock how long a card stays locked after too many wrong PINs, as configured
   * @param pinWindow how long wrong PIN tries are remembered, as configured
   */
  public PrivacyService(SubjectAccess subjects, PatronKeys keys, AuditLog audit,
                        PrivacySettings settings, Duration pinLock, Duration pinWindow, Clock clock) {
    this.subjects = subjects;
    this.keys = keys;
    this.audit = audit;
    this.settings = settings;
    this.pinLock = pinLock;
    this.pinWindow = pinWindow;
    this.clock = clock;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/privacy/subject", (req, res) -> answer(res, () -> export(req)))
        .get("/api/privacy/policy", (req, res) -> answer(res, this::policy))
        .get("/privacy", this::page)
        .get("/privacy.css", (req, res) -> resource(res, "privacy.css", "text/css"))
        .get("/api/admin/privacy/keys", (req, res) -> answer(res, () -> Map.of("keys", keys.keys())))
        .post("/api/admin/privacy/rotate-key", (req, res) -> answer(res, this::rotate));
  }

  private Map<String, Object> rotate() {
    String id;
    try {
      id = keys.rotate(StaffUser.current().name());
    } catch (IllegalStateException e) {
      throw ApiProblem.conflict(e.getMessage());
    }
    Map<String, Object> said = new LinkedHashMap<>();
    said.put("keyId", id);
    said.put("held", keys.heldKeyIds());
    return said;
  }

  private Map<String, Object> export(ServerRequest req) {
    String card = card(req.query().first("card").asOptional());
    String masked = PatronPseudonym.mask(card);
    Set<String> pseudonyms = new LinkedHashSet<>(keys.pseudonymsOf(card));
    List<SubjectAccess.Held> items = subjects.find(pseudonyms, Optional.of(card));
    StaffUser user = StaffUser.current();
    audit.record(AUDIT_ACTION, "card " + masked, items.size() + " item(s) exported, searched under "
        + pseudonyms.size() + " key(s)");
    LOG.info("subject access: card {} exported by {} ({} item(s))", masked, user.name(), items.size());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("card", masked);
    answer.put("at", clock.instant());
    answer.put("by", user.name());
    answer.put("searched", List.of("events", "alarms", "pin-locks", "quarantine"));
    answer.put("keys", pseudonyms.size());
    answer.put("items", items);
    return answer;
  }

  /** The card asked for, checked: a 400 says what is wrong with it, never the card itself. */
  static String card(Optional<String> given) {
    if (given.isEmpty() || given.get().isBlank()) {
      throw ApiProblem.badRequest(Said.of("error.subject-card-missing"));
    }
    String card = given.get().strip();
    if (card.length() > Limits.IDENTIFIER) {
      throw ApiProblem.badRequest(Said.of("error.subject-card-too-long", card.length(), Limits.IDENTIFIER));
    }
    if (card.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      throw ApiProblem.badRequest(Said.of("error.subject-card-characters"));
    }
    return card;
  }

  private Map<String, Object> policy() {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("retention", settings.retention().asIso());
    policy.put("pinTriesRemembered", pinWindow.toString());
    policy.put("pinLock", pinLock.toString());
    policy.put("contact", settings.contactConfigured() ? settings.contact() : null);
    policy.put("page", "/privacy");
    return policy;
  }

  /**
   * French unless English is asked for by {@code ?lang=en} or the staff pages' language cookie: a patron's browser
   * language is not asked, the page is French first and offers English.
   */
  private void page(ServerRequest req, ServerResponse res) {
    Optional<String> lang = req.query().first("lang").asOptional()
        .or(() -> req.headers().cookies().first(HubTexts.LANGUAGE_COOKIE).asOptional());
    String html = PrivacyPage.render(settings, pinLock, pinWindow, lang.map(PrivacyPage::english).orElse(false));
    res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'self'; object-src 'none'; "
        + "base-uri 'none'; frame-ancestors 'none'; form-action 'none'");
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8").send(html.getBytes(StandardCharsets.UTF_8));
  }

  private static void resource(ServerResponse res, String name, String type) {
    try (InputStream in = PrivacyService.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the hub's jar");
      }
      res.header(HeaderNames.CONTENT_TYPE, type + "; charset=utf-8").send(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
