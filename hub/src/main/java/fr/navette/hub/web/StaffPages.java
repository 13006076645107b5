package fr.navette.hub.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The staff's pages: the dashboard ({@code /}), the printable round sheet ({@code /manifest.html}), the shuttle
 * worked from the screen ({@code /shuttle.html}), the gate alarms ({@code /alarms.html}), the devices (admins:
 * {@code /devices.html}), the users (admins), the login page and the statistics ({@code /stats.html}), whose chart is
 * drawn by uPlot served from its webjar in the hub's own jar (no
 * CDN: the hub runs on the libraries' LAN, and a page must not depend on a third party's server).
 */
public final class StaffPages implements HttpService {
  /** The uPlot webjar's files; its version is the parent pom's {@code uplot.version}. */
  static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", (req, res) -> page(res, "index.html"))
        .get("/index.html", (req, res) -> page(res, "index.html"))
        .get("/manifest.html", (req, res) -> strictPage(res, "manifest.html"))
        .get("/manifest.js", (req, res) -> page(res, "manifest.js"))
        .get("/manifest.css", (req, res) -> page(res, "manifest.css"))
        // The shuttle worked from the screen: packing, departures, arrivals, and the crates' labels.
        .get("/shuttle.html", (req, res) -> strictPage(res, "shuttle.html"))
        .get("/shuttle.js", (req, res) -> page(res, "shuttle.js"))
        .get("/shuttle.css", (req, res) -> page(res, "shuttle.css"))
        .get("/crate-label.html", (req, res) -> strictPage(res, "crate-label.html"))
        .get("/crate-label.js", (req, res) -> page(res, "crate-label.js"))
        .get("/stats.html", (req, res) -> page(res, "stats.html"))
        .get("/stats.js", (req, res) -> page(res, "stats.js"))
        .get("/alarms.html", (req, res) -> strictPage(res, "alarms.html"))
        .get("/alarms.js", (req, res) -> page(res, "alarms.js"))
        .get("/alarms.css", (req, res) -> page(res, "alarms.css"))
        .get("/staff-texts.js", (req, res) -> page(res, "staff-texts.js"))
        // Staff accounts: the login page, the shared navigation bar and look, the administrator's users page.
        // Those two pages have no inline script nor style: served under a strict CSP, never framed.
        .get("/login.html", (req, res) -> strictPage(res, "login.html"))
        .get("/login.js", (req, res) -> page(res, "login.js"))
        .get("/users.html", (req, res) -> strictPage(res, "users.html"))
        .get("/users.js", (req, res) -> page(res, "users.js"))
        // A patron's subject access (coordinator and admins: its API says so to others)
        .get("/subject-access.html", (req, res) -> strictPage(res, "subject-access.html"))
        .get("/subject-access.js", (req, res) -> page(res, "subject-access.js"))
        .get("/staff-nav.js", (req, res) -> page(res, "staff-nav.js"))
        .get("/staff.css", (req, res) -> page(res, "staff.css"))
        .get("/stats-texts.js", (req, res) -> page(res, "stats-texts.js"))
        .get("/stats.css", (req, res) -> page(res, "stats.css"))
        .get("/devices.html", (req, res) -> strictPage(res, "devices.html"))
        .get("/devices.js", (req, res) -> page(res, "devices.js"))
        .get("/devices-texts.js", (req, res) -> page(res, "devices-texts.js"))
        .get("/devices.css", (req, res) -> page(res, "devices.css"))
        .get("/vendor/uPlot.iife.min.js", (req, res) -> page(res, UPLOT + "uPlot.iife.min.js"))
        .get("/vendor/uPlot.min.css", (req, res) -> page(res, UPLOT + "uPlot.min.css"));
  }

  /**
   * A page with no inline script or style, served under a strict Content-Security-Policy: only the hub's own
   * scripts, styles and API (what an injected {@code <script>} in a title would need is refused by the browser),
   * never framed, forms posting only here.
   */
  private static void strictPage(ServerResponse res, String name) {
    res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'self'; object-src 'none'; "
        + "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
    page(res, name);
  }

  private static void page(ServerResponse res, String name) {
    try (InputStream in = StaffPages.class.getResourceAsStream(name)) {
      if (in == null) {
        res.status(Status.NOT_FOUND_404).send();
        return;
      }
      String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
      res.header(HeaderNames.CONTENT_TYPE, type + "; charset=utf-8").send(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
