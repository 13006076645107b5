package fr.navette.kiosk.selfcheck;

import fr.navette.agent.ConfigRefusedException;
import fr.navette.agent.ConfigTarget;
import fr.navette.agent.DeviceRuntime;
import fr.navette.reader.RfidReader;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.HealthEvent;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A self-check kiosk as a running agent: the device runtime (outbox, MQTT session, requests, config, health),
 * the kiosk's loop over its reader, and the page Chromium shows full screen.
 *
 * <p>Network config: {@code idleTimeoutSeconds} (10 to 900); other keys are refused by name.
 */
public final class SelfCheckAgent implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SelfCheckAgent.class);
  private static final String IDLE = "idleTimeoutSeconds";

  private final DeviceRuntime runtime;
  private final Kiosk kiosk;
  private final KioskWebServer web;
  private final RfidReader reader;

  private SelfCheckAgent(KioskConfig config, RfidReader reader, DeviceRuntime.Settings settings,
                         InetSocketAddress webAddress, Optional<DemoPad> demoPad, Optional<Printer> printer,
                         Clock clock, ZoneId zone) {
    this.reader = reader;
    DeviceRuntime[] holder = new DeviceRuntime[1];
    this.kiosk = new Kiosk(config, reader, request -> holder[0].requests().ask(request),
        (channel, payload) -> holder[0].record(channel, payload), clock, zone, printer);
    this.runtime = DeviceRuntime.start(settings, new IdleTimeoutTarget(kiosk),
        () -> kiosk.readerAnswering() ? HealthEvent.ReaderState.OK : HealthEvent.ReaderState.DOWN, commands -> { },
        clock);
    holder[0] = runtime;
    kiosk.onTick(runtime.health()::heartbeat);
    printer.ifPresent(p -> runtime.health().printer(p::state));
    kiosk.start();
    this.web = KioskWebServer.start(kiosk, demoPad, webAddress);
    runtime.ready(); // systemd's READY=1 once the page serves and the kiosk's first look at the pad is done
    LOG.info("kiosk {} page at http://{}:{}/", config.deviceId(), webAddress.getHostString(), web.port());
  }

  /**
   * Starts a kiosk.
   *
   * @param webAddress where the page listens: 127.0.0.1 on a kiosk (Chromium runs on the same Pi)
   * @param demoPad demo mode only: lets the page choose what lies on the simulated pad
   */
  public static SelfCheckAgent start(KioskConfig config, RfidReader reader, DeviceRuntime.Settings settings,
                                     InetSocketAddress webAddress, Optional<DemoPad> demoPad,
                                     Optional<Printer> printer, Clock clock, ZoneId zone) {
    return new SelfCheckAgent(config, reader, settings, webAddress, demoPad, printer, clock, zone);
  }

  public int webPort() {
    return web.port();
  }

  public Kiosk kiosk() {
    return kiosk;
  }

  public DeviceRuntime runtime() {
    return runtime;
  }

  @Override
  public void close() {
    runtime.stopping();
    web.close();
    kiosk.close();
    runtime.close();
    reader.close();
  }

  /** The settings the network may change on a kiosk. */
  private record IdleTimeoutTarget(Kiosk kiosk) implements ConfigTarget {
    @Override
    public void validate(DeviceConfig config) throws ConfigRefusedException {
      for (Map.Entry<String, String> e : config.settings().entrySet()) {
        if (!e.getKey().equals(IDLE)) {
          throw new ConfigRefusedException("unknown kiosk setting '" + e.getKey() + "' (known: " + IDLE + ")");
        }
        try {
          long seconds = Long.parseLong(e.getValue().strip());
          if (seconds < 10 || seconds > 900) {
            throw new ConfigRefusedException(IDLE + " must be 10 to 900 seconds, got " + seconds);
          }
        } catch (NumberFormatException x) {
          throw new ConfigRefusedException(IDLE + " must be a whole number of seconds, got '" + e.getValue() + "'");
        }
      }
    }

    @Override
    public void apply(DeviceConfig config) {
      Optional.ofNullable(config.settings().get(IDLE)).map(String::strip).map(Long::parseLong)
          .map(Duration::ofSeconds).ifPresent(idle -> {
            kiosk.idleTimeout(idle);
            LOG.info("kiosk idle timeout now {} (config version {})", idle, config.version());
          });
    }
  }
}
