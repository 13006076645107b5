package fr.navette.hub.intake;

import static fr.navette.hub.web.JsonAnswers.send;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.navette.hub.store.StoreHealth;
import fr.navette.hub.web.JsonAnswers;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/health}: whether the hub takes events, for monitoring (no session needed, DESIGN §8): 200 when
 * the store answers, 503 while it fails (ingest refuses events meanwhile; devices keep them), with what ingest did
 * since start.
 */
public final class HealthService implements HttpService {
  private final StoreHealth store;
  private final IngestCounts counts;

  public HealthService(StoreHealth store, IngestCounts counts) {
    this.store = store;
    this.counts = counts;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/health", (req, res) -> health(res));
  }

  private void health(ServerResponse res) {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("store", store.failure().map(f -> "failing: " + f).orElse("ok"));
    health.put("ingest", counts.snapshot());
    try {
      send(res, store.failing() ? Status.SERVICE_UNAVAILABLE_503 : Status.OK_200,
          JsonAnswers.JSON.writeValueAsBytes(health));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
