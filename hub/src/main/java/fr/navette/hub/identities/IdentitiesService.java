package fr.navette.hub.identities;

import static fr.navette.hub.web.JsonAnswers.answer;

import fr.navette.hub.web.JsonBody;
import fr.navette.hub.web.StaffAccess;
import fr.navette.hub.web.StaffUser;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;
import java.util.Map;

/**
 * The administrator's device API: {@code GET|POST /api/admin/devices}, {@code POST /api/admin/devices/{id}/revoke},
 * {@code .../renew}, {@code GET /api/admin/broker} (what the broker refused). Admin tokens only, reads included (the staff filter sees to it):
 * the list says which devices exist and which are cut off.
 */
public final class IdentitiesService implements HttpService {
  private final Identities identities;
  private final BrokerRefusals refusals;
  private final StaffAccess access;

  public IdentitiesService(Identities identities, BrokerRefusals refusals, StaffAccess access) {
    this.identities = identities;
    this.refusals = refusals;
    this.access = access;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/admin/devices", (req, res) -> answer(res, identities::list))
        .post("/api/admin/devices", (req, res) -> answer(res, () -> {
          JsonBody body = JsonBody.of(req);
          return identities.add(body.text("id"), body.text("site"), body.text("kind"), actor(req));
        }))
        .post("/api/admin/devices/{id}/revoke", (req, res) -> answer(res, () -> {
          JsonBody.allowEmpty(req);
          return identities.revoke(id(req), actor(req));
        }))
        .post("/api/admin/devices/{id}/renew", (req, res) -> answer(res, () -> {
          JsonBody.allowEmpty(req);
          return identities.renew(id(req), actor(req));
        }))
        // What the broker refused: counts since start and the latest ones (forged topics, revoked devices...).
        .get("/api/admin/broker", (req, res) -> answer(res, () -> Map.of("refusals", refusals.snapshot())));
  }

  private static String id(ServerRequest req) {
    return req.path().pathParameters().get("id");
  }

  /**
   * Who acts, for the audit log: the signed-in account's name ({@link StaffUser}, set by the staff filter), else the
   * role of the token (tokens carry no name), or the open API of a demo.
   */
  private String actor(ServerRequest req) {
    if (access.isOpen()) {
      return "open-api";
    }
    StaffUser user = StaffUser.current();
    if (!user.name().startsWith("token:") && user != StaffUser.HUB && user != StaffUser.OPEN) {
      return user.name();
    }
    return access.roleOf(req.headers().first(HeaderNames.AUTHORIZATION))
        .map(role -> role.name().toLowerCase(Locale.ROOT)).orElse("unknown");
  }
}
