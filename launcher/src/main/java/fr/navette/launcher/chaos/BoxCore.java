package fr.navette.launcher.chaos;

import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.EnrolledDevice;
import fr.navette.gpio.MockGpio;
import fr.navette.identity.DeviceKind;
import fr.navette.gpio.PinSpec;
import fr.navette.kiosk.returnbox.Bin;
import fr.navette.kiosk.returnbox.BinPlan;
import fr.navette.kiosk.returnbox.ReturnBox;
import fr.navette.kiosk.returnbox.ReturnBoxAgent;
import fr.navette.kiosk.returnbox.ReturnBoxConfig;
import fr.navette.reader.Uid;
import fr.navette.schema.ReturnProblemEvent;
import fr.navette.schema.SigbResponse;
import fr.navette.sim.devices.SimulatedReader;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One real return box of the run — {@link ReturnBoxAgent} with its durable outbox, MQTT 5 session, Pi4J's mock
 * slot sensor and a simulated reader — and the patron's gesture: a tagged document laid in the reader's field as it
 * crosses the slot's beam. Used in the run's JVM and in a box process of its own alike.
 */
final class BoxCore implements AutoCloseable {
  static final PinSpec SLOT = PinSpec.activeLow("slot", 17);

  /** What became of one document dropped into the slot; {@code trueAt}: the true time it was dropped. */
  enum Outcome { ACCEPTED, REFUSED, NO_ANSWER }

  record Dropped(Outcome outcome, Instant trueAt, long lastSequence) {}

  private final VirtualField field = new VirtualField();
  private final MockGpio gpio = MockGpio.create();
  private final OffsetClock clock = new OffsetClock();
  private final AtomicReference<CompletableFuture<Outcome>> waiting = new AtomicReference<>();
  private final ReturnBoxAgent agent;

  /**
   * @param identityDir the box's enrolled identity (key, certificate, network CA): it connects over mutual TLS
   * @param brokerUri where it connects ({@code ssl://}): the run's relay in front of the hub's broker
   */
  BoxCore(String site, String deviceId, Path identityDir, String brokerUri, Path dataDir, List<String> networkIsils,
          Duration clockOffset) {
    clock.set(clockOffset);
    EnrolledDevice identity = EnrolledDevice.load(identityDir);
    identity.requireSame(site, deviceId, Set.of(DeviceKind.RETURN_BOX));
    DeviceRuntime.Settings settings = DeviceRuntime.Settings.of(
            // the product's reconnect (1 s doubling to 20 s, jittered): the recovery times are a real box's
            identity.session(Optional.of(brokerUri)), dataDir)
        // health every 2 s: the hub's watchdog (a few seconds in a chaos run) hears a connected box as alive
        .withHealthInterval(ChaosRun.HEALTH_EVERY);
    agent = new ReturnBoxAgent(ReturnBoxConfig.of(site, deviceId).withNetworkIsils(networkIsils),
        new ReturnBoxAgent.Wiring(gpio, BinPlan.fiveBins(), Optional.of(SLOT)), new SimulatedReader(field),
        settings, clock, new FallsIntoTheBin());
    agent.start();
  }

  /** A patron drops the document {@code itemId} (tagged for {@code ownerIsil}); waits up to {@code wait} for the box. */
  Dropped drop(long uid, String itemId, String ownerIsil, Duration wait) {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    waiting.set(outcome);
    Uid tagUid = new Uid(uid);
    field.put(SimulatedTag.forItem(tagUid, itemId, ownerIsil, SecurityPolicy.ISO_ON_LOAN_AFI));
    Instant trueAt = Instant.now();
    gpio.setActive(SLOT.name(), true);
    gpio.setActive(SLOT.name(), false);
    Outcome result;
    try {
      result = outcome.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      result = Outcome.NO_ANSWER;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = Outcome.NO_ANSWER;
    }
    field.remove(tagUid);
    return new Dropped(result, trueAt, agent.lastSequence());
  }

  void clockOffset(Duration offset) {
    clock.set(offset);
  }

  long lastSequence() {
    return agent.lastSequence();
  }

  long outboxDepth() {
    return agent.outboxDepth();
  }

  boolean hubReachable() {
    return agent.hubReachable();
  }

  @Override
  public void close() {
    agent.close();
    gpio.close();
  }

  private final class FallsIntoTheBin implements ReturnBox.ReturnListener {
    @Override
    public void accepted(Uid uid, String itemId, boolean rearmed, Bin bin, Optional<SigbResponse> answer) {
      field.remove(uid);
      Optional.ofNullable(waiting.getAndSet(null)).ifPresent(f -> f.complete(Outcome.ACCEPTED));
    }

    @Override
    public void refused(Optional<Uid> uid, ReturnProblemEvent.Problem problem, String detail, Bin bin) {
      uid.ifPresent(field::remove);
      Optional.ofNullable(waiting.getAndSet(null)).ifPresent(f -> f.complete(Outcome.REFUSED));
    }
  }
}
