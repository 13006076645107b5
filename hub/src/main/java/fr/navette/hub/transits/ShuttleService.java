package fr.navette.hub.transits;

import fr.navette.hub.text.Said;
import static fr.navette.hub.web.ApiProblem.abbreviated;
import static fr.navette.hub.web.JsonAnswers.answer;
import static fr.navette.hub.web.QueryParams.limit;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.JsonBody;
import fr.navette.hub.web.QueryParams;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The shuttle over HTTP: transits (list, pack, close), arrivals, rounds and their departures, manifests. What the
 * {@link Shuttle} refuses is a 404 (no such transit or route) or a 409 (it says no).
 */
public final class ShuttleService implements HttpService {
  private final Shuttle shuttle;
  private final TransitStore transits;
  private final Clock clock;

  public ShuttleService(Shuttle shuttle, TransitStore transits, Clock clock) {
    this.shuttle = shuttle;
    this.transits = transits;
    this.clock = clock;
  }

  /** A transit as the API shows it: its record, and whether it is overdue now. */
  public record TransitView(@JsonUnwrapped Transit transit, boolean overdue) {}

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/api/transits", (req, res) -> answer(res, () -> transits.list(statuses(req), limit(req)).stream()
            .map(t -> new TransitView(t, t.overdue(clock.instant(), shuttle.rules().transitOverdueAfter())))
            .toList()))
        .post("/api/transits/{id}/pack", (req, res) -> answer(res, () -> {
          String crate = JsonBody.of(req).text("crate");
          return shuttleSays(() -> shuttle.pack(req.path().pathParameters().get("id"), crate));
        }))
        .post("/api/transits/{id}/close", (req, res) -> answer(res, () -> {
          JsonBody.allowEmpty(req);
          String id = req.path().pathParameters().get("id");
          Transit transit = transits.find(id).orElseThrow(() -> ApiProblem.notFound(Said.of("error.no-transit",
              abbreviated(id))));
          if (!transits.close(id, clock.instant())) {
            throw ApiProblem.conflict("only an arrived transit can be closed; this one is " + transit.status());
          }
          return Map.of("closed", true);
        }))
        .post("/api/arrivals", (req, res) -> answer(res, () -> {
          JsonBody body = JsonBody.of(req);
          String branch = body.text("branch");
          Optional<String> crate = body.optionalText("crate").filter(c -> !c.isBlank());
          Optional<String> itemId = body.optionalText("itemId").filter(i -> !i.isBlank());
          if (crate.isEmpty() && itemId.isEmpty()) {
            throw ApiProblem.badRequest(Said.of("error.crate-or-item"));
          }
          return Map.of("arrived", shuttleSays(() -> shuttle.arrive(branch, crate.orElse(null),
              itemId.orElse(null))));
        }))
        .get("/api/routes", (req, res) -> answer(res, () -> shuttle.rules().routes()))
        // The network's branches as it names them: every page shows names, never bare codes.
        .get("/api/branches", (req, res) -> answer(res, () -> shuttle.rules().branchNames().entrySet().stream()
            .map(e -> java.util.Map.of("code", e.getKey(), "name", e.getValue())).toList()))
        .post("/api/routes/{route}/departures", (req, res) -> answer(res, () -> {
          String branch = JsonBody.of(req).text("branch");
          return Map.of("onRoad", shuttleSays(() -> shuttle.depart(req.path().pathParameters().get("route"),
              branch)));
        }))
        .get("/api/manifests", (req, res) -> answer(res, () -> {
          String route = QueryParams.required(req, "route", "?route=north");
          return shuttleSays(() -> shuttle.manifest(route, QueryParams.date(req, clock)));
        }));
  }

  /** What the shuttle refuses, as the API says it: no such transit or route (404), or no (409). */
  private static <T> T shuttleSays(Supplier<T> decision) {
    try {
      return decision.get();
    } catch (ShuttleException e) {
      // The shuttle's own refusals are texts of the hub, said in the request's language.
      throw e.text().map(t -> e.notFound() ? ApiProblem.notFound(t) : ApiProblem.conflict(t))
          .orElseGet(() -> e.notFound() ? ApiProblem.notFound(e.getMessage()) : ApiProblem.conflict(e.getMessage()));
    }
  }

  /** {@code status=open,packed,…}: none means every status. */
  static List<TransitStatus> statuses(ServerRequest req) {
    String raw = req.query().first("status").orElse("");
    if (raw.isBlank()) {
      return List.of();
    }
    try {
      return Arrays.stream(raw.split(",")).map(String::trim).map(TransitStatus::of).toList();
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("status must be among open, packed, on-road, arrived, closed, kept; got '"
          + abbreviated(raw) + "'");
    }
  }
}
