package fr.navette.hub.transits;

import static fr.navette.hub.web.ApiProblem.abbreviated;
import static fr.navette.hub.web.JsonAnswers.answer;
import static fr.navette.hub.web.QueryParams.limit;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import fr.navette.hub.text.Said;
import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.web.ApiProblem;
import fr.navette.hub.web.JsonBody;
import fr.navette.hub.web.QueryParams;
import fr.navette.hub.web.RequestLanguage;
import fr.navette.hub.web.StaffUser;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The shuttle over HTTP: transits (a paginated, filtered list with its true total; pack, close), crates worked
 * from the staff's screen (open, read documents into, close and label), rounds and their departures, arrivals by
 * crate or document, manifests. What the {@link Shuttle} refuses is a 404 (no such transit, crate or route), a 409
 * (it says no, and why) or a 400 (an unknown branch); a branch outside the asker's is a 403. Each answer to staff
 * carries a {@code message} in their language (French unless they chose English), and who did it is stored.
 */
public final class ShuttleService implements HttpService {
  /** Finished transits (arrived, closed, kept) older than this leave the list's default view ({@code ?days=}). */
  static final int DEFAULT_DAYS = 7;
  private static final Pattern DAYS = Pattern.compile("\\d{1,4}");
  private static final Pattern OFFSET = Pattern.compile("\\d{1,9}");

  private final Shuttle shuttle;
  private final TransitStore transits;
  private final Clock clock;

  /** Where crates closed, departures and arrivals are written for the audit; none where a test serves this alone. */
  private AuditLog audit;

  /** Writes what staff do to crates and rounds in {@code log} too. */
  public ShuttleService recordingIn(AuditLog log) {
    this.audit = log;
    return this;
  }

  private void audit(String action, String subject, String detail) {
    if (audit != null) {
      audit.record(action, subject, detail);
    }
  }

  public ShuttleService(Shuttle shuttle, TransitStore transits, Clock clock) {
    this.shuttle = shuttle;
    this.transits = transits;
    this.clock = clock;
  }

  /**
   * A transit as the API shows it: its record, whether it is overdue now, and its branches' names. {@code toName}
   * is where this leg ends (where the van takes it), {@code destinationName} where the document goes;
   * {@code viaName} names the relay this leg ends at, null on a leg to the destination.
   */
  public record TransitView(@JsonUnwrapped Transit transit, boolean overdue, String fromName, String toName,
                            String destinationName, String viaName) {}

  /** One page of the transit list: {@code total} is how many match the filter in all, not how many are here. */
  public record TransitPage(long total, int offset, int limit, List<TransitView> items) {}

  /** A crate as the API shows it: its record, its branches' and round's names. */
  public record CrateView(@JsonUnwrapped Crate crate, String fromName, String toName, String routeName) {}

  /** A crate and the documents in it (the label page, the packing page). */
  public record CrateContents(CrateView crate, List<TransitView> documents) {}

  /**
   * A document read into a crate: where it goes, said big on the packing page. {@code destination} is the crate's
   * (the leg's end); {@code goesOnTo} the document's own destination when the crate's is a relay, else null.
   */
  public record PackAnswer(String outcome, String message, String itemId, String title, String destination,
                           String destinationName, String routeName, CrateView crate, String goesOnTo,
                           String goesOnToName) {
    PackAnswer(String outcome, String message, String itemId, String title, String destination,
               String destinationName, String routeName, CrateView crate) {
      this(outcome, message, itemId, title, destination, destinationName, routeName, crate, null, null);
    }
  }

  /** A round left: documents and crates on the road. {@code onRoad} as before the screen's crates. */
  public record DepartureAnswer(int onRoad, int crates, int stillOpen, String message) {}

  /** An arrival read: {@code arrived} as before; outcome arrived, nothing or elsewhere. */
  public record ArrivalAnswer(int arrived, String outcome, String message, String goesTo, String goesToName,
                              CrateView crate, TransitView transit, int relayed) {}

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/api/transits", (req, res) -> answer(res, () -> list(req)))
        .post("/api/transits/{id}/pack", (req, res) -> answer(res, () -> {
          String crate = JsonBody.of(req).text("crate");
          String id = req.path().pathParameters().get("id");
          transits.find(id).ifPresent(t -> mustSee(t.fromBranch()));
          return shuttleSays(() -> shuttle.pack(id, crate, who()));
        }))
        .post("/api/transits/{id}/close", (req, res) -> answer(res, () -> {
          JsonBody.allowEmpty(req);
          String id = req.path().pathParameters().get("id");
          Transit transit = transits.find(id).orElseThrow(() -> ApiProblem.notFound(Said.of("error.no-transit",
              abbreviated(id))));
          mustSee(transit.toBranch(), transit.destination());
          if (!transits.close(id, clock.instant())) {
            throw ApiProblem.conflict("only an arrived transit can be closed; this one is " + transit.status());
          }
          return Map.of("closed", true);
        }))
        // The packing page's desk: who packs, their home branch (shown first), the branches they may work at.
        .get("/api/shuttle/desk", (req, res) -> answer(res, () -> {
          StaffUser user = StaffUser.current();
          List<Map<String, String>> all = knownBranches().stream()
              .map(b -> Map.of("code", b, "name", name(b))).toList();
          List<Map<String, String>> mine = all.stream().filter(b -> user.sees(b.get("code"))).toList();
          Map<String, Object> desk = new java.util.LinkedHashMap<>();
          desk.put("user", user.name());
          desk.put("role", user.role().wire());
          desk.put("homeBranch", user.seesNetwork() ? null : user.homeBranch().orElseThrow());
          desk.put("branches", mine);
          desk.put("allBranches", all);
          return desk;
        }))
        .get("/api/crates", (req, res) -> answer(res, () -> {
          String branch = branchOf(req.query().first("branch").filter(b -> !b.isBlank()));
          List<String> statuses = req.query().first("status").filter(s -> !s.isBlank())
              .map(s -> Arrays.stream(s.split(",")).map(String::trim).toList()).orElse(List.of());
          for (String s : statuses) {
            if (!List.of(Crate.OPEN, Crate.CLOSED, Crate.DEPARTED, Crate.ARRIVED).contains(s)) {
              throw ApiProblem.badRequest("status must be among open, closed, departed, arrived; got '"
                  + abbreviated(s) + "'");
            }
          }
          return transits.crates().atBranch(branch, statuses, limit(req)).stream().map(this::view).toList();
        }))
        .post("/api/crates", (req, res) -> answer(res, () -> {
          JsonBody body = JsonBody.of(req);
          String branch = branchOf(body.optionalText("branch").filter(b -> !b.isBlank()));
          Optional<String> to = body.optionalText("destination").filter(d -> !d.isBlank());
          Crate crate = shuttleSays(() -> shuttle.openCrate(branch, to.orElse(null), who()));
          return new PackAnswer("opened", say(to.isPresent()
              ? Said.of("shuttle.crate-opened", crate.crateId(), name(to.get()))
              : Said.of("shuttle.crate-opened-undecided", crate.crateId())), null, null, crate.toBranch(),
              crate.toBranch() == null ? null : name(crate.toBranch()), null, view(crate));
        }))
        .get("/api/crates/{id}", (req, res) -> answer(res, () -> {
          Crate crate = shuttleSays(() -> shuttle.crate(req.path().pathParameters().get("id")));
          mustSee(crate.fromBranch(), crate.toBranch());
          return new CrateContents(view(crate), transits.inCrate(crate.crateId()).stream().map(this::view).toList());
        }))
        .post("/api/crates/{id}/documents", (req, res) -> answer(res, () -> {
          String itemId = JsonBody.of(req).text("itemId").strip();
          Crate crate = shuttleSays(() -> shuttle.crate(req.path().pathParameters().get("id")));
          mustSee(crate.fromBranch());
          Shuttle.Packed packed = shuttleSays(() -> shuttle.readIntoCrate(crate.crateId(), itemId, who()));
          Transit t = packed.transit();
          Object route = shuttle.roundName(t.fromBranch(), t.toBranch());
          String message = say(packed.already()
              ? Said.of("shuttle.already-packed", name(t.toBranch())) : Said.of("shuttle.packed", name(t.toBranch()),
              route));
          // A relay leg: the crate goes to the depot, the document further; staff read both.
          if (t.endsAtRelay()) {
            message += " " + say(Said.of("shuttle.goes-on", name(t.destination())));
          }
          return new PackAnswer(packed.already() ? "already" : "packed", message, t.itemId(), t.title(), t.toBranch(),
              name(t.toBranch()), route instanceof Said s ? say(s) : route.toString(), view(packed.crate()),
              t.endsAtRelay() ? t.destination() : null, t.endsAtRelay() ? name(t.destination()) : null);
        }))
        .post("/api/crates/{id}/close", (req, res) -> answer(res, () -> {
          JsonBody.allowEmpty(req);
          Crate crate = shuttleSays(() -> shuttle.crate(req.path().pathParameters().get("id")));
          mustSee(crate.fromBranch());
          Crate closed = shuttleSays(() -> shuttle.closeCrate(crate.crateId(), who()));
          audit("crate-closed", closed.crateId(), closed.documents() + " document(s) " + closed.fromBranch() + " → "
              + closed.toBranch());
          return new PackAnswer("closed", say(Said.of("shuttle.crate-closed", closed.crateId(), closed.documents(),
              name(closed.toBranch()))), null, null, closed.toBranch(), name(closed.toBranch()),
              view(closed).routeName(), view(closed));
        }))
        .post("/api/arrivals", (req, res) -> answer(res, () -> {
          JsonBody body = JsonBody.of(req);
          String branch = body.text("branch");
          Optional<String> crate = body.optionalText("crate").map(String::strip).filter(c -> !c.isBlank());
          Optional<String> itemId = body.optionalText("itemId").map(String::strip).filter(i -> !i.isBlank());
          if (crate.isEmpty() && itemId.isEmpty()) {
            throw ApiProblem.badRequest(Said.of("error.crate-or-item"));
          }
          mustSee(branch);
          Shuttle.Arrival arrival = shuttleSays(() -> crate.isPresent()
              ? shuttle.arriveCrate(branch, crate.get(), who()) : shuttle.arriveItem(branch, itemId.get(), who()));
          audit("arrival", crate.orElse(itemId.orElse("")), "at " + branch);
          return arrivalAnswer(arrival, crate, itemId);
        }))
        .get("/api/routes", (req, res) -> answer(res, () -> shuttle.rules().routes()))
        // The network's branches as it names them: every page shows names, never bare codes.
        .get("/api/branches", (req, res) -> answer(res, () -> shuttle.rules().branchNames().entrySet().stream()
            .map(e -> java.util.Map.of("code", e.getKey(), "name", e.getValue())).toList()))
        .post("/api/routes/{route}/departures", (req, res) -> answer(res, () -> {
          String branch = JsonBody.of(req).text("branch");
          String route = req.path().pathParameters().get("route");
          Shuttle.Departure d = shuttleSays(() -> {
            shuttle.rules().route(route).orElseThrow(() -> ShuttleException.notFound("no route " + route));
            return d0(route, branch);
          });
          audit("departure", route, "from " + branch + ": " + d.crates() + " crate(s), " + d.documents()
              + " document(s)");
          String message = say(Said.of("shuttle.departed", d.route().name(), name(branch), d.crates(), d.documents()))
              + (d.stillOpen() > 0 ? ". " + say(Said.of("shuttle.still-open", d.stillOpen())) : "");
          return new DepartureAnswer(d.documents(), d.crates(), d.stillOpen(), message);
        }))
        .get("/api/manifests", (req, res) -> answer(res, () -> {
          String route = QueryParams.required(req, "route", "?route=north");
          return shuttleSays(() -> shuttle.manifest(route, QueryParams.date(req, clock)));
        }));
  }

  private Shuttle.Departure d0(String route, String branch) {
    // A route that does not call at the branch is the shuttle's 409 (it names the branch); only a branch it calls
    // at is checked against the asker's.
    if (shuttle.rules().route(route).map(r -> r.stops().contains(branch)).orElse(false)) {
      mustSee(branch);
    }
    return shuttle.depart(route, branch, who());
  }

  private ArrivalAnswer arrivalAnswer(Shuttle.Arrival a, Optional<String> crate, Optional<String> itemId) {
    CrateView crateView = a.crate() == null ? null : view(a.crate());
    TransitView transit = a.transit() == null ? null : view(a.transit());
    String what = a.transit() != null && a.transit().title() != null ? a.transit().title()
        : itemId.orElse(crate.orElse(""));
    Said message = switch (a.outcome()) {
      case "arrived" -> crate.isPresent()
          ? Said.of("shuttle.crate-arrived", crate.get(), a.crate() == null ? "?" : name(a.crate().fromBranch()),
              a.documents())
          : Said.of("shuttle.item-arrived", what);
      case "elsewhere" -> Said.of("shuttle.item-elsewhere", name(a.goesTo()));
      case "relayed" -> Said.of("shuttle.item-relayed", what, name(a.goesTo()),
          name(a.transit() == null ? a.goesTo() : a.transit().destination()));
      default -> crate.isPresent() ? Said.of("shuttle.crate-nothing", crate.get())
          : Said.of("shuttle.item-nothing", itemId.orElse(""));
    };
    String said = say(message);
    if (crate.isPresent() && a.relayed() > 0) {
      // Part of the crate goes on from this relay: staff must pack it again, not shelve it.
      said += ". " + say(Said.of("shuttle.crate-relayed", a.relayed()));
    }
    return new ArrivalAnswer(a.documents(), a.outcome(), said, a.goesTo(),
        a.goesTo() == null ? null : name(a.goesTo()), crateView, transit, a.relayed());
  }

  /** {@code GET /api/transits}: one page, filtered, with the true total; overdue ones first. */
  private TransitPage list(ServerRequest req) {
    StaffUser user = StaffUser.current();
    List<String> from = branches(req, "from");
    List<String> to = branches(req, "to");
    from.forEach(this::mustSee);
    to.forEach(this::mustSee);
    // Branch staff see their branches' transits (leaving or coming) unless they chose one of theirs.
    List<String> either = user.seesNetwork() || !from.isEmpty() || !to.isEmpty() ? List.of()
        : List.copyOf(new TreeSet<>(user.branches()));
    Optional<String> route = req.query().first("route").filter(r -> !r.isBlank());
    if (route.isPresent() && shuttle.rules().route(route.get()).isEmpty()) {
      throw ApiProblem.notFound("no route " + abbreviated(route.get()));
    }
    boolean all = QueryParams.flag(req, "all");
    int days = days(req);
    Instant now = clock.instant();
    Duration overdueAfter = shuttle.rules().transitOverdueAfter();
    TransitStore.Filter filter = new TransitStore.Filter(statuses(req), from, to, either, route.orElse(null),
        QueryParams.flag(req, "overdue"), all ? null : now.minus(Duration.ofDays(days)));
    int offset = offset(req);
    int limit = limit(req);
    TransitStore.Page page = transits.page(filter, now.minus(overdueAfter), offset, limit);
    return new TransitPage(page.total(), offset, limit, page.items().stream().map(this::view).toList());
  }

  private TransitView view(Transit t) {
    return new TransitView(t, t.overdue(clock.instant(), shuttle.rules().transitOverdueAfter()),
        name(t.fromBranch()), name(t.toBranch()), name(t.destination()), t.endsAtRelay() ? name(t.toBranch()) : null);
  }

  private CrateView view(Crate c) {
    String routeName = c.routeId() != null ? shuttle.rules().route(c.routeId()).map(Route::name).orElse(c.routeId())
        : c.toBranch() == null ? null : shuttle.rules().routeFor(c.fromBranch(), c.toBranch()).map(Route::name)
            .orElse(null);
    return new CrateView(c, name(c.fromBranch()), c.toBranch() == null ? null : name(c.toBranch()), routeName);
  }

  /** The network's branches: those it names, in its order, then any other a round calls at. */
  private List<String> knownBranches() {
    java.util.LinkedHashSet<String> codes = new java.util.LinkedHashSet<>(shuttle.rules().branchNames().keySet());
    shuttle.rules().routes().forEach(r -> codes.addAll(r.stops()));
    return List.copyOf(codes);
  }

  private String name(String branch) {
    return shuttle.rules().branchName(branch);
  }

  private static String say(Said text) {
    return text.in(RequestLanguage.current());
  }

  private static String who() {
    return StaffUser.current().name();
  }

  /** 403 unless the asker works at one of {@code branches} (a crate concerns its two ends). */
  private void mustSee(String... branches) {
    StaffUser user = StaffUser.current();
    for (String b : branches) {
      if (b != null && user.sees(b)) {
        return;
      }
    }
    throw ApiProblem.forbidden(Said.of("shuttle.not-your-branch", branches.length == 0 ? "?" : name(branches[0])));
  }

  /**
   * The branch a request works at: the one it names (which the asker must see), else branch staff's home branch;
   * coordinators choose.
   */
  private String branchOf(Optional<String> named) {
    StaffUser user = StaffUser.current();
    if (named.isPresent()) {
      mustSee(named.get());
      return named.get();
    }
    if (user.seesNetwork()) {
      throw ApiProblem.badRequest("branch is required (the branch you are at, e.g. BR01)");
    }
    return user.homeBranch().orElseThrow();
  }

  private static List<String> branches(ServerRequest req, String name) {
    return req.query().first(name).filter(s -> !s.isBlank())
        .map(s -> Arrays.stream(s.split(",")).map(String::trim).filter(b -> !b.isEmpty()).distinct().toList())
        .orElse(List.of());
  }

  private static int days(ServerRequest req) {
    String raw = req.query().first("days").orElse(null);
    if (raw == null) {
      return DEFAULT_DAYS;
    }
    if (!DAYS.matcher(raw).matches() || Integer.parseInt(raw) < 1) {
      throw ApiProblem.badRequest("days must be a whole number from 1 to 9999, got '" + abbreviated(raw) + "'");
    }
    return Integer.parseInt(raw);
  }

  private static int offset(ServerRequest req) {
    String raw = req.query().first("offset").orElse("0");
    if (!OFFSET.matcher(raw).matches()) {
      throw ApiProblem.badRequest("offset must be a whole number from 0, got '" + abbreviated(raw) + "'");
    }
    return Integer.parseInt(raw);
  }

  /** What the shuttle refuses, as the API says it: no such thing (404), no (409) or an unknown branch (400). */
  private static <T> T shuttleSays(Supplier<T> decision) {
    try {
      return decision.get();
    } catch (ShuttleException e) {
      // The shuttle's own refusals are texts of the hub, said in the request's language.
      throw switch (e.kind()) {
        case NOT_FOUND -> e.text().map(ApiProblem::notFound).orElseGet(() -> ApiProblem.notFound(e.getMessage()));
        case BAD_REQUEST -> e.text().map(ApiProblem::badRequest).orElseGet(() -> ApiProblem.badRequest(e.getMessage()));
        case CONFLICT -> e.text().map(ApiProblem::conflict).orElseGet(() -> ApiProblem.conflict(e.getMessage()));
      };
    }
  }

  /** {@code status=open,packed,…}: none means every status. */
  static List<TransitStatus> statuses(ServerRequest req) {
    String raw = req.query().first("status").orElse("");
    if (raw.isBlank()) {
      return List.of();
    }
    try {
      return Arrays.stream(raw.split(",")).map(String::trim).map(TransitStatus::of).toList();
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("status must be among open, packed, on-road, arrived, relayed, closed, kept; got '"
          + abbreviated(raw) + "'");
    }
  }
}
