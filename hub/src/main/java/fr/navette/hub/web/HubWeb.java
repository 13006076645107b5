package fr.navette.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.navette.hub.ingest.EventStore;
import fr.navette.hub.ingest.QuarantineStore;
import fr.navette.hub.transits.TransitStore;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/** The staff dashboard and the JSON API under {@code /api/} (DESIGN §8), served by Helidon SE. */
public final class HubWeb implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final int MAX_LIMIT = 1000;

  private final WebServer server;

  private HubWeb(WebServer server) {
    this.server = server;
  }

  public static HubWeb start(String bind, int port, EventStore events, QuarantineStore quarantine,
                             TransitStore transits) {
    WebServer server = WebServer.builder()
        .host(bind)
        .port(port)
        .routing(routing -> routing(routing, events, quarantine, transits))
        .build()
        .start();
    return new HubWeb(server);
  }

  /** The routes, apart from the server so that tests can serve them as they are. */
  public static void routing(HttpRouting.Builder routing, EventStore events, QuarantineStore quarantine,
                             TransitStore transits) {
    routing
        .get("/api/transits", (req, res) ->
            json(res, () -> transits.list(req.query().first("status").orElse(null), limit(req))))
        .get("/api/events", (req, res) -> json(res, () -> events.recent(limit(req))))
        .get("/api/quarantine", (req, res) -> json(res, () -> quarantine.recent(limit(req))))
        .get("/", (req, res) -> page(res, "index.html"))
        .get("/index.html", (req, res) -> page(res, "index.html"));
  }

  public int port() {
    return server.port();
  }

  private static int limit(ServerRequest req) {
    String raw = req.query().first("limit").orElse("200");
    try {
      return Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(raw)));
    } catch (NumberFormatException e) {
      throw new BadRequest("limit must be a whole number, got '" + raw + "'");
    }
  }

  private static void json(ServerResponse res, Supplier<Object> body) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(body.get());
      res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8").send(bytes);
    } catch (BadRequest e) {
      res.status(Status.BAD_REQUEST_400).header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
          .send(("{\"error\":" + quote(e.getMessage()) + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the API answer", e);
    }
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
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
}
