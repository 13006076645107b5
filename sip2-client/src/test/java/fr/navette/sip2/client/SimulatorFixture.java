package fr.navette.sip2.client;

import fr.navette.sim.sigb.Hold;
import fr.navette.sim.sigb.Item;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.sim.sigb.SimulatedNetwork;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Picks items of the simulated network that fit a routing case, each at most once. */
final class SimulatorFixture {
  static final SigbSimulatorConfig.NetworkSize SMALL = new SigbSimulatorConfig.NetworkSize(15, 3000, 300);

  private SimulatorFixture() {}

  static SigbSimulatorConfig.Builder config() {
    return SigbSimulatorConfig.builder().seed(7).size(SMALL).user("hub").password("s3cret").institutionId("RESEAU");
  }

  static Sip2ClientConfig.Builder client(SigbSimulator sim) {
    return client().port(sim.port());
  }

  /** Without the port, for a simulator not started yet. */
  static Sip2ClientConfig.Builder client() {
    return Sip2ClientConfig.builder().host("127.0.0.1").user("hub").password("s3cret")
        .location("BR01").institution("RESEAU").requestTimeout(Duration.ofSeconds(5)).maxSessions(2);
  }

  static Item item(SimulatedNetwork n, Predicate<Item> p) {
    return n.items().stream().filter(p).findFirst().orElseThrow(() -> new AssertionError("no such item in the network"));
  }

  static Optional<Hold> hold(SimulatedNetwork n, Item i) {
    return n.holdFor(i.id());
  }

  /** A branch code other than the given one. */
  static String otherThan(SimulatedNetwork n, String... codes) {
    return n.branches().stream().map(b -> b.code())
        .filter(c -> java.util.Arrays.stream(codes).noneMatch(c::equals)).findFirst().orElseThrow();
  }
}
