package fr.navette.hub.transits;

import static fr.navette.hub.web.JsonAnswers.answer;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/stats}: transits by status, and rides saved (documents kept where they were returned). */
public final class StatsService implements HttpService {
  private final TransitStore transits;

  public StatsService(TransitStore transits) {
    this.transits = transits;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/stats", (req, res) -> answer(res, () -> {
      Map<String, Object> stats = new LinkedHashMap<>();
      Map<String, Long> byStatus = transits.countByStatus();
      stats.put("transitsByStatus", byStatus);
      stats.put("ridesSaved", byStatus.getOrDefault(TransitStatus.KEPT.wireName(), 0L));
      return stats;
    }));
  }
}
