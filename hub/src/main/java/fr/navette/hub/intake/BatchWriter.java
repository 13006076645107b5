package fr.navette.hub.intake;

import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.QuarantineStore;
import fr.navette.hub.devices.DeviceRegistry;
import fr.navette.hub.events.EventStore.NewEvent;
import fr.navette.hub.events.QuarantineStore.SetAside;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.StoreFaults;
import fr.navette.schema.Channel;
import fr.navette.schema.CommandAck;
import fr.navette.schema.ConfigAck;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a batch of messages in one transaction — events, acknowledgements, and quarantine records for what
 * cannot be understood — and only then tells their senders. One commit for many is what makes a durable commit
 * per message affordable.
 *
 * <p>Poison is isolated, never retried: when a batch cannot be stored and the store itself is fine, the batch is
 * split in halves and each half stored alone, down to the one message at fault, which is quarantined with the
 * error and refused to its sender; the rest is stored as usual. When the store itself fails (disk, damaged file,
 * database gone: {@link StoreFaults}) nothing is acknowledged: senders that can be told are told to send again
 * later, the others are held and tried again.
 */
final class BatchWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
  /** How much of a topic or an error a log line or a PUBACK reason carries. */
  static final int SHOWN = 200;

  private final Database db;
  private final EventStore events;
  private final QuarantineStore quarantine;
  private final DeviceRegistry devices;
  private final Consumer<Channel> onNewEvents;
  private final IngestCounts counts;

  BatchWriter(Database db, EventStore events, QuarantineStore quarantine, DeviceRegistry devices,
              Consumer<Channel> onNewEvents, IngestCounts counts) {
    this.db = Objects.requireNonNull(db);
    this.events = Objects.requireNonNull(events);
    this.quarantine = Objects.requireNonNull(quarantine);
    this.devices = Objects.requireNonNull(devices);
    this.onNewEvents = Objects.requireNonNull(onNewEvents);
    this.counts = Objects.requireNonNull(counts);
  }

  /** One message, once sorted: exactly one of {@code event}, {@code ack}, {@code setAside}. */
  record Sorted(Incoming in, NewEvent event, Object ack, String site, SetAside setAside) {
    static Sorted event(Incoming in, NewEvent event) {
      return new Sorted(in, event, null, null, null);
    }

    static Sorted ack(Incoming in, String site, Object ack) {
      return new Sorted(in, null, ack, site, null);
    }

    static Sorted setAside(Incoming in, String reason) {
      return new Sorted(in, null, null, null, new SetAside(in.topic(), in.payload(), reason));
    }
  }

  /**
   * Stores {@code batch} and settles each message with its sender.
   *
   * @return the messages to try again later: the store failed and their senders cannot be told
   */
  List<Incoming> write(List<Sorted> batch) {
    List<Incoming> held = new ArrayList<>();
    if (db.health().failing() && !probe()) {
      notStored(batch, db.health().failure().orElse("the store is failing"), held);
      return held;
    }
    try {
      commit(batch);
    } catch (RuntimeException e) {
      if (StoreFaults.isTransient(e) || StoreFaults.isStoreFault(e) || !probe()) {
        notStored(batch, shorten(e.toString()), held);
      } else {
        isolate(batch, e, held);
      }
    }
    return held;
  }

  /** The batch failed for something in it: halves, then quarters ... down to the one message at fault. */
  private void isolate(List<Sorted> failed, RuntimeException error, List<Incoming> held) {
    if (failed.size() == 1) {
      quarantine(failed.getFirst(), error, held);
      return;
    }
    int half = failed.size() / 2;
    for (List<Sorted> part : List.of(failed.subList(0, half), failed.subList(half, failed.size()))) {
      try {
        commit(part);
      } catch (RuntimeException e) {
        if (StoreFaults.isTransient(e) || StoreFaults.isStoreFault(e)) {
          notStored(part, shorten(e.toString()), held);
        } else {
          isolate(part, e, held);
        }
      }
    }
  }

  private void quarantine(Sorted poison, RuntimeException error, List<Incoming> held) {
    Incoming in = poison.in();
    String reason = "cannot be stored: " + shorten(error.toString());
    Sorted asPoison = Sorted.setAside(in, poison.setAside() == null ? reason
        : poison.setAside().reason() + "; " + reason);
    try {
      commit(List.of(asPoison));
      LOG.error("set aside a message on {} that could not be stored ({}); the rest of its batch was stored",
          shorten(in.topic()), shorten(error.toString()));
    } catch (RuntimeException e) {
      // Not even its quarantine record can be written: refused, so that its sender keeps it.
      LOG.error("a message on {} can be neither stored nor set aside: {}; refused", shorten(in.topic()),
          shorten(e.toString()));
      notStored(List.of(poison), reason, held);
    }
  }

  private void commit(List<Sorted> batch) {
    List<SetAside> setAside = new ArrayList<>();
    List<NewEvent> candidates = new ArrayList<>();
    for (Sorted sorted : batch) {
      if (sorted.setAside() != null) {
        setAside.add(sorted.setAside());
      } else if (sorted.event() != null) {
        candidates.add(sorted.event());
      }
    }
    List<NewEvent> fresh = db.inTransaction(c -> {
      quarantine.add(c, setAside);
      List<NewEvent> inserted = events.insertIfAbsent(c, candidates);
      devices.record(c, inserted);
      for (Sorted sorted : batch) {
        switch (sorted.ack()) {
          case null -> { }
          case ConfigAck config -> devices.configAck(c, sorted.site(), config);
          case CommandAck command -> devices.commandAck(c, sorted.site(), command);
          default -> throw new IllegalStateException("not an acknowledgement: " + sorted.ack());
        }
      }
      return inserted;
    });
    db.health().wrote();
    for (Sorted sorted : batch) {
      if (sorted.setAside() != null) {
        counts.quarantined.increment();
        LOG.warn("quarantined a message on {}: {}", shorten(sorted.in().topic()), shorten(sorted.setAside().reason()));
        sorted.in().reply().setAside(shorten(sorted.setAside().reason()));
      } else {
        sorted.in().reply().stored();
      }
    }
    counts.stored.add(fresh.size());
    counts.duplicates.add(candidates.size() - fresh.size());
    if (fresh.size() < candidates.size()) {
      LOG.debug("{} duplicate event(s) acknowledged again, not applied twice", candidates.size() - fresh.size());
    }
    fresh.stream().map(e -> e.event().channel()).distinct().forEach(onNewEvents);
  }

  private void notStored(List<Sorted> batch, String why, List<Incoming> held) {
    String reason = "the hub cannot store it now (" + why + "): send it again later";
    for (Sorted sorted : batch) {
      if (sorted.in().reply().notStored(shorten(reason))) {
        counts.refusedNotStored.increment();
      } else {
        held.add(sorted.in());
      }
    }
  }

  /** Whether the store takes a write: reads can succeed while writes fail (a full disk). */
  private boolean probe() {
    try {
      db.inTransaction(c -> {
        try (PreparedStatement st = c.prepareStatement("UPDATE store_probe SET probed_at = ? WHERE probe_id = 1")) {
          st.setLong(1, System.currentTimeMillis());
          return st.executeUpdate();
        }
      });
      db.health().wrote();
      return true;
    } catch (RuntimeException e) {
      db.health().fault(shorten(e.toString()));
      return false;
    }
  }

  /**
   * What of a client's text (a topic, an error that quotes its payload) goes into a log line or a PUBACK's reason
   * string: at most {@value #SHOWN} characters, control characters and lone surrogates as '?'. MQTT forbids U+0000 in
   * a UTF-8 string and Paho's decoder refuses control characters: a reason string carrying one broke the sender's
   * connection instead of telling it why.
   */
  static String shorten(String text) {
    String cut = text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "… (" + text.length() + " characters)";
    StringBuilder safe = new StringBuilder(cut.length());
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < cut.length()
          && Character.isLowSurrogate(cut.charAt(i + 1));
      if (paired) {
        safe.append(c).append(cut.charAt(++i));
      } else if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
        safe.append('?');
      } else {
        safe.append(c);
      }
    }
    return safe.toString();
  }
}
