package fr.navette.hub.web;

import static fr.navette.hub.web.ApiProblem.abbreviated;
import static fr.navette.hub.web.JsonAnswers.answer;
import static fr.navette.hub.web.JsonAnswers.error;
import static fr.navette.hub.web.JsonAnswers.send;
import static fr.navette.hub.web.QueryParams.limit;
import static fr.navette.hub.web.QueryParams.statuses;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import fr.navette.hub.Hub;
import fr.navette.hub.alarms.AlarmFeed;
import fr.navette.hub.alarms.AlarmStore;
import fr.navette.hub.devices.DeviceRegistry;
import fr.navette.hub.ingest.EventStore;
import fr.navette.hub.ingest.QuarantineStore;
import fr.navette.hub.text.HubTexts;
import fr.navette.hub.text.Said;
import fr.navette.hub.transits.Shuttle;
import fr.navette.hub.transits.Transit;
import fr.navette.hub.transits.TransitStatus;
import fr.navette.hub.transits.TransitStore;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff dashboard and the JSON API under {@code /api/} (DESIGN §8), served by Helidon SE. Every POST goes
 * through {@link StaffAccess}: a staff token for the shuttle and alerts, an admin token for devices. Bodies and
 * query parameters are checked by {@link JsonBody} and {@link QueryParams} before anything is done; answers and
 * refusals (400, 404, 409, 413 …, each {@code {"error": …}}) are written by {@link JsonAnswers}.
 */
public final class HubWeb implements AutoCloseable {
  /**
   * The largest request body read (1 MiB): the API's bodies are a few hundred bytes. Past it the server answers
   * 413 without reading the rest — at once for a declared Content-Length, as soon as a chunked body passes it.
   */
  public static final int MAX_BODY_BYTES = 1 << 20;
  /** How long a command may wait for its device: a "silence the alarm" is for today, not for next week. */
  static final long MAX_COMMAND_VALIDITY_SECONDS = 86_400;
  private static final long DEFAULT_COMMAND_VALIDITY_SECONDS = 300;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Logger LOG = LoggerFactory.getLogger(HubWeb.class);

  private final WebServer server;

  private HubWeb(WebServer server) {
    this.server = server;
  }

  /** A transit as the API shows it: its record, and whether it is overdue now. */
  public record TransitView(@JsonUnwrapped Transit transit, boolean overdue) {}

  public static HubWeb start(String bind, int port, Hub hub, Clock clock) {
    WebServer server = WebServer.builder()
        .host(bind)
        .port(port)
        .maxPayloadSize(MAX_BODY_BYTES)
        .directHandlers(handlers -> {
          for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
            handlers.addHandler(event, JsonAnswers.DIRECT);
          }
        })
        .routing(routing -> routing(routing, hub, clock))
        .build()
        .start();
    return new HubWeb(server);
  }

  /**
   * Whether the hub takes events, for monitoring (no session needed, DESIGN §8): 200 when the store answers, 503
   * while it fails (ingest refuses events meanwhile; devices keep them), with what ingest did since start.
   */
  private static void health(ServerResponse res, Hub hub) {
    Map<String, Object> health = new LinkedHashMap<>();
    health.put("store", hub.storeHealth().failure().map(f -> "failing: " + f).orElse("ok"));
    health.put("ingest", hub.ingestCounts());
    try {
      send(res, hub.storeHealth().failing() ? Status.SERVICE_UNAVAILABLE_503 : Status.OK_200,
          JsonAnswers.JSON.writeValueAsBytes(health));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The routes, apart from the server so that tests can serve them as they are. */
  public static void routing(HttpRouting.Builder routing, Hub hub, Clock clock) {
    EventStore events = hub.events();
    QuarantineStore quarantine = hub.quarantine();
    TransitStore transits = hub.transits();
    Shuttle shuttle = hub.shuttle();
    DeviceRegistry devices = hub.devices();
    StaffAccess access = hub.staffAccess();
    // First: every answer below speaks the language of its request (?lang=, the page's cookie, Accept-Language).
    routing.addFilter((chain, req, res) -> RequestLanguage.during(req, chain::proceed));
    routing.addFilter((chain, req, res) -> {
      if (access.isOpen() || req.prologue().method() != Method.POST) {
        chain.proceed();
        return;
      }
      String path = req.path().path();
      StaffAccess.Role needed = path.startsWith("/api/devices/") ? StaffAccess.Role.ADMIN : StaffAccess.Role.STAFF;
      Optional<StaffAccess.Role> role = access.roleOf(req.headers().first(HeaderNames.AUTHORIZATION));
      if (role.isEmpty()) {
        LOG.warn("POST {} refused: no valid staff token (from {})", abbreviated(path), req.remotePeer().address());
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"navette\"");
        send(res, Status.UNAUTHORIZED_401, error(HubTexts.say(RequestLanguage.current(), "error.staff-token")));
      } else if (!StaffAccess.covers(role.get(), needed)) {
        LOG.warn("POST {} refused: a {} token may not do this", abbreviated(path),
            role.get().name().toLowerCase(Locale.ROOT));
        send(res, Status.FORBIDDEN_403, error(HubTexts.say(RequestLanguage.current(), "error.admins-only")));
      } else {
        chain.proceed();
      }
    });
    routing
        .get("/api/transits", (req, res) -> answer(res, () -> transits.list(statuses(req), limit(req)).stream()
            .map(t -> new TransitView(t, t.overdue(clock.instant(), shuttle.rules().transitOverdueAfter())))
            .toList()))
        .post("/api/transits/{id}/pack", (req, res) -> answer(res, () -> {
          String crate = JsonBody.of(req).text("crate");
          return shuttle.pack(req.path().pathParameters().get("id"), crate);
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
          return Map.of("arrived", shuttle.arrive(branch, crate.orElse(null), itemId.orElse(null)));
        }))
        .get("/api/routes", (req, res) -> answer(res, () -> shuttle.rules().routes()))
        .post("/api/routes/{route}/departures", (req, res) -> answer(res, () -> {
          String branch = JsonBody.of(req).text("branch");
          return Map.of("onRoad", shuttle.depart(req.path().pathParameters().get("route"), branch));
        }))
        .get("/api/manifests", (req, res) -> answer(res, () -> shuttle.manifest(
            QueryParams.required(req, "route", "?route=north"), QueryParams.date(req, clock))))
        .get("/api/events", (req, res) -> answer(res, () -> events.recent(limit(req))))
        .get("/api/alarms", (req, res) -> answer(res, () -> hub.alarms().recent(limit(req))))
        .get("/api/alarms/live", (req, res) -> liveAlarms(res, hub.alarmFeed()))
        .get("/api/alerts", (req, res) -> answer(res, () -> hub.alerts().list(QueryParams.flag(req, "open"),
            limit(req)).stream().map(a -> a.in(RequestLanguage.current())).toList()))
        .post("/api/alerts/{id}/resolve", (req, res) -> answer(res, () -> {
          JsonBody.allowEmpty(req);
          String id = req.path().pathParameters().get("id");
          return hub.alerts().resolveById(id).map(a -> a.in(RequestLanguage.current()))
              .orElseThrow(() -> ApiProblem.notFound(Said.of("error.no-alert", abbreviated(id))));
        }))
        .get("/api/devices", (req, res) -> answer(res, devices::list))
        .post("/api/devices/{id}/config", (req, res) -> answer(res, () -> {
          DeviceRegistry.Device device = device(devices, req);
          Map<String, String> settings = JsonBody.of(req).scalars("settings", true);
          return hub.control().sendConfig(device.site(), device.deviceId(), settings);
        }))
        .post("/api/devices/{id}/commands", (req, res) -> answer(res, () -> {
          // Everything is checked before the command leaves: once sent, it is not sent again, so the answer
          // must not fail after it (a 500 there made staff send it twice).
          DeviceRegistry.Device device = device(devices, req);
          JsonBody body = JsonBody.of(req);
          String name = body.text("name");
          Map<String, String> args = body.scalars("args", false);
          Duration validFor = Duration.ofSeconds(body.wholeNumber("validForSeconds",
              DEFAULT_COMMAND_VALIDITY_SECONDS, 1, MAX_COMMAND_VALIDITY_SECONDS));
          return hub.control().sendCommand(device.site(), device.deviceId(), name, args, validFor);
        }))
        .get("/api/quarantine", (req, res) -> answer(res, () -> quarantine.recent(limit(req))))
        .get("/api/stats", (req, res) -> answer(res, () -> {
          Map<String, Object> stats = new LinkedHashMap<>();
          Map<String, Long> byStatus = transits.countByStatus();
          stats.put("transitsByStatus", byStatus);
          stats.put("ridesSaved", byStatus.getOrDefault(TransitStatus.KEPT.wireName(), 0L));
          return stats;
        }))
        .get("/api/health", (req, res) -> health(res, hub))
        .any("/api/*", (req, res) -> send(res, Status.NOT_FOUND_404, error(HubTexts.say(RequestLanguage.current(),
            "error.no-endpoint", req.prologue().method().text() + " " + abbreviated(req.path().path())))))
        .get("/", (req, res) -> page(res, "index.html"))
        .get("/index.html", (req, res) -> page(res, "index.html"))
        .get("/manifest.html", (req, res) -> page(res, "manifest.html"))
        .get("/staff-texts.js", (req, res) -> page(res, "staff-texts.js"));
  }

  public int port() {
    return server.port();
  }

  private static DeviceRegistry.Device device(DeviceRegistry devices, ServerRequest req) {
    String id = req.path().pathParameters().get("id");
    return devices.find(id).orElseThrow(() -> ApiProblem.notFound(Said.of("error.no-device", abbreviated(id))));
  }

  /**
   * Server-sent events: each alarm as it is stored ({@code event: alarm}, the same JSON as {@code /api/alarms}),
   * a comment every {@link #KEEP_ALIVE} so that proxies keep the stream open and a gone screen is noticed. The
   * stream ends when the hub stops or the screen falls behind; browsers reconnect by themselves.
   */
  private static void liveAlarms(ServerResponse res, AlarmFeed feed) {
    try (AlarmFeed.Watcher watcher = feed.watch()) {
      SseSink sink = res.sink(SseSink.TYPE);
      try {
        sink.emit(SseEvent.builder().comment("live alarms").build()); // a comment: no screen shows it
        while (true) {
          Optional<AlarmStore.Alarm> alarm = watcher.next(KEEP_ALIVE);
          sink.emit(alarm.isPresent()
              ? SseEvent.builder().name("alarm").data(JsonAnswers.JSON.writeValueAsString(alarm.get())).build()
              : SseEvent.builder().comment("keep-alive").build());
        }
      } catch (InterruptedException e) {
        // the hub is stopping, or this screen fell behind: end the stream, the browser reconnects and reloads
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialise an alarm", e);
      } catch (RuntimeException gone) {
        LOG.debug("a live alarm screen went away: {}", gone.toString());
      } finally {
        sink.close();
      }
    }
  }

  private static void page(ServerResponse res, String name) {
    try (InputStream in = HubWeb.class.getResourceAsStream(name)) {
      if (in == null) {
        res.status(Status.NOT_FOUND_404).send();
        return;
      }
      res.header(HeaderNames.CONTENT_TYPE, (name.endsWith(".js") ? "text/javascript" : "text/html") + "; charset=utf-8")
          .send(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
