package fr.navette.hub.audit;

import static fr.navette.hub.web.JsonAnswers.answer;

import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.QueryParams;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;

/**
 * {@code GET /api/admin/audit} (admins only, StaffFilter): the audit log, newest first — staff actions and device
 * identities' lines together ({@link AuditLog}). Query: {@code actor}, {@code action}, {@code from} and {@code to}
 * (days {@code YYYY-MM-DD} in the network's zone, both included), {@code limit} (default 200, at most 1000) and
 * {@code offset}. Answer: {@code {"audit": [...], "total": n, "limit": l, "offset": o}}.
 */
public final class AuditService implements HttpService {
  private static final Pattern OFFSET = Pattern.compile("\\d{1,9}");
  private final AuditLog log;
  private final ZoneId zone;

  public AuditService(AuditLog log, ZoneId zone) {
    this.log = log;
    this.zone = zone;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/admin/audit", (req, res) -> answer(res, () -> {
      LocalDate from = QueryParams.date(req, "from", null);
      LocalDate to = QueryParams.date(req, "to", null);
      return log.list(new AuditLog.Filter(text(req, "actor"), text(req, "action"),
          from == null ? null : from.atStartOfDay(zone).toInstant(),
          to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), QueryParams.limit(req), offset(req)));
    }));
  }

  private static String text(ServerRequest req, String name) {
    return req.query().first(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
  }

  private static int offset(ServerRequest req) {
    String raw = req.query().first("offset").orElse("0");
    if (!OFFSET.matcher(raw).matches()) {
      throw ApiProblem.badRequest("offset must be a whole number from 0, got '" + ApiProblem.abbreviated(raw) + "'");
    }
    return Integer.parseInt(raw);
  }
}
