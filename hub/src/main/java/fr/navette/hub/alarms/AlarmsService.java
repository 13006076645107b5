package fr.navette.hub.alarms;

import static fr.navette.hub.web.ApiProblem.abbreviated;
import static fr.navette.hub.web.JsonAnswers.answer;
import static fr.navette.hub.web.QueryParams.limit;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.navette.hub.alarms.AlarmStore.Acknowledgement;
import fr.navette.hub.alarms.AlarmStore.Logged;
import fr.navette.hub.text.Said;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.web.JsonAnswers;
import fr.navette.hub.web.JsonBody;
import fr.navette.hub.web.QueryParams;
import fr.navette.hub.web.StaffUser;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate alarms for staff: {@code GET /api/alarms} (the log: {@code branch}, {@code from}/{@code to} local dates
 * inclusive, {@code outcome} or {@code unacknowledged=true}, {@code limit}/{@code offset}; newest first, with the
 * total the query matched), {@code POST /api/alarms/{id}/acknowledge} ({@code {"outcome", "note"?}}: who went and how
 * it ended) and {@code GET /api/alarms/live}: each alarm as it is stored and each acknowledgement, as server-sent
 * events. Branch staff see and acknowledge their branches' alarms only ({@link StaffUser#sees}); an alarm's branch is
 * the site of the gate that rang.
 */
public final class AlarmsService implements HttpService {
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Logger LOG = LoggerFactory.getLogger(AlarmsService.class);
  static final int MAX_NOTE = 500;
  private static final int MAX_OFFSET = 10_000_000;
  private static final Pattern WHOLE = Pattern.compile("\\d{1,8}");

  private final AlarmStore alarms;
  private final AlarmFeed feed;
  private final NetworkRules rules;
  private final ZoneId zone;
  private final Clock clock;

  /** Where acknowledgements are written for the audit (who did what); none where a test serves this alone. */
  private AuditLog audit;

  /** Writes each acknowledgement in {@code log} too. */
  public AlarmsService recordingIn(AuditLog log) {
    this.audit = log;
    return this;
  }

  public AlarmsService(AlarmStore alarms, AlarmFeed feed, NetworkRules rules, ZoneId zone, Clock clock) {
    this.alarms = alarms;
    this.feed = feed;
    this.rules = rules;
    this.zone = zone;
    this.clock = clock;
  }

  /** An alarm as screens show it: branches by code and by name, the last kiosk loan, the acknowledgement if any. */
  public record View(String eventId, String site, String siteName, String deviceId, String tagUid, String itemId,
                     String direction, Instant detectedAt, String title, String callNumber, String ownerBranch,
                     String ownerBranchName, String circulationStatus, String verdict, Instant enrichedAt,
                     Checkout lastCheckout, Acknowledgement acknowledgement) {}

  /** The kiosk loan the hub saw: when, at which kiosk ({@code device}), in which branch (code and name). */
  public record Checkout(Instant at, String device, String branch, String branchName) {}

  /** A page of the log: {@code total} alarms match the query, {@code items} from {@code offset}. */
  public record LogPage(long total, int limit, int offset, List<View> items) {}

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/alarms", (req, res) -> answer(res, () -> log(req)))
        .get("/api/alarms/live", (req, res) -> live(res))
        .post("/api/alarms/{id}/acknowledge", (req, res) -> answer(res, () -> acknowledge(req)));
  }

  View view(Logged logged) {
    AlarmStore.Alarm a = logged.alarm();
    AlarmStore.LastCheckout last = a.lastCheckout();
    return new View(a.eventId(), a.site(), rules.branchName(a.site()), a.deviceId(), a.tagUid(), a.itemId(),
        a.direction(), a.detectedAt(), a.title(), a.callNumber(), a.ownerBranch(),
        a.ownerBranch() == null ? null : rules.branchName(a.ownerBranch()), a.circulationStatus(), a.verdict(),
        a.enrichedAt(), last == null ? null
            : new Checkout(last.at(), last.deviceId(), last.site(), rules.branchName(last.site())),
        logged.acknowledgement());
  }

  private LogPage log(ServerRequest req) {
    StaffUser user = StaffUser.current();
    Optional<String> branch = req.query().first("branch").filter(b -> !b.isBlank());
    Set<String> sites;
    if (branch.isPresent()) {
      if (!user.sees(branch.get())) {
        throw ApiProblem.forbidden(Said.of("error.branch-not-yours", abbreviated(branch.get())));
      }
      sites = Set.of(branch.get());
    } else {
      sites = user.seesNetwork() ? null : user.branches();
    }
    LocalDate from = QueryParams.date(req, "from", null);
    LocalDate to = QueryParams.date(req, "to", null);
    if (from != null && to != null && from.isAfter(to)) {
      throw ApiProblem.badRequest(Said.of("error.alarm-period", from, to));
    }
    boolean unacknowledged = QueryParams.flag(req, "unacknowledged");
    String outcome = req.query().first("outcome").map(AlarmsService::outcome).orElse(null);
    int limit = limit(req);
    int offset = offset(req);
    AlarmStore.Page page = alarms.log(new AlarmStore.Query(sites,
        from == null ? null : from.atStartOfDay(zone).toInstant(),
        to == null ? null : to.plusDays(1).atStartOfDay(zone).toInstant(), outcome, unacknowledged, limit, offset));
    return new LogPage(page.total(), limit, offset, page.items().stream().map(this::view).toList());
  }

  private static int offset(ServerRequest req) {
    String raw = req.query().first("offset").orElse("0");
    if (!WHOLE.matcher(raw).matches() || Integer.parseInt(raw) > MAX_OFFSET) {
      throw ApiProblem.badRequest(Said.of("error.offset", MAX_OFFSET, abbreviated(raw)));
    }
    return Integer.parseInt(raw);
  }

  private static String outcome(String raw) {
    return Outcome.fromWire(raw).map(Outcome::wire)
        .orElseThrow(() -> ApiProblem.badRequest(Said.of("error.alarm-outcome", abbreviated(raw))));
  }

  /**
   * Who went and how it ended: checked in full (outcome, note, the alarm, the asker's branches) before it is kept;
   * the first acknowledgement stands (409 to the second, naming who took it), and every open screen is told.
   */
  private View acknowledge(ServerRequest req) {
    String id = req.path().pathParameters().get("id");
    JsonBody body = JsonBody.of(req);
    String outcome = outcome(body.text("outcome"));
    Optional<String> note = body.optionalText("note").map(String::strip).filter(n -> !n.isEmpty());
    if (note.isPresent() && note.get().length() > MAX_NOTE) {
      throw ApiProblem.badRequest(Said.of("error.alarm-note", MAX_NOTE));
    }
    Logged found = alarms.find(id).orElseThrow(() -> ApiProblem.notFound(Said.of("error.no-alarm", abbreviated(id))));
    StaffUser user = StaffUser.current();
    if (!user.sees(found.alarm().site())) {
      throw ApiProblem.forbidden(Said.of("error.alarm-other-branch", rules.branchName(found.alarm().site())));
    }
    if (found.acknowledgement() != null || !alarms.acknowledge(id,
        new Acknowledgement(user.name(), clock.instant(), outcome, note.orElse(null)))) {
      Acknowledgement first = alarms.find(id).map(Logged::acknowledgement).orElseThrow();
      throw ApiProblem.conflict(Said.of("error.alarm-taken", first.by(), first.at(), first.outcome()));
    }
    Logged now = alarms.find(id).orElseThrow();
    LOG.info("alarm {} at {} acknowledged by {}: {}", id, found.alarm().site(), user.name(), outcome);
    if (audit != null) {
      audit.record("alarm-acknowledged", id, found.alarm().site() + " " + found.alarm().deviceId() + ": " + outcome);
    }
    feed.acknowledged(now);
    return view(now);
  }

  /**
   * Server-sent events: each alarm as it is stored ({@code event: alarm}) and each acknowledgement ({@code event:
   * acknowledged}), both the JSON of a log item, for the branches the asker sees; a comment every
   * {@link #KEEP_ALIVE} so that proxies keep the stream open and a gone screen is noticed. The stream ends when the
   * hub stops or the screen falls behind; browsers reconnect by themselves.
   */
  private void live(ServerResponse res) {
    StaffUser user = StaffUser.current(); // the request's: the loop below outlives nothing but this handler
    try (AlarmFeed.Watcher watcher = feed.watch()) {
      SseSink sink = res.sink(SseSink.TYPE);
      try {
        sink.emit(SseEvent.builder().comment("live alarms").build()); // a comment: no screen shows it
        while (true) {
          Optional<AlarmFeed.News> news = watcher.next(KEEP_ALIVE);
          if (news.isPresent() && !user.sees(news.get().site())) {
            continue;
          }
          sink.emit(news.isPresent()
              ? SseEvent.builder().name(news.get().event())
                  .data(JsonAnswers.JSON.writeValueAsString(view(news.get().logged()))).build()
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
}
