package fr.navette.launcher.gate;

import fr.navette.gpio.MockGpio;
import fr.navette.reader.Uid;
import fr.navette.sim.devices.SimulatedTag;
import fr.navette.sim.devices.VirtualField;
import fr.navette.tag.SecurityPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People walking through a simulated gate, both ways, driving its beams on Pi4J's mock platform and carrying
 * tags through its reader's field: most carry nothing or a borrowed (disarmed) document; now and then one carries
 * a document that was not borrowed (armed), or one whose loan the SIGB recorded but whose tag was left armed
 * (a failed disarm: the alarm the hub must show as "on loan").
 */
public final class GateTraffic {
  private static final Logger LOG = LoggerFactory.getLogger(GateTraffic.class);

  /** What a walker carries. */
  public enum Carrying { NOTHING, BORROWED, NOT_BORROWED, LOAN_LEFT_ARMED }

  /** Which documents walkers take: any catalogue item, and one the SIGB has on loan, as item ids. */
  public record Documents(Supplier<String> anyItem, Supplier<String> itemOnLoan) {}

  /** Where walkers carry their tags: a reader's field, in this process or in a reader simulator of its own. */
  public interface Field {
    void put(SimulatedTag tag);

    void remove(Uid uid);

    static Field of(VirtualField field) {
      return new Field() {
        @Override
        public void put(SimulatedTag tag) {
          field.put(tag);
        }

        @Override
        public void remove(Uid uid) {
          field.remove(uid);
        }
      };
    }
  }

  private final MockGpio gpio;
  private final Field field;
  private final Documents documents;
  private final Random random;
  private final Duration step;
  private final double alarmShare;
  private final AtomicLong nextUid;
  private final AtomicLong walkers = new AtomicLong();
  private final AtomicLong armedCarried = new AtomicLong();

  /**
   * @param step time between two moves of a walker (beam broken, tag in the field, ...)
   * @param alarmShare share of walkers carrying an armed document (half not borrowed, half left armed on loan)
   */
  public GateTraffic(MockGpio gpio, Field field, Documents documents, long seed, Duration step,
                     double alarmShare, long uidBase) {
    this.gpio = gpio;
    this.field = field;
    this.documents = documents;
    this.random = new Random(seed);
    this.step = step;
    this.alarmShare = alarmShare;
    this.nextUid = new AtomicLong(uidBase);
  }

  public long walkers() {
    return walkers.get();
  }

  public long armedCarried() {
    return armedCarried.get();
  }

  /** Sends one walker through, its moves scheduled {@code step} apart on {@code timer}. */
  public void walkOne(ScheduledExecutorService timer) {
    boolean leaving = random.nextBoolean();
    double draw = random.nextDouble();
    Carrying carrying = draw < alarmShare / 2 ? Carrying.NOT_BORROWED
        : draw < alarmShare ? Carrying.LOAN_LEFT_ARMED
        : draw < 0.5 ? Carrying.BORROWED : Carrying.NOTHING;
    SimulatedTag tag = tagFor(carrying);
    String first = leaving ? "beam-a" : "beam-b";
    String second = leaving ? "beam-b" : "beam-a";
    List<Runnable> moves = List.of(
        () -> gpio.setActive(first, true),
        () -> { if (tag != null) { field.put(tag); } },
        () -> gpio.setActive(second, true),
        () -> gpio.setActive(first, false),
        () -> gpio.setActive(second, false),
        () -> { if (tag != null) { field.remove(tag.uid()); } });
    for (int i = 0; i < moves.size(); i++) {
      Runnable move = moves.get(i);
      timer.schedule(() -> {
        try {
          move.run();
        } catch (RuntimeException e) {
          LOG.warn("simulated walker: {}", e.toString());
        }
      }, step.toMillis() * i, TimeUnit.MILLISECONDS);
    }
    walkers.incrementAndGet();
    if (carrying == Carrying.NOT_BORROWED || carrying == Carrying.LOAN_LEFT_ARMED) {
      armedCarried.incrementAndGet();
      LOG.debug("a walker {} carries {} ({})", leaving ? "leaves" : "comes in", tag, carrying);
    }
  }

  private SimulatedTag tagFor(Carrying carrying) {
    if (carrying == Carrying.NOTHING) {
      return null;
    }
    String itemId = carrying == Carrying.NOT_BORROWED ? documents.anyItem().get() : documents.itemOnLoan().get();
    int afi = carrying == Carrying.BORROWED ? SecurityPolicy.ISO_ON_LOAN_AFI : SecurityPolicy.ISO_ARMED_AFI;
    return SimulatedTag.forItem(new Uid(nextUid.incrementAndGet()), itemId, "FR-751131015", afi);
  }
}
