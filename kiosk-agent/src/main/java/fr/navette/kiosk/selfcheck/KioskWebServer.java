package fr.navette.kiosk.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.navette.agent.RequestTimeoutException;
import fr.navette.schema.text.Catalogue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kiosk's touch screen, served to the Chromium on the same Pi: one static page and a small JSON API under
 * {@code /api/}. The JDK's own HTTP server: a handful of endpoints for one local browser need no framework, and
 * a Pi is spared one (the hub, a server for many, uses Helidon).
 *
 * <p>The session travels in an HttpOnly, SameSite=Strict cookie; a PIN arrives in one login request body and
 * goes no further than the kiosk's SIGB question. Request bodies are capped and never logged.
 */
public final class KioskWebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KioskWebServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 4096;
  private static final String WEB = "/fr/navette/kiosk/selfcheck/web/";
  private static final Map<String, String> STATIC = Map.of(
      "/", "index.html", "/index.html", "index.html", "/kiosk.js", "kiosk.js", "/kiosk.css", "kiosk.css");

  private final Kiosk kiosk;
  // Cookies are not kept apart by port: two kiosks' pages on one host (the demo) need names of their own.
  private final String cookie;
  private final Optional<DemoPad> demoPad;
  private final HttpServer server;
  private final ExecutorService executor;

  private KioskWebServer(Kiosk kiosk, Optional<DemoPad> demoPad, InetSocketAddress address) throws IOException {
    this.kiosk = kiosk;
    this.cookie = "navette-kiosk-" + kiosk.config().deviceId().replaceAll("[^A-Za-z0-9_-]", "_");
    this.demoPad = demoPad;
    this.server = HttpServer.create(address, 16);
    this.executor = Executors.newFixedThreadPool(4,
        r -> Thread.ofPlatform().daemon(true).name("kiosk-http").unstarted(r));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Serves the kiosk's page at {@code address} (127.0.0.1 on a kiosk: the screen is on the same Pi).
   *
   * @param demoPad in demo mode, what lets the page lay documents on the simulated pad
   */
  public static KioskWebServer start(Kiosk kiosk, Optional<DemoPad> demoPad, InetSocketAddress address) {
    try {
      KioskWebServer web = new KioskWebServer(kiosk, demoPad, address);
      web.server.start();
      return web;
    } catch (IOException e) {
      throw new UncheckedIOException("kiosk page cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      try {
        if (STATIC.containsKey(path) && method.equals("GET")) {
          serveStatic(exchange, STATIC.get(path));
        } else if (path.startsWith("/api/")) {
          api(exchange, method, path.substring("/api/".length()));
        } else {
          send(exchange, 404, Map.of("error", "no such page: " + path));
        }
      } catch (BadRequest e) {
        send(exchange, 400, Map.of("error", e.getMessage()));
      } catch (RuntimeException e) {
        LOG.error("kiosk page: {} {}: {}", method, path, e.toString(), e);
        send(exchange, 500, Map.of("error", "internal error", "message", text(Text.NO_ANSWER_LOGIN)));
      }
    }
  }

  private void api(HttpExchange exchange, String method, String route) throws IOException {
    Optional<String> token = token(exchange);
    switch (method + " " + route) {
      case "GET state" -> send(exchange, 200, state(token));
      case "POST login" -> {
        JsonNode body = body(exchange);
        Kiosk.LoginResult result = kiosk.login(body.path("card").asText(""), body.path("pin").asText(""));
        if (result.token().isPresent()) {
          exchange.getResponseHeaders().add("Set-Cookie",
              cookie + "=" + result.token().get() + "; Path=/; HttpOnly; SameSite=Strict");
          send(exchange, 200, Map.of("ok", true));
        } else {
          send(exchange, 200, Map.of("ok", false, "message", text(result.refusal().orElse(Text.NO_ANSWER_LOGIN))));
        }
      }
      case "POST touch" -> send(exchange, 200, Map.of("session", kiosk.touch(token)));
      case "POST borrow" -> {
        if (kiosk.viewOnly(token)) {
          viewOnly(exchange);
        } else {
          orNoSession(exchange, kiosk.borrow(token)
              .map(outcomes -> Map.of("outcomes", outcomes.stream().map(KioskWebServer::outcome).toList())));
        }
      }
      case "POST renew" -> {
        String itemId = body(exchange).path("itemId").asText("");
        if (itemId.isBlank()) {
          throw new BadRequest("itemId is required");
        }
        if (kiosk.viewOnly(token)) {
          viewOnly(exchange);
        } else {
          orNoSession(exchange, kiosk.renew(token, itemId).map(o -> Map.of("outcome", outcome(o))));
        }
      }
      case "GET account" -> account(exchange, token);
      case "GET receipt" -> orNoSession(exchange, kiosk.receipt(token).map(r -> receipt(r, language(exchange))));
      case "POST print" -> orNoSession(exchange, kiosk.print(token, language(exchange))
          .map(p -> Map.of("printed", p.printed(), "message", text(p.message()))));
      case "POST logout" -> {
        kiosk.logout(token);
        exchange.getResponseHeaders().add("Set-Cookie", cookie + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
        send(exchange, 200, Map.of("session", false));
      }
      case "GET demo/pad" -> send(exchange, 200, Map.of("choices", demo().choices()));
      case "POST demo/pad" -> {
        JsonNode body = body(exchange);
        String key = body.path("key").asText("");
        if (key.isBlank()) {
          throw new BadRequest("key is required");
        }
        if (body.path("onPad").asBoolean(true)) {
          demo().place(key);
        } else {
          demo().remove(key);
        }
        send(exchange, 200, Map.of("choices", demo().choices()));
      }
      case "POST demo/pad/clear" -> {
        demo().clear();
        send(exchange, 200, Map.of("choices", demo().choices()));
      }
      default -> send(exchange, 404, Map.of("error", "no such endpoint: " + method + " /api/" + route));
    }
  }

  // The page of a view-only session offers neither; a call made anyway is refused here, before the loop is asked
  // (and SelfCheck refuses it again without asking the SIGB).
  private static void viewOnly(HttpExchange exchange) throws IOException {
    send(exchange, 403, Map.of("error", "view-only session: borrowing and renewing are not offered",
        "message", text(Text.VIEW_ONLY)));
  }

  private DemoPad demo() {
    return demoPad.orElseThrow(() -> new BadRequest("this kiosk is not in demo mode"));
  }

  private Map<String, Object> state(Optional<String> token) {
    Kiosk.State s = kiosk.state(token);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("session", s.session());
    s.greeting().ifPresent(g -> out.put("greeting", g));
    s.maskedCard().ifPresent(c -> out.put("card", c));
    List<Map<String, Object>> pad = new ArrayList<>();
    for (PadDocument d : s.pad()) {
      pad.add(Map.of("itemId", d.itemId(), "part", d.set().partNumber(), "parts", d.set().partsInItem()));
    }
    out.put("pad", pad);
    out.put("unreadableTags", s.unreadableTags());
    s.cardOnPad().ifPresent(c -> out.put("cardOnPad", c));
    out.put("viewOnly", s.viewOnly().isPresent());
    s.viewOnly().ifPresent(why -> {
      out.put("viewOnlyNotice", text(Text.VIEW_ONLY));
      out.put("viewOnlyReason", text(why));
    });
    out.put("library", kiosk.config().shownName()); // the page's header: the library patrons know
    out.put("demo", demoPad.isPresent());
    out.put("printer", kiosk.hasPrinter());
    out.put("idleSeconds", kiosk.idleTimeout().toSeconds());
    return out;
  }

  private void account(HttpExchange exchange, Optional<String> token) throws IOException {
    Optional<Optional<Account>> account;
    try {
      account = kiosk.account(token);
    } catch (RequestTimeoutException e) {
      send(exchange, 200, Map.of("answered", false, "message", text(Text.NO_ANSWER_LOGIN)));
      return;
    }
    orNoSession(exchange, account.map(a -> a.map(KioskWebServer::account)
        .orElse(Map.of("answered", false, "message", text(Text.NO_ANSWER_LOGIN)))));
  }

  private static Map<String, Object> account(Account a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("answered", true);
    out.put("loans", a.loans().stream().map(l -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("itemId", l.itemId());
      l.title().ifPresent(t -> m.put("title", t));
      l.dueDate().ifPresent(d -> m.put("dueDate", d.toString()));
      m.put("overdue", l.overdue());
      return m;
    }).toList());
    out.put("holdsReady", a.holdsReady().stream().map(h -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("itemId", h.itemId());
      h.title().ifPresent(t -> m.put("title", t));
      h.pickupBranch().ifPresent(b -> m.put("pickupBranch", b));
      return m;
    }).toList());
    a.feesDue().ifPresent(f -> out.put("feesDue", f));
    out.put("blocks", a.blocks().stream().map(KioskWebServer::text).toList());
    return out;
  }

  static Map<String, Object> outcome(ItemOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("itemId", o.itemId());
    o.title().ifPresent(t -> m.put("title", t));
    m.put("status", o.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    m.put("success", o.success());
    o.dueDate().ifPresent(d -> m.put("dueDate", d.toString()));
    o.message().ifPresent(t -> m.put("message", text(t)));
    if (!o.missingParts().isEmpty()) {
      m.put("missingParts", o.missingParts());
    }
    return m;
  }

  /** The patron's language, as the page asks ({@code ?lang=en}); French when it does not say. */
  private static java.util.Locale language(HttpExchange exchange) {
    String query = Optional.ofNullable(exchange.getRequestURI().getQuery()).orElse("");
    return Catalogue.language(java.util.Arrays.stream(query.split("&")).filter(p -> p.startsWith("lang="))
        .map(p -> p.substring("lang=".length())).findFirst().orElse(null));
  }

  private static Map<String, Object> receipt(Receipt r, java.util.Locale language) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("branch", r.branch());
    m.put("issuedAt", r.issuedAt().withNano(0).toString());
    m.put("card", r.maskedCard());
    m.put("lines", r.lines().stream().map(l -> {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("itemId", l.itemId());
      l.title().ifPresent(t -> line.put("title", t));
      l.dueDate().ifPresent(d -> line.put("dueDate", d.toString()));
      line.put("renewed", l.renewed());
      return line;
    }).toList());
    m.put("account", r.account().isPresent());
    m.put("text", r.textLines(language));
    return m;
  }

  private static Map<String, String> text(Text t) {
    return Map.of("fr", t.fr(), "en", t.en());
  }

  private static void orNoSession(HttpExchange exchange, Optional<? extends Map<String, ?>> body) throws IOException {
    if (body.isPresent()) {
      send(exchange, 200, body.get());
    } else {
      send(exchange, 401, Map.of("session", false, "message", text(Text.NOT_LOGGED_IN)));
    }
  }

  private Optional<String> token(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String[] kv = part.trim().split("=", 2);
        if (kv.length == 2 && kv[0].equals(cookie) && !kv[1].isEmpty()) {
          return Optional.of(kv[1]);
        }
      }
    }
    return Optional.empty();
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new BadRequest("request body larger than " + MAX_BODY + " bytes");
      }
      if (bytes.length == 0) {
        return JSON.createObjectNode();
      }
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new BadRequest("request body must be a JSON object");
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // The body may hold a PIN: say where it broke, never what it held.
      throw new BadRequest("request body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")");
    }
  }

  private static void serveStatic(HttpExchange exchange, String file) throws IOException {
    try (InputStream in = KioskWebServer.class.getResourceAsStream(WEB + file)) {
      if (in == null) {
        throw new IllegalStateException("kiosk page resource missing: " + WEB + file);
      }
      byte[] bytes = in.readAllBytes();
      String type = file.endsWith(".html") ? "text/html; charset=utf-8"
          : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'");
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static void send(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A request the page should not have sent; answered 400 with what was wrong. */
  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
