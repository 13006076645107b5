package fr.navette.hub.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The staff's pages: the dashboard ({@code /}) and the printable round sheet ({@code /manifest.html}). */
public final class StaffPages implements HttpService {
  @Override
  public void routing(HttpRules rules) {
    rules.get("/", (req, res) -> page(res, "index.html"))
        .get("/index.html", (req, res) -> page(res, "index.html"))
        .get("/manifest.html", (req, res) -> page(res, "manifest.html"))
        .get("/staff-texts.js", (req, res) -> page(res, "staff-texts.js"));
  }

  private static void page(ServerResponse res, String name) {
    try (InputStream in = StaffPages.class.getResourceAsStream(name)) {
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
}
