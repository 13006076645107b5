package fr.navette.gate.reading;

import fr.navette.gate.alarm.AlarmDecision;
import fr.navette.gate.alarm.AlarmOutputs;
import fr.navette.gate.alarm.HoldOff;
import fr.navette.gate.alarm.ItemIdentity;
import fr.navette.gate.config.GateConfig;
import fr.navette.gate.passage.Passages;
import fr.navette.reader.EasState;
import fr.navette.reader.InventoryEntry;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import fr.navette.reader.Uid;
import fr.navette.schema.AlarmEvent.Direction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate's one reading loop: inventory, decide, fire, then tell. It owns the reader. The alarm path —
 * inventory reply → {@link AlarmDecision} → {@link AlarmOutputs#fire} — stays on this thread and touches neither
 * network nor disk; only after the outputs are on does the loop read the document's identity and hand the
 * {@link Detection} to the sink (which stores and publishes it on threads of its own). A failing pass is logged
 * and the loop goes on; a failing reader is retried, its outage shown in {@link ReaderHealth}.
 */
public final class GateLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GateLoop.class);
  private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

  private final RfidReader reader;
  private final AlarmOutputs outputs;
  private final Passages passages;
  private final Supplier<GateConfig> config;
  private final Consumer<Detection> sink;
  private final Runnable heartbeat;
  private final Consumer<String> problems;
  private final Clock clock;
  private final ReaderHealth health;
  private final HoldOff holdOff = new HoldOff();
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param config the config in force, read at each pass (tunables may change while the gate runs)
   * @param sink told of each alarm once the outputs are on; must not block for long (hand work to a thread)
   * @param heartbeat called at each pass (the health monitor's stall detection)
   * @param problems told when the reader goes down and when its outage ends (health's last error)
   */
  public GateLoop(RfidReader reader, AlarmOutputs outputs, Passages passages, Supplier<GateConfig> config,
                  Consumer<Detection> sink, Runnable heartbeat, Consumer<String> problems, Clock clock) {
    this.reader = reader;
    this.outputs = outputs;
    this.passages = passages;
    this.config = config;
    this.sink = sink;
    this.heartbeat = heartbeat;
    this.problems = problems;
    this.clock = clock;
    this.health = new ReaderHealth(clock);
    this.thread = Thread.ofPlatform().name("gate-reading-" + config.get().deviceId()).daemon(true)
        .unstarted(this::run);
  }

  public GateLoop start() {
    thread.start();
    return this;
  }

  public ReaderHealth readerHealth() {
    return health;
  }

  private void run() {
    while (running) {
      GateConfig c = config.get();
      try {
        pass(c);
        health.succeeded().ifPresent(outage -> {
          LOG.warn("gate {}: reader back; {}", c.deviceId(), outage.describe());
          problems.accept(outage.describe());
        });
        pause(c.readerPause());
      } catch (ReaderException e) {
        if (health.failed(e)) {
          LOG.error("gate {}: reader DOWN, alarms cannot fire until it is back: {}", c.deviceId(), e.getMessage());
          health.currentProblem().ifPresent(problems);
        } else {
          LOG.debug("gate {}: reader: {}", c.deviceId(), e.getMessage());
        }
        pause(RETRY_PAUSE);
      } catch (RuntimeException e) {
        LOG.error("gate {}: reading pass failed, going on: {}", c.deviceId(), e.toString(), e);
        pause(RETRY_PAUSE);
      }
      heartbeat.run();
    }
  }

  /** One look at the field. */
  private void pass(GateConfig c) throws ReaderException {
    List<Uid> fired = null;
    List<Direction> directions = null;
    for (int filter : c.security().inventoryFilters()) {
      List<InventoryEntry> seen = reader.inventory(filter, c.readerTimeout());
      long now = System.nanoTime();
      for (InventoryEntry entry : seen) {
        OptionalLong lastFired = holdOff.lastFired(entry.uid());
        if (lastFired.isPresent() && now - lastFired.getAsLong() < c.holdOff().toNanos()) {
          continue; // quiet: no need to ask the tag anything
        }
        // Readers report no EAS state in an inventory: ask the tag (one more round trip, EAS security only).
        InventoryEntry known = c.security().usesEas() && entry.eas() == EasState.UNKNOWN ? withEas(entry, c) : entry;
        if (AlarmDecision.fires(known, c.security(), lastFired, now, c.holdOff())) {
          if (fired == null) {
            outputs.fire(c.pattern()); // the alarm path ends here: the light and buzzer are on
            fired = new ArrayList<>(2);
            directions = new ArrayList<>(2);
          }
          holdOff.fired(known.uid(), now);
          fired.add(known.uid());
          directions.add(passages.directionAt(now)); // who was crossing when the tag was read
        }
      }
      holdOff.forgetOlderThan(c.holdOff(), now);
    }
    if (fired != null) {
      for (int i = 0; i < fired.size(); i++) {
        tell(fired.get(i), directions.get(i), c);
      }
    }
  }

  private InventoryEntry withEas(InventoryEntry entry, GateConfig c) throws ReaderException {
    EasState eas = reader.readEas(entry.uid(), c.readerTimeout());
    return new InventoryEntry(entry.uid(), entry.dsfid(), entry.afi(), eas);
  }

  private void tell(Uid uid, Direction direction, GateConfig c) {
    Instant detectedAt = clock.instant();
    ItemIdentity identity = ItemIdentity.read(reader, uid, c.readerTimeout());
    Detection detection = new Detection(uid, identity, c.antenna(), direction, detectedAt);
    LOG.info("gate {}: ALARM tag {} item {} direction {}", c.deviceId(), uid,
        identity.itemId().orElse("unknown (" + identity.problem().orElse("") + ")"), direction);
    try {
      sink.accept(detection);
    } catch (RuntimeException e) {
      LOG.error("gate {}: alarm of tag {} not handed on: {}", c.deviceId(), uid, e.toString());
    }
  }

  private static void pause(Duration d) {
    if (!d.isZero()) {
      LockSupport.parkNanos(d.toNanos());
    }
  }

  /** Current problem of the reader, for health's last error. */
  public Optional<String> readerProblem() {
    return health.currentProblem();
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
