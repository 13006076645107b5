package fr.navette.hub.web;

import fr.navette.hub.text.HubTexts;
import fr.navette.schema.text.Catalogue;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;

/**
 * The language of the request being answered, for the words of its answer (refusals, alerts' messages): set by a
 * filter around each request — Helidon runs a request's filters and handler on one thread — and French outside
 * one. Machine values (statuses, kinds, field names) never depend on it.
 */
public final class RequestLanguage {
  private static final ThreadLocal<Locale> CURRENT = new ThreadLocal<>();

  private RequestLanguage() {}

  static Locale of(ServerRequest req) {
    return HubTexts.languageOf(req.query().first("lang").asOptional(),
        req.headers().cookies().first(HubTexts.LANGUAGE_COOKIE).asOptional(),
        req.headers().first(HeaderNames.ACCEPT_LANGUAGE));
  }

  public static Locale current() {
    Locale language = CURRENT.get();
    return language == null ? Catalogue.FRENCH : language;
  }

  static void during(ServerRequest req, Runnable work) {
    CURRENT.set(of(req));
    try {
      work.run();
    } finally {
      CURRENT.remove();
    }
  }
}
