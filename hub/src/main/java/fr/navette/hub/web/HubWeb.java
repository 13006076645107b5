package fr.navette.hub.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.navette.hub.Hub;
import fr.navette.hub.alarms.AlarmFeed;
import fr.navette.hub.alarms.AlarmStore;
import fr.navette.hub.devices.DeviceRegistry;
import fr.navette.hub.ingest.EventStore;
import fr.navette.hub.ingest.QuarantineStore;
import fr.navette.hub.transits.Shuttle;
import fr.navette.hub.transits.ShuttleException;
import fr.navette.hub.transits.Transit;
import fr.navette.hub.transits.TransitStatus;
import fr.navette.hub.transits.TransitStore;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff dashboard and the JSON API under {@code /api/} (DESIGN §8), served by Helidon SE. Every POST goes
 * through {@link StaffAccess}: a staff token for the shuttle and alerts, an admin token for devices.
 */
public final class HubWeb implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final int MAX_LIMIT = 1000;
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
        .routing(routing -> routing(routing, hub, clock))
        .build()
        .start();
    return new HubWeb(server);
  }

  /** The routes, apart from the server so that tests can serve them as they are. */
  public static void routing(HttpRouting.Builder routing, Hub hub, Clock clock) {
    EventStore events = hub.events();
    QuarantineStore quarantine = hub.quarantine();
    TransitStore transits = hub.transits();
    Shuttle shuttle = hub.shuttle();
    DeviceRegistry devices = hub.devices();
    StaffAccess access = hub.staffAccess();
    routing.addFilter((chain, req, res) -> {
      if (access.isOpen() || req.prologue().method() != Method.POST) {
        chain.proceed();
        return;
      }
      String path = req.path().path();
      StaffAccess.Role needed = path.startsWith("/api/devices/") ? StaffAccess.Role.ADMIN : StaffAccess.Role.STAFF;
      Optional<StaffAccess.Role> role = access.roleOf(req.headers().first(HeaderNames.AUTHORIZATION));
      if (role.isEmpty()) {
        LOG.warn("POST {} refused: no valid staff token (from {})", path, req.remotePeer().address());
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"navette\"");
        send(res, Status.UNAUTHORIZED_401, error("jeton du personnel requis / staff token required"
            + " (Authorization: Bearer <token>)"));
      } else if (!StaffAccess.covers(role.get(), needed)) {
        LOG.warn("POST {} refused: a {} token may not do this", path, role.get().name().toLowerCase(Locale.ROOT));
        send(res, Status.FORBIDDEN_403, error("réservé aux administrateurs / admins only"));
      } else {
        chain.proceed();
      }
    });
    routing
        .get("/api/transits", (req, res) -> json(res, () -> transits.list(statuses(req), limit(req)).stream()
            .map(t -> new TransitView(t, t.overdue(clock.instant(), shuttle.rules().transitOverdueAfter())))
            .toList()))
        .post("/api/transits/{id}/pack", (req, res) -> json(res, () ->
            shuttle.pack(req.path().pathParameters().get("id"), body(req).path("crate").asText(null))))
        .post("/api/transits/{id}/close", (req, res) -> json(res, () -> {
          if (!transits.close(req.path().pathParameters().get("id"), clock.instant())) {
            throw ShuttleException.conflict("only an arrived transit can be closed");
          }
          return Map.of("closed", true);
        }))
        .post("/api/arrivals", (req, res) -> json(res, () -> {
          JsonNode body = body(req);
          return Map.of("arrived", shuttle.arrive(required(body, "branch"), body.path("crate").asText(null),
              body.path("itemId").asText(null)));
        }))
        .get("/api/routes", (req, res) -> json(res, () -> shuttle.rules().routes()))
        .post("/api/routes/{route}/departures", (req, res) -> json(res, () -> Map.of("onRoad",
            shuttle.depart(req.path().pathParameters().get("route"), required(body(req), "branch")))))
        .get("/api/manifests", (req, res) -> json(res, () -> shuttle.manifest(
            req.query().first("route").orElseThrow(() -> new BadRequest("route is required, e.g. ?route=north")),
            date(req, clock))))
        .get("/api/events", (req, res) -> json(res, () -> events.recent(limit(req))))
        .get("/api/alarms", (req, res) -> json(res, () -> hub.alarms().recent(limit(req))))
        .get("/api/alarms/live", (req, res) -> liveAlarms(res, hub.alarmFeed()))
        .get("/api/alerts", (req, res) -> json(res, () -> hub.alerts().list(
            req.query().first("open").map(Boolean::parseBoolean).orElse(false), limit(req))))
        .post("/api/alerts/{id}/resolve", (req, res) -> json(res, () -> hub.alerts()
            .resolveById(req.path().pathParameters().get("id"))
            .orElseThrow(() -> new NotFound("no alert / pas d'alerte " + req.path().pathParameters().get("id")))))
        .get("/api/devices", (req, res) -> json(res, devices::list))
        .post("/api/devices/{id}/config", (req, res) -> json(res, () -> {
          DeviceRegistry.Device device = device(devices, req);
          JsonNode settings = body(req).path("settings");
          if (!settings.isObject()) {
            throw new BadRequest("settings must be an object of names to values");
          }
          Map<String, String> values = new LinkedHashMap<>();
          settings.fields().forEachRemaining(f -> values.put(f.getKey(), f.getValue().asText()));
          return hub.control().sendConfig(device.site(), device.deviceId(), values);
        }))
        .post("/api/devices/{id}/commands", (req, res) -> json(res, () -> {
          DeviceRegistry.Device device = device(devices, req);
          JsonNode body = body(req);
          Map<String, String> args = new LinkedHashMap<>();
          body.path("args").fields().forEachRemaining(f -> args.put(f.getKey(), f.getValue().asText()));
          return hub.control().sendCommand(device.site(), device.deviceId(), required(body, "name"), args,
              Duration.ofSeconds(body.path("validForSeconds").asLong(300)));
        }))
        .get("/api/quarantine", (req, res) -> json(res, () -> quarantine.recent(limit(req))))
        .get("/api/stats", (req, res) -> json(res, () -> {
          Map<String, Object> stats = new LinkedHashMap<>();
          Map<String, Long> byStatus = transits.countByStatus();
          stats.put("transitsByStatus", byStatus);
          stats.put("ridesSaved", byStatus.getOrDefault(TransitStatus.KEPT.wireName(), 0L));
          return stats;
        }))
        .get("/", (req, res) -> page(res, "index.html"))
        .get("/index.html", (req, res) -> page(res, "index.html"))
        .get("/manifest.html", (req, res) -> page(res, "manifest.html"));
  }

  public int port() {
    return server.port();
  }

  private static DeviceRegistry.Device device(DeviceRegistry devices, ServerRequest req) {
    String id = req.path().pathParameters().get("id");
    return devices.find(id).orElseThrow(() -> ShuttleException.notFound("no device " + id
        + " (a device appears once it has published something) / appareil inconnu"));
  }

  private static List<TransitStatus> statuses(ServerRequest req) {
    String raw = req.query().first("status").orElse("");
    if (raw.isBlank()) {
      return List.of();
    }
    try {
      return Arrays.stream(raw.split(",")).map(String::trim).map(TransitStatus::of).toList();
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage() + " (open, packed, on-road, arrived, closed, kept)");
    }
  }

  private static int limit(ServerRequest req) {
    String raw = req.query().first("limit").orElse("200");
    try {
      return Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(raw)));
    } catch (NumberFormatException e) {
      throw new BadRequest("limit must be a whole number, got '" + raw + "'");
    }
  }

  private static LocalDate date(ServerRequest req, Clock clock) {
    String raw = req.query().first("date").orElse(null);
    if (raw == null) {
      return LocalDate.now(clock);
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw new BadRequest("date must be YYYY-MM-DD, got '" + raw + "'");
    }
  }

  private static JsonNode body(ServerRequest req) {
    try {
      JsonNode node = JSON.readTree(req.content().as(String.class));
      if (node == null || !node.isObject()) {
        throw new BadRequest("the body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
    }
  }

  private static String required(JsonNode body, String field) {
    String value = body.path(field).asText("");
    if (value.isBlank()) {
      throw new BadRequest(field + " is required");
    }
    return value;
  }

  private static void json(ServerResponse res, Supplier<Object> body) {
    try {
      send(res, Status.OK_200, JSON.writeValueAsBytes(body.get()));
    } catch (BadRequest e) {
      send(res, Status.BAD_REQUEST_400, error(e.getMessage()));
    } catch (NotFound e) {
      send(res, Status.NOT_FOUND_404, error(e.getMessage()));
    } catch (ShuttleException e) {
      send(res, e.notFound() ? Status.NOT_FOUND_404 : Status.CONFLICT_409, error(e.getMessage()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the API answer", e);
    }
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
        sink.emit(SseEvent.builder().comment("alarmes en direct / live alarms").build());
        while (true) {
          Optional<AlarmStore.Alarm> alarm = watcher.next(KEEP_ALIVE);
          sink.emit(alarm.isPresent()
              ? SseEvent.builder().name("alarm").data(JSON.writeValueAsString(alarm.get())).build()
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

  private static void send(ServerResponse res, Status status, byte[] body) {
    res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8").send(body);
  }

  private static byte[] error(String message) {
    try {
      return JSON.writeValueAsBytes(Map.of("error", message));
    } catch (JsonProcessingException e) {
      return "{\"error\":\"?\"}".getBytes(StandardCharsets.UTF_8);
    }
  }

  private static void page(ServerResponse res, String name) {
    try (InputStream in = HubWeb.class.getResourceAsStream(name)) {
      if (in == null) {
        res.status(Status.NOT_FOUND_404).send();
        return;
      }
      res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8").send(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }
}
