package fr.navette.kiosk.returnbox;

import fr.navette.agent.DeviceSession;
import fr.navette.agent.OutboxForwarder;
import fr.navette.agent.SqliteOutbox;
import fr.navette.reader.ReaderException;
import fr.navette.reader.RfidReader;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A return box as a running agent: its reader loop, its durable outbox and the MQTT session that drains it.
 * One loop thread owns the reader; a failing poll is logged and the loop goes on.
 */
public final class ReturnBoxAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReturnBoxAgent.class);

  private final ReturnBoxConfig config;
  private final RfidReader reader;
  private final SqliteOutbox outbox;
  private final DeviceSession session;
  private final OutboxForwarder forwarder;
  private final ReturnBox box;
  private final Thread loop;
  private volatile boolean running = true;

  public ReturnBoxAgent(ReturnBoxConfig config, RfidReader reader, Path outboxFile, String brokerUri, Clock clock,
                        ReturnBox.ReturnListener listener) {
    this.config = config;
    this.reader = reader;
    this.outbox = SqliteOutbox.open(outboxFile, config.deviceId(), clock);
    this.session = new DeviceSession(brokerUri, config.site(), config.deviceId());
    this.forwarder = new OutboxForwarder(outbox, session, config.deviceId());
    this.box = new ReturnBox(config, reader, outbox, forwarder::wakeUp, clock, listener);
    this.loop = Thread.ofPlatform().name("box-" + config.deviceId()).daemon(true).unstarted(this::run);
  }

  public void start() {
    session.connect();
    forwarder.start();
    loop.start();
    LOG.info("return box {} at {} started", config.deviceId(), config.site());
  }

  public long outboxDepth() {
    return outbox.depth();
  }

  private void run() {
    while (running) {
      try {
        box.poll();
      } catch (ReaderException e) {
        LOG.warn("box {}: reader: {}", config.deviceId(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.error("box {}: {}", config.deviceId(), e.toString(), e);
      }
      try {
        Thread.sleep(config.pollInterval());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    loop.interrupt();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    forwarder.close();
    session.close();
    outbox.close();
    reader.close();
  }
}
