package fr.navette.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.web.ApiClient.Answer;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What {@link HubRouting#build} adds around any feature's service, over a real server serving the hub's own routing
 * function: the staff filter on every POST (the admin rule under {@code /api/devices/}), the JSON 404 under
 * {@code /api/}, and the feature's routes reached with their full paths whatever the order of registration.
 */
class HubRoutingTest {
  private static final String STAFF = "staff-token-0123456789abcdef";
  private static final String ADMIN = "admin-token-0123456789abcdef";

  /** A feature answering under two prefixes, as the shuttle does; it records what reached it. */
  private static final class Feature implements HttpService {
    final List<String> reached = new CopyOnWriteArrayList<>();

    @Override
    public void routing(HttpRules rules) {
      rules.get("/api/things", (req, res) -> JsonAnswers.answer(res, () -> List.of("a", "b")))
          .post("/api/things/{id}/pack", (req, res) -> JsonAnswers.answer(res, () -> {
            reached.add(req.path().pathParameters().get("id"));
            return Map.of("packed", true);
          }))
          .post("/api/devices/{id}/config", (req, res) -> JsonAnswers.answer(res, () -> {
            reached.add("config " + req.path().pathParameters().get("id"));
            return Map.of("sent", true);
          }));
    }
  }

  @Test
  void staffFilterFeatureRoutesAndTheApisJson404() throws Exception {
    Feature feature = new Feature();
    HttpService other = rules -> rules.get("/api/other", (req, res) -> JsonAnswers.send(res, Status.OK_200,
        "{\"other\":true}".getBytes()));
    try (HubWeb web = HubWeb.start("127.0.0.1", 0, HubRouting.build(
        StaffAccess.parse("staff:" + STAFF + ",admin:" + ADMIN), other, feature, new StaffPages()))) {
      ApiClient api = new ApiClient(web.port(), STAFF);

      assertThat(api.get("/api/things").json().size()).isEqualTo(2);
      assertThat(api.get("/api/other").json().get("other").asBoolean()).isTrue();
      assertThat(api.get("/").contentType()).startsWith("text/html");
      // Without a session nor a token: nothing of the API, and the pages send the browser to the login page.
      Answer anonymousRead = api.get("/api/things", null);
      assertThat(anonymousRead.status()).isEqualTo(401);
      assertThat(anonymousRead.error()).contains("connexion requise");
      assertThat(api.get("/", null).status()).isEqualTo(303);

      Answer noToken = api.post("/api/things/T1/pack", null, "{}");
      assertThat(noToken.status()).isEqualTo(401);
      assertThat(noToken.error()).contains("jeton du personnel"); // French unless the request asks otherwise
      assertThat(api.post("/api/devices/D1/config", STAFF, "{}").status()).isEqualTo(403);
      assertThat(feature.reached).isEmpty(); // refused before the feature saw anything

      assertThat(api.post("/api/things/T1/pack", STAFF, "{}").json().get("packed").asBoolean()).isTrue();
      assertThat(api.post("/api/devices/D1/config", ADMIN, "{}").status()).isEqualTo(200);
      assertThat(feature.reached).containsExactly("T1", "config D1");

      Answer unknown = api.get("/api/nothing-here");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.error()).contains("GET /api/nothing-here");
      assertThat(api.post("/api/things", STAFF, "{}").status()).isEqualTo(404); // no POST there: JSON too
    }
  }
}
