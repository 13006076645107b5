package fr.navette.agent;

import fr.navette.schema.Channel;
import fr.navette.schema.Command;
import fr.navette.schema.EventHeader;
import fr.navette.schema.HealthEvent;
import fr.navette.schema.ResendRequest;
import fr.navette.schema.SchemaException;
import fr.navette.identity.EnrolmentClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Everything an agent stands on, put together in the right order: the outbox under {@code dataDir}, the
 * session, the kept config, commands, requests, the forwarder, health published and served. An agent records
 * its events with {@link #record} and calls {@code health().heartbeat()} from its main loop.
 */
public final class DeviceRuntime implements AutoCloseable {
  /**
   * @param healthEndpoint where {@code GET /health} listens (127.0.0.1 and a port), if anywhere
   * @param stallAfter the main loop is declared stalled (503, and no systemd watchdog ping) after this long without a
   *     heartbeat
   * @param systemd systemd's notification socket and watchdog ({@link SystemdNotify#fromEnvironment()} by default)
   */
  public record Settings(SessionSettings session, Path dataDir, OutboxPolicy outboxPolicy, DrainRate drainRate,
                         Duration healthInterval, Optional<InetSocketAddress> healthEndpoint, Duration stallAfter,
                         Optional<Renewal> renewal, SystemdNotify systemd) {
    public Settings {
      Objects.requireNonNull(renewal, "renewal");
      Objects.requireNonNull(systemd, "systemd");
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(outboxPolicy, "outboxPolicy");
      Objects.requireNonNull(drainRate, "drainRate");
      Objects.requireNonNull(healthInterval, "healthInterval");
      Objects.requireNonNull(healthEndpoint, "healthEndpoint");
      Objects.requireNonNull(stallAfter, "stallAfter");
    }

    /** Told to systemd as this process's environment says. */
    public Settings(SessionSettings session, Path dataDir, OutboxPolicy outboxPolicy, DrainRate drainRate,
                    Duration healthInterval, Optional<InetSocketAddress> healthEndpoint, Duration stallAfter,
                    Optional<Renewal> renewal) {
      this(session, dataDir, outboxPolicy, drainRate, healthInterval, healthEndpoint, stallAfter, renewal,
          SystemdNotify.fromEnvironment());
    }

    /** As before renewal existed: no certificate to renew. */
    public Settings(SessionSettings session, Path dataDir, OutboxPolicy outboxPolicy, DrainRate drainRate,
                    Duration healthInterval, Optional<InetSocketAddress> healthEndpoint, Duration stallAfter) {
      this(session, dataDir, outboxPolicy, drainRate, healthInterval, healthEndpoint, stallAfter, Optional.empty());
    }

    /** Defaults: policy and drain rate defaults, health every minute, no HTTP endpoint, stalled after 60 s. */
    public static Settings of(SessionSettings session, Path dataDir) {
      return new Settings(session, dataDir, OutboxPolicy.DEFAULT, DrainRate.defaults(), Duration.ofMinutes(1),
          Optional.empty(), Duration.ofSeconds(60));
    }

    public Settings withHealthEndpoint(InetSocketAddress address) {
      return new Settings(session, dataDir, outboxPolicy, drainRate, healthInterval, Optional.of(address), stallAfter,
          renewal, systemd);
    }

    /** Renews the device's certificate ({@link IdentityRenewal}) and reconnects the session with the new one. */
    public Settings withRenewal(Renewal renewal) {
      return new Settings(session, dataDir, outboxPolicy, drainRate, healthInterval, healthEndpoint, stallAfter,
          Optional.of(renewal), systemd);
    }

    /** Another systemd than this process's environment (tests: a fake notification socket). */
    public Settings withSystemd(SystemdNotify systemd) {
      return new Settings(session, dataDir, outboxPolicy, drainRate, healthInterval, healthEndpoint, stallAfter,
          renewal, systemd);
    }

    /** Health every {@code interval} (a hub told to call a device offline within seconds needs it that often). */
    public Settings withHealthInterval(Duration interval) {
      return new Settings(session, dataDir, outboxPolicy, drainRate, interval, healthEndpoint, stallAfter,
          renewal, systemd);
    }

    /** The main loop is stalled after this long without a heartbeat. */
    public Settings withStallAfter(Duration stallAfter) {
      return new Settings(session, dataDir, outboxPolicy, drainRate, healthInterval, healthEndpoint, stallAfter,
          renewal, systemd);
    }
  }

  /** An enrolled device's renewal: the hub's HTTPS address and the identity folder. */
  public record Renewal(URI hub, Path identityDir) {}

  /** Longer than any one turn of the forwarder (10 s for a PUBACK, 5 s of backoff, 1 s idle). */
  static final Duration FORWARDER_STUCK_AFTER = Duration.ofSeconds(60);

  private final SqliteOutbox outbox;
  private final OutboxPolicy outboxPolicy;
  private final Supplier<HealthEvent.ReaderState> reader;
  private final DeviceSession session;
  private final ConfigAgent config;
  private final CommandAgent commands;
  private final RequestClient requests;
  private final HealthMonitor health;
  private final OutboxForwarder forwarder;
  private final Optional<HealthServer> healthServer;
  private final Optional<ScheduledExecutorService> renewals;
  private final Optional<IdentityRenewal> renewal;
  private final ServiceWatchdog watchdog;

  private DeviceRuntime(Settings settings, ConfigTarget target, Supplier<HealthEvent.ReaderState> reader,
                        Consumer<CommandAgent> registerCommands, Clock clock) {
    String device = settings.session().deviceId();
    this.reader = reader;
    this.outboxPolicy = settings.outboxPolicy();
    outbox = SqliteOutbox.open(settings.dataDir().resolve("outbox.db"), device, clock, settings.outboxPolicy());
    session = new DeviceSession(settings.session(), clock);
    session.highWaterMark(outbox::lastSequence);
    config = new ConfigAgent(session, target, settings.dataDir().resolve("config.json"), clock);
    commands = new CommandAgent(session, clock);
    registerCommands.accept(commands);
    requests = new RequestClient(session, clock);
    health = new HealthMonitor(session, outbox, reader, clock, settings.stallAfter());
    outbox.setAside().ifPresent(corrupt -> health.notice(corrupt.notice())); // the hub's watchdog raises an alert
    forwarder = new OutboxForwarder(outbox, session, device, settings.drainRate());
    forwarder.onRefused(health::notice); // the hub has the event in its quarantine; staff see both
    // Every device: the hub asks for the holes it finds (a broker that acknowledged and died before handing on).
    commands.register(ResendRequest.NAME, this::resend);
    session.connect();
    forwarder.start();
    health.startPublishing(settings.healthInterval());
    healthServer = settings.healthEndpoint().map(address -> HealthServer.start(health, address));
    // One daemon thread, only for an enrolled device, idle but for a renewal every two months or so.
    renewals = settings.renewal().map(r -> Executors.newSingleThreadScheduledExecutor(
        task -> Thread.ofPlatform().name("identity-renewal").daemon(true).unstarted(task)));
    renewal = settings.renewal().map(r -> new IdentityRenewal(r.hub(), r.identityDir(),
        new EnrolmentClient(Duration.ofSeconds(30)), clock,
        (task, delay) -> renewals.orElseThrow().schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS),
        session::reconnect));
    renewal.ifPresent(IdentityRenewal::start);
    watchdog = new ServiceWatchdog(device, settings.systemd(), this::stuck, this::status);
  }

  /**
   * What keeps systemd's watchdog from being pinged: the agent's main loop (its reader loop: it calls
   * {@code health().heartbeat()} each turn) without a turn for {@code stallAfter}, the outbox's forwarding loop
   * without a turn for {@link #FORWARDER_STUCK_AFTER}, or the outbox file not answering (a query that throws; one that
   * blocks blocks the pings as well). A reader that does not answer or a broker out of reach are not stuck: the loops
   * go on turning, health and STATUS= say it, and a restart would not bring either back.
   */
  private Optional<String> stuck() {
    if (!health.heartbeatSeen()) {
      return Optional.of("main loop not turned yet");
    }
    if (!health.healthy()) {
      return Optional.of("main loop (reader) without a turn for " + health.sinceHeartbeat().toSeconds() + " s");
    }
    if (forwarder.sinceLastTurn().compareTo(FORWARDER_STUCK_AFTER) >= 0) {
      return Optional.of("outbox forwarder without a turn for " + forwarder.sinceLastTurn().toSeconds() + " s");
    }
    try {
      outbox.depth();
    } catch (RuntimeException e) {
      return Optional.of("outbox not answering: " + e.getMessage());
    }
    return Optional.empty();
  }

  /** One line for {@code systemctl status}: no patron, no secret. */
  private String status() {
    return "outbox " + outbox.depth() + " waiting, reader " + reader.get().name().toLowerCase(java.util.Locale.ROOT)
        + ", hub " + (session.isConnected() ? "connected" : "out of reach");
  }

  /**
   * The agent is up — its reader opened and its loops started: systemd hears READY=1 once the main loop has turned
   * (Type=notify; until then {@code systemctl start} waits), then WATCHDOG=1 while the loops turn.
   */
  public void ready() {
    watchdog.ready();
  }

  /** STOPPING=1 to systemd, first thing when the agent closes (also done by {@link #close()}). */
  public void stopping() {
    watchdog.stopping();
  }

  /** systemd's side of the runtime (READY=1, pings), for tests and the launchers. */
  public ServiceWatchdog watchdog() {
    return watchdog;
  }

  /**
   * Starts the runtime: the kept config is applied before anything connects.
   *
   * @param registerCommands registers the agent's commands on the {@link CommandAgent}
   */
  public static DeviceRuntime start(Settings settings, ConfigTarget target, Supplier<HealthEvent.ReaderState> reader,
                                    Consumer<CommandAgent> registerCommands, Clock clock) {
    return new DeviceRuntime(settings, target, reader, registerCommands, clock);
  }

  /**
   * The {@code resend} command: the events asked for go back in the outbox with their sequence and payload, and
   * leave now. Refused, naming them, when some are no longer on the device: the hub's alert then stays for staff.
   */
  private Optional<String> resend(Command command) throws CommandAgent.CommandRefusedException {
    List<ResendRequest.Range> ranges;
    try {
      ranges = ResendRequest.parse(command.args());
    } catch (SchemaException e) {
      throw new CommandAgent.CommandRefusedException(e.getMessage());
    }
    Outbox.Resent resent = outbox.resend(ranges);
    forwarder.wakeUp();
    String done = resent.requeued() + " event(s) put back in the outbox"
        + (resent.queued() > 0 ? ", " + resent.queued() + " still queued" : "");
    List<String> missing = new java.util.ArrayList<>();
    if (!resent.notKept().isEmpty()) {
      missing.add("sequences " + ResendRequest.describe(resent.notKept()) + " no longer kept on this device (sent more"
          + " than " + outboxPolicy.keepSentFor().toDays() + " days or " + outboxPolicy.keepSentAtMost()
          + " events ago, or lost with an outbox set aside)");
    }
    if (!resent.refused().isEmpty()) {
      missing.add("sequences " + ResendRequest.describe(resent.refused()) + " refused by the hub for good, kept aside"
          + " on this device");
    }
    if (!missing.isEmpty()) {
      throw new CommandAgent.CommandRefusedException(String.join("; ", missing) + " (" + done + ")");
    }
    return Optional.of(done);
  }

  /** Stores an event durably (see {@link Outbox#append}) and has it forwarded now. */
  public Outbox.StoredEvent record(Channel channel, Function<EventHeader, byte[]> payload) {
    Outbox.StoredEvent stored = outbox.append(channel, payload);
    forwarder.wakeUp();
    return stored;
  }

  public Outbox outbox() {
    return outbox;
  }

  public DeviceSession session() {
    return session;
  }

  public ConfigAgent config() {
    return config;
  }

  public RequestClient requests() {
    return requests;
  }

  public HealthMonitor health() {
    return health;
  }

  /** The port {@code GET /health} listens on, if it listens. */
  public Optional<Integer> healthPort() {
    return healthServer.map(HealthServer::port);
  }

  /** The certificate's renewal, for an enrolled device. */
  public Optional<IdentityRenewal> renewal() {
    return renewal;
  }

  @Override
  public void close() {
    watchdog.close(); // STOPPING=1 if the agent did not say it first
    renewal.ifPresent(IdentityRenewal::stop);
    renewals.ifPresent(ScheduledExecutorService::shutdownNow);
    healthServer.ifPresent(HealthServer::close);
    health.close();
    forwarder.close();
    session.close();
    outbox.close();
  }
}
