package fr.navette.launcher.demo;

import fr.navette.sim.sigb.Branch;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SimulatedNetwork;
import fr.navette.sip2.client.Sip2ClientConfig;
import fr.navette.sip2.client.Sip2SessionPool;
import fr.navette.sip2.codec.messages.HoldResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seeds' network's patrons and shuttle, on the {@link SimulatedClock}: while the libraries are open, people walk
 * through each branch's gate, borrow at its kiosk (through the kiosk's page API), place holds (SIP2, as the
 * catalogue would), and drop documents into the return boxes — into their usual branch's box, or another's for
 * 17.5 % of them; boxes take returns at night too, more rarely. The shuttle's rounds run on their timetable.
 *
 * <p>Rates are per branch and per open hour, sized for a network of 22,500 active patrons and 15 branches (about 20
 * loans a year per active patron over 250 open days of 9 hours: ~13 loans an hour per branch).
 */
public final class SeedsDay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SeedsDay.class);
  /** Per branch and open hour. */
  static final double WALKERS_PER_HOUR = 40;
  static final double KIOSK_VISITS_PER_HOUR = 5;
  static final double RETURNS_PER_HOUR = 13;
  static final double RETURNS_PER_CLOSED_HOUR = 1;
  static final double HOLDS_PER_HOUR = 2;
  /** Patrons who borrow at another branch than their own (DESIGN §10). */
  static final double ELSEWHERE = 0.175;
  private static final Duration TICK = Duration.ofMillis(100);

  private final SimulatedClock clock;
  private final SimulatedNetwork network;
  private final DemoReturns returns;
  private final DemoGates gates;
  private final DemoKiosks kiosks;
  private final DemoRounds rounds;
  private final KioskVisits visits = new KioskVisits();
  private final Sip2SessionPool catalogue;
  private final Random random;
  private final Map<String, List<Patron>> patronsByBranch = new HashMap<>();
  private final List<AtomicBoolean> kioskBusy = new ArrayList<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("seeds-day").daemon(true).unstarted(r));
  private final ExecutorService patrons = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("seeds-patron-", 0).factory());
  private final ExecutorService shuttleDriver = Executors.newSingleThreadExecutor(
      r -> Thread.ofPlatform().name("seeds-shuttle").daemon(true).unstarted(r));
  private final AtomicLong holdsPlaced = new AtomicLong();
  private final AtomicLong holdsRefused = new AtomicLong();
  private final AtomicLong kioskQueue = new AtomicLong();
  private Instant last;
  private java.time.LocalDate lastDay;

  public SeedsDay(SimulatedClock clock, SigbSimulator sigb, DemoReturns returns, DemoGates gates, DemoKiosks kiosks,
                  DemoRounds rounds, long seed) {
    this.clock = clock;
    this.network = sigb.network();
    this.returns = returns;
    this.gates = gates;
    this.kiosks = kiosks;
    this.rounds = rounds;
    this.random = new Random(seed);
    network.patrons().forEach(p -> patronsByBranch.computeIfAbsent(p.homeBranch(), b -> new ArrayList<>()).add(p));
    kiosks.kiosks().forEach(k -> kioskBusy.add(new AtomicBoolean()));
    this.catalogue = new Sip2SessionPool(Sip2ClientConfig.builder().host("127.0.0.1").port(sigb.port())
        .user(sigb.config().user()).password(sigb.config().password()).institution(sigb.config().institutionId())
        .maxSessions(2).build());
  }

  /** Starts the day at the clock's start (an opening hour). */
  public void start() {
    last = clock.instant();
    lastDay = last.atZone(clock.getZone()).toLocalDate();
    ticker.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    try {
      Instant now = clock.instant();
      double hours = Duration.between(last, now).toNanos() / 3.6e12;
      boolean open = clock.open(now);
      List<Branch> branches = network.branches();
      for (int b = 0; b < branches.size(); b++) {
        if (open) {
          for (int n = draws(WALKERS_PER_HOUR * hours); n > 0 && b < gatesCount(); n--) {
            gates.walkAt(b);
          }
          // The first branch's kiosk is left to whoever tries it by hand: a login there would end their session.
          for (int n = draws(KIOSK_VISITS_PER_HOUR * hours); n > 0 && b > 0 && b < kiosks.kiosks().size(); n--) {
            visitKiosk(b);
          }
          for (int n = draws(HOLDS_PER_HOUR * hours); n > 0; n--) {
            patrons.execute(this::placeHold);
          }
        }
        for (int n = draws((open ? RETURNS_PER_HOUR : RETURNS_PER_CLOSED_HOUR) * hours); n > 0; n--) {
          returns.aPatronReturnsSomething();
        }
      }
      for (DemoRounds.Call call : rounds.callsBetween(last, now)) {
        shuttleDriver.execute(() -> {
          try {
            rounds.call(call);
          } catch (RuntimeException e) {
            LOG.warn("round {} at {}: {}", call.route().id(), call.branch(), e.toString());
          }
        });
      }
      java.time.LocalDate today = now.atZone(clock.getZone()).toLocalDate();
      if (!today.equals(lastDay)) {
        LOG.info("seeds' network, end of {}: {}", lastDay, summary());
        lastDay = today;
      }
      last = now;
    } catch (RuntimeException e) {
      LOG.warn("seeds' day: {}", e.toString());
    }
  }

  private int gatesCount() {
    return gates.gateBranches().size();
  }

  // A Poisson-like draw: the whole part, and one more with the fraction's chance.
  private int draws(double expected) {
    int whole = (int) expected;
    return whole + (random.nextDouble() < expected - whole ? 1 : 0);
  }

  private void visitKiosk(int b) {
    AtomicBoolean busy = kioskBusy.get(b);
    if (!busy.compareAndSet(false, true)) {
      kioskQueue.incrementAndGet(); // someone is at the kiosk: this patron goes to the desk
      return;
    }
    DemoKiosks.DemoKiosk kiosk = kiosks.kiosks().get(b);
    Patron patron = patronAt(kiosk.branch().code());
    List<Item> documents = new ArrayList<>();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count * 20 && documents.size() < count; i++) {
      freeDocument(kiosk.branch().code()).filter(d -> !documents.contains(d)).ifPresent(documents::add);
    }
    patrons.execute(() -> {
      try {
        visits.visit(kiosk, patron, documents);
      } catch (java.io.IOException e) {
        LOG.warn("kiosk {}: {}", kiosk.branch().code(), e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        busy.set(false);
      }
    });
  }

  private Patron patronAt(String branch) {
    List<Patron> home = patronsByBranch.getOrDefault(branch, List.of());
    if (home.isEmpty() || random.nextDouble() < ELSEWHERE) {
      return network.patrons().get(random.nextInt(network.patrons().size()));
    }
    return home.get(random.nextInt(home.size()));
  }

  // A document on the branch's shelves: at home there, not on loan, not on hold, not one part of a set.
  private Optional<Item> freeDocument(String branch) {
    for (int tries = 0; tries < 200; tries++) {
      Item item = network.items().get(random.nextInt(network.items().size()));
      if (item.homeBranch().equals(branch) && !item.isPartOfSet() && network.loanOf(item.id()).isEmpty()
          && network.holdFor(item.id()).isEmpty() && network.transitOf(item.id()).isEmpty()) {
        return Optional.of(item);
      }
    }
    return Optional.empty();
  }

  private void placeHold() {
    Patron patron = network.patrons().get(random.nextInt(network.patrons().size()));
    Item item = network.items().get(random.nextInt(network.items().size()));
    try {
      HoldResponse answer = catalogue.hold('+', patron.id(), item.id(), Optional.of(patron.homeBranch()),
          Optional.of(patron.pin()));
      (answer.ok() ? holdsPlaced : holdsRefused).incrementAndGet();
    } catch (RuntimeException e) {
      holdsRefused.incrementAndGet();
      LOG.debug("hold: {}", e.toString());
    }
  }

  /** What happened so far, for the log and the bench. */
  public String summary() {
    return String.format(java.util.Locale.ROOT,
        "%d gate crossings (%d with an armed document), %d kiosk sessions (%d refused at login, %d patrons sent to"
            + " the desk), %d documents lent (%d refused), %d returns in boxes, %d holds placed (%d refused),"
            + " %d round calls, %d crates sent (%d documents), %d crates received (%d documents delivered, %d relayed"
            + " at the depot; delivered after a relay, by last round: %s)",
        gates.walkers(), gates.armedCarried(), visits.sessions(), visits.refusedLogins(), kioskQueue.get(),
        visits.lent(), visits.notLent(), returns.returns(), holdsPlaced.get(), holdsRefused.get(), rounds.calls(),
        rounds.cratesSent(), rounds.documentsSent(), rounds.cratesArrived(), rounds.documentsDelivered(),
        rounds.documentsRelayed(), rounds.deliveredAfterRelay());
  }

  public KioskVisits visits() {
    return visits;
  }

  public long holdsPlaced() {
    return holdsPlaced.get();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    shuttleDriver.shutdownNow();
    patrons.shutdownNow();
    try {
      ticker.awaitTermination(5, TimeUnit.SECONDS);
      shuttleDriver.awaitTermination(10, TimeUnit.SECONDS);
      patrons.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    catalogue.close();
    LOG.info("seeds' network at {}: {}", clock.instant().atZone(clock.getZone()).toLocalDateTime(), summary());
  }
}
