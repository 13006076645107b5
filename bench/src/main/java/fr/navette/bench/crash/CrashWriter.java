package fr.navette.bench.crash;

import fr.navette.agent.Outbox;
import fr.navette.agent.SqliteOutbox;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.store.Database;
import fr.navette.schema.Channel;
import fr.navette.schema.EventCodec;
import fr.navette.schema.EventHeader;
import fr.navette.schema.ReturnEvent;
import fr.navette.schema.Topic;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The process {@link KillNineCampaign} kills: opens a real store as the device or the hub does at start (integrity
 * check included), prints {@code ready}, then writes return events one commit at a time, for ever, and prints
 * {@code ack <sequence> .} only once the commit has returned — what the device or the hub would then acknowledge.
 *
 * <pre>CrashWriter outbox FILE    the device's SqliteOutbox (append: one fsynced commit per event)
 * CrashWriter hub FILE       the hub's SQLite store (EventStore#insertIfAbsent in Database#inTransaction)</pre>
 */
public final class CrashWriter {
  static final String DEVICE = "box-k9";

  private CrashWriter() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
        StandardCharsets.US_ASCII);
    Path file = Path.of(args[1]);
    Clock clock = Clock.systemUTC();
    switch (args[0]) {
      case "outbox" -> {
        try (SqliteOutbox outbox = SqliteOutbox.open(file, DEVICE, clock)) {
          if (outbox.setAside().isPresent()) {
            out.println("set-aside " + outbox.setAside().get().problem());
          }
          out.println("ready");
          out.flush();
          for (;;) {
            Outbox.StoredEvent stored = outbox.append(Channel.RETURN,
                h -> EventCodec.encode(new ReturnEvent(h, item(h.sequence()), clock.instant(), false)));
            out.println("ack " + stored.sequence() + " .");
            out.flush();
          }
        }
      }
      case "hub" -> {
        try (Database db = Database.sqlite(file)) {
          EventStore events = new EventStore(db, clock);
          long sequence = db.inTransaction(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(sequence), 0) FROM events")) {
              rs.next();
              return rs.getLong(1);
            }
          });
          out.println("ready");
          out.flush();
          Topic topic = new Topic("K9", DEVICE, Channel.RETURN.wireName());
          for (;;) {
            long next = ++sequence;
            Instant now = clock.instant();
            ReturnEvent event = new ReturnEvent(new EventHeader(EventCodec.SCHEMA_VERSION, UUID.randomUUID(), DEVICE,
                next, now), item(next), now, false);
            EventStore.NewEvent row = new EventStore.NewEvent(topic, event, EventCodec.encode(event),
                EventStore.PENDING);
            db.inTransaction(c -> events.insertIfAbsent(c, List.of(row)));
            out.println("ack " + next + " .");
            out.flush();
          }
        }
      }
      default -> throw new IllegalArgumentException("outbox or hub, not " + args[0]);
    }
  }

  static String item(long sequence) {
    return "K9-" + sequence;
  }
}
