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
 * The staff's pages: the dashboard ({@code /}), the printable round sheet ({@code /manifest.html}), the devices
 * (admins: {@code /devices.html}) and the statistics ({@code /stats.html}), whose chart is drawn by uPlot served from its webjar in the hub's own jar (no
 * CDN: the hub runs on the libraries' LAN, and a page must not depend on a third party's server).
 */
public final class StaffPages implements HttpService {
  /** The uPlot webjar's files; its version is the parent pom's {@code uplot.version}. */
  static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

  @Override
  public void routing(HttpRules rules) {
    rules.get("/", (req, res) -> page(res, "index.html"))
        .get("/index.html", (req, res) -> page(res, "index.html"))
        .get("/manifest.html", (req, res) -> page(res, "manifest.html"))
        .get("/stats.html", (req, res) -> page(res, "stats.html"))
        .get("/stats.js", (req, res) -> page(res, "stats.js"))
        .get("/stats-texts.js", (req, res) -> page(res, "stats-texts.js"))
        .get("/stats.css", (req, res) -> page(res, "stats.css"))
        .get("/staff-texts.js", (req, res) -> page(res, "staff-texts.js"))
        .get("/devices.html", (req, res) -> page(res, "devices.html"))
        .get("/devices.js", (req, res) -> page(res, "devices.js"))
        .get("/devices-texts.js", (req, res) -> page(res, "devices-texts.js"))
        .get("/devices.css", (req, res) -> page(res, "devices.css"))
        .get("/vendor/uPlot.iife.min.js", (req, res) -> page(res, UPLOT + "uPlot.iife.min.js"))
        .get("/vendor/uPlot.min.css", (req, res) -> page(res, UPLOT + "uPlot.min.css"));
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
