package fr.navette.hub.alerts;

import fr.navette.hub.events.EventStore.SequenceGap;
import fr.navette.schema.ResendRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks each device for the holes the {@link Watchdog} found in its sequence numbers: one {@code resend} command per
 * device naming its holes ({@link ResendRequest}). A hole is mostly a broker that acknowledged events to the device
 * and died before handing them on (Mosquitto keeps QoS 1 messages in memory): the device kept them a while after the
 * PUBACK and sends them again with their ids, the hub stores them once, the hole closes and its alert resolves. What
 * the device no longer has it refuses by name, and the alert stays for staff.
 *
 * <p>Not a storm: a hole is asked for again only 5 minutes after, then 10, 20, doubling up to once an hour (a
 * device that refuses, or is away, is not asked at every round); and at most {@link #PER_ROUND} devices are asked
 * per watchdog round — after a broker's death thousands of devices may show a hole at once, the rest are asked at the
 * next rounds. Harmless where nothing was lost (the embedded broker stores before its PUBACK): a late event that
 * arrives anyway is stored once. Which holes were asked is kept in memory: a restarted hub asks again.
 */
public final class GapResend {
  private static final Logger LOG = LoggerFactory.getLogger(GapResend.class);
  static final Duration FIRST_AGAIN_AFTER = Duration.ofMinutes(5);
  static final Duration AT_MOST_EVERY = Duration.ofHours(1);
  /** Devices asked per watchdog round at most. */
  static final int PER_ROUND = 200;

  /** Sends the {@code resend} command with these arguments to one device. */
  @FunctionalInterface
  public interface Sender {
    void send(String site, String deviceId, Map<String, String> args);
  }

  private record Asked(Instant at, int times) {
    boolean due(Instant now) {
      Duration wait = FIRST_AGAIN_AFTER.multipliedBy(1L << Math.min(times - 1, 10));
      return !now.isBefore(at.plus(wait.compareTo(AT_MOST_EVERY) > 0 ? AT_MOST_EVERY : wait));
    }
  }

  private final Sender sender;
  private final Clock clock;
  private final Map<String, Asked> asked = new HashMap<>(); // by the hole's subject: device:from-to

  public GapResend(Sender sender, Clock clock) {
    this.sender = sender;
    this.clock = clock;
  }

  /**
   * Asks the devices whose holes are due.
   *
   * @param gapsByDevice the holes, by device, in ascending order
   * @param siteOf a device's site (its topics'), empty for a device the registry does not know
   * @return how many devices were asked
   */
  public synchronized int ask(Map<String, List<SequenceGap>> gapsByDevice, Function<String, Optional<String>> siteOf) {
    Instant now = clock.instant();
    Set<String> open = new HashSet<>();
    gapsByDevice.values().forEach(gaps -> gaps.forEach(g -> open.add(g.subject())));
    asked.keySet().retainAll(open); // a hole closed, or changed: forgotten
    int sent = 0;
    int waiting = 0;
    for (Map.Entry<String, List<SequenceGap>> device : gapsByDevice.entrySet()) {
      List<SequenceGap> due = device.getValue().stream()
          .filter(g -> asked.get(g.subject()) == null || asked.get(g.subject()).due(now)).toList();
      if (due.isEmpty()) {
        continue;
      }
      if (sent >= PER_ROUND) {
        waiting++;
        continue;
      }
      Optional<String> site = siteOf.apply(device.getKey());
      if (site.isEmpty()) {
        continue;
      }
      Map<String, String> args = ResendRequest.args(due.stream()
          .map(g -> new ResendRequest.Range(g.from(), g.to())).toList());
      int named = ResendRequest.parse(args).size(); // the first holes, as many as one command holds
      try {
        sender.send(site.get(), device.getKey(), args);
      } catch (RuntimeException e) {
        LOG.info("device {}: resend of {} not sent: {} (asked again at a next round)", device.getKey(),
            args.get(ResendRequest.SEQUENCES), e.getMessage());
        continue;
      }
      sent++;
      for (SequenceGap gap : due.subList(0, named)) {
        Asked before = asked.get(gap.subject());
        asked.put(gap.subject(), new Asked(now, before == null ? 1 : before.times() + 1));
      }
      LOG.info("device {}: asked to send again sequences {}", device.getKey(), args.get(ResendRequest.SEQUENCES));
    }
    if (waiting > 0) {
      LOG.info("{} device(s) asked to send holes again this round, {} more at the next rounds", sent, waiting);
    }
    return sent;
  }
}
