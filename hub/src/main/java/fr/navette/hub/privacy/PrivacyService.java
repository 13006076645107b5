package fr.navette.hub.privacy;

import static fr.navette.hub.web.JsonAnswers.answer;

import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.StaffUser;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The patron keyring for administrators (admins only: {@code /api/admin/}, StaffFilter). {@code GET
 * /api/admin/privacy/keys} lists the keys — ids and dates, never their material; {@code POST
 * /api/admin/privacy/rotate-key} makes a new current key (audited {@code patron-key-rotated}) and answers {@code
 * {"keyId": "<new>", "held": [...]}}: 409 when another hub rotated at the same moment.
 */
public final class PrivacyService implements HttpService {
  private final PatronKeys keys;

  public PrivacyService(PatronKeys keys) {
    this.keys = keys;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/admin/privacy/keys", (req, res) -> answer(res, () -> Map.of("keys", keys.keys())))
        .post("/api/admin/privacy/rotate-key", (req, res) -> answer(res, () -> {
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
        }));
  }
}
