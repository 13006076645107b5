package fr.navette.hub;

import fr.navette.broker.EmbeddedBroker;
import fr.navette.hub.circulation.ReturnProcessor;
import fr.navette.hub.circulation.DeviceReplies;
import fr.navette.hub.circulation.ReturnProblems;
import fr.navette.hub.circulation.SigbGateway;
import fr.navette.hub.alarms.AlarmEnricher;
import fr.navette.hub.alarms.AlarmFeed;
import fr.navette.hub.alarms.AlarmStore;
import fr.navette.hub.alerts.AlertStore;
import fr.navette.hub.alerts.Alerts;
import fr.navette.hub.alerts.StoreAlert;
import fr.navette.hub.alerts.GapResend;
import fr.navette.hub.alerts.Watchdog;
import fr.navette.hub.circulation.MonitoredSigbGateway;
import fr.navette.hub.devices.DeviceControl;
import fr.navette.hub.devices.DeviceRegistry;
import fr.navette.hub.events.ChannelWorker;
import fr.navette.hub.intake.EventIngest;
import fr.navette.hub.events.EventStore;
import fr.navette.hub.events.FailedWork;
import fr.navette.hub.events.WorkLimits;
import fr.navette.hub.alerts.Alert;
import fr.navette.hub.intake.IngestCounts;
import fr.navette.hub.events.QuarantineStore;
import fr.navette.hub.kiosks.KioskDesk;
import fr.navette.hub.kiosks.KioskLocksService;
import fr.navette.hub.kiosks.PinAttempts;
import fr.navette.hub.kiosks.KioskRequests;
import fr.navette.hub.kiosks.PatronKeyFile;
import fr.navette.hub.privacy.PatronKeys;
import fr.navette.hub.privacy.PrivacyService;
import fr.navette.hub.privacy.PrivacySettings;
import fr.navette.hub.privacy.RetentionPolicy;
import fr.navette.hub.privacy.RetentionPurge;
import fr.navette.hub.privacy.SubjectAccess;
import fr.navette.schema.PatronPseudonym;
import fr.navette.schema.ResendRequest;
import fr.navette.hub.store.Database;
import fr.navette.hub.store.StoreHealth;
import fr.navette.hub.text.Said;
import fr.navette.hub.transits.Shuttle;
import fr.navette.hub.transits.TransitStore;
import fr.navette.hub.web.HubRouting;
import fr.navette.hub.web.HubWeb;
import fr.navette.hub.web.StaffPages;
import fr.navette.hub.alarms.AlarmsService;
import fr.navette.hub.alerts.AlertsService;
import fr.navette.hub.devices.DevicesService;
import fr.navette.hub.events.EventsService;
import fr.navette.hub.intake.BrokerSource;
import fr.navette.hub.intake.HealthService;
import fr.navette.hub.intake.SubscriptionSource;
import fr.navette.hub.mqtt.HubSession;
import fr.navette.hub.transits.ShuttleService;
import fr.navette.hub.transits.StatsService;
import fr.navette.hub.events.ActivityStats;
import java.util.List;
import fr.navette.hub.identities.EnrolmentHttp;
import fr.navette.hub.identities.Identities;
import fr.navette.hub.identities.IdentitiesService;
import fr.navette.hub.identities.IdentitiesSettings;
import fr.navette.hub.identities.IdentityRegistry;
import fr.navette.hub.identities.BrokerRefusals;
import fr.navette.hub.identities.NetworkGatekeeper;
import fr.navette.identity.BrokerKeystores;
import fr.navette.identity.CaFingerprint;
import fr.navette.mqtt.TlsSettings;
import java.util.Optional;
import java.util.function.Consumer;
import fr.navette.identity.EnrolmentService;
import fr.navette.identity.EnrolmentTokens;
import fr.navette.identity.HubCertificate;
import fr.navette.identity.IdentityException;
import fr.navette.identity.KeyAndCertificate;
import fr.navette.identity.NetworkCa;
import fr.navette.identity.Tls;
import java.net.URI;
import java.nio.file.Path;
import fr.navette.hub.web.StaffAccess;
import fr.navette.hub.accounts.AccountSettings;
import fr.navette.hub.accounts.Accounts;
import fr.navette.hub.accounts.AccountsService;
import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.audit.AuditService;
import fr.navette.hub.transits.NetworkRules;
import java.util.LinkedHashSet;
import fr.navette.schema.Channel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub, assembled: store, broker (embedded unless an external one is configured), ingest, return
 * processing against the SIGB, kiosks' SIGB requests, and the web dashboard. {@link #close()} stops the parts in reverse order.
 */
public final class Hub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
  /** The alert kind of an event whose work was given up (see {@link WorkLimits}). */
  public static final String FAILED_WORK = "event-failed";

  private final Deque<AutoCloseable> parts = new ArrayDeque<>();
  private final String mqttUri;
  private final String mqttsUri;
  private final IdentityRegistry registry;
  private final BrokerRefusals brokerRefusals;
  private final HubWeb web;
  private final HubWeb enrolmentWeb;
  private final EnrolmentHttp enrolmentHttp;
  private final NetworkCa ca;
  private final Identities identities;
  private final EventStore events;
  private final TransitStore transits;
  private final QuarantineStore quarantine;
  private final Shuttle shuttle;
  private final DeviceRegistry devices;
  private final AlarmStore alarms;
  private final AlarmFeed alarmFeed;
  private final Alerts alerts;
  private final DeviceControl control;
  private final Watchdog watchdog;
  private final KioskRequests kiosks;
  private final PinAttempts pinAttempts;
  private final StaffAccess staffAccess;
  private final StoreHealth storeHealth;
  private final EventIngest ingest;
  private final IngestCounts ingestCounts = new IngestCounts();
  private final HubSession kioskSession;
  private final AuditLog auditLog;
  private final Accounts accounts;
  private final PatronKeys patronKeys;
  private final RetentionPurge retentionPurge;
  /** The first purge after start: not in the way of the start itself, soon enough to be seen in the log. */
  private static final Duration PURGE_FIRST_AFTER = Duration.ofMinutes(2);
  /** A resend waits this long for a device away; the watchdog asks again later anyway ({@link GapResend}). */
  private static final Duration RESEND_VALID_FOR = Duration.ofMinutes(10);

  private Hub(HubConfig config, Function<HubConfig, SigbGateway> sigbFactory, Clock clock,
      IdentitiesSettings identitiesSettings, AccountSettings accountSettings, PrivacySettings privacy) {
    // what /privacy says is what the purge does: its durations are the retention in force
    privacy = privacy.withRetention(new RetentionPolicy(config.retention()));
    LOG.info("starting hub with {}; staff {}; privacy: {}", config, accountSettings, privacy);
    staffAccess = config.staffAccess();
    brokerRefusals = new BrokerRefusals(clock);
    if (config.retention().beyondCnil()) {
      LOG.warn("retention beyond CNIL NS-009 (--retention-beyond-cnil): links between patrons and documents kept {}"
          + " months after the return month instead of at most {}", config.retention().loanMonths(),
          fr.navette.hub.privacy.Retention.CNIL_LOAN_MONTHS);
    }
    if (staffAccess.isOpen()) {
      LOG.warn("the staff API is open (tests' insecure mode): anyone who reaches port {} may read everything, pack,"
          + " close, configure devices...", config.httpPort());
    }
    try {
      Database db = keep(Database.open(config.jdbcUrl(), config.dbUser(), config.dbPassword()));
      auditLog = new AuditLog(db, clock);
      accounts = new Accounts(db, auditLog, clock, accountSettings, () -> knownBranches(config.rules()));
      if (!staffAccess.isOpen() && !accounts.any()) {
        LOG.warn("no staff account yet: make the first administrator with ./navette hub --create-admin USER");
      }
      events = new EventStore(db, clock, config.hubId());
      transits = new TransitStore(db);
      quarantine = new QuarantineStore(db, clock);
      devices = new DeviceRegistry(db, clock);
      alarms = new AlarmStore(db);
      alarmFeed = new AlarmFeed();
      alerts = keep(new Alerts(new AlertStore(db, clock), config.monitoring().alertChannels()));
      storeHealth = db.health();
      storeHealth.listen(new StoreAlert(alerts));
      // The network CA and the hub's TLS identity, made at first start in <data>/ca (keys 0600, folder 0700): the
      // broker's MQTTS listener, the hub's own sessions and the HTTPS listener all use them.
      Path caFolder = config.dataFolder().resolve("ca");
      Optional<char[]> passphrase = identitiesSettings.caPassphrase();
      try {
        ca = passphrase.isPresent() ? NetworkCa.openOrCreate(caFolder, passphrase.get(), clock)
            : NetworkCa.openOrCreate(caFolder, clock);
      } catch (IdentityException e) {
        throw new IllegalStateException("cannot open the network CA " + caFolder.resolve(NetworkCa.KEY_FILE) + ": "
            + e.getMessage() + " (its passphrase, if it has one, in NAVETTE_CA_PASSPHRASE)", e);
      }
      KeyAndCertificate hubCertificate = HubCertificate.loadOrIssue(caFolder, ca, identitiesSettings.hostNames(),
          clock.instant());
      BrokerKeystores keystores = BrokerKeystores.write(caFolder, hubCertificate, ca.certificate());
      TlsSettings hubTls = TlsSettings.trusting(caFolder.resolve(NetworkCa.CERTIFICATE_FILE))
          .withClientCertificate(keystores.keystore(), keystores.password());
      registry = new IdentityRegistry(db);
      EmbeddedBroker broker = null;
      String hubUri;
      Optional<TlsSettings> sessionTls;
      if (config.embeddedBroker()) {
        // Mutual TLS; a plain listener only when asked for by name. Open to the hub's own sessions only until their
        // subscriptions exist (see admitEveryone below).
        broker = keep(EmbeddedBroker.start(config.dataFolder().resolve("broker"),
            new EmbeddedBroker.Listeners(config.mqttBind(), config.mqttPort(),
                config.insecureMqtt() ? config.insecureMqttPort() : EmbeddedBroker.Listeners.NONE),
            new EmbeddedBroker.ServerTls(keystores.keystore(), keystores.password(), keystores.truststore()),
            new NetworkGatekeeper(registry, brokerRefusals, config.insecureMqtt()),
            Set.of(config.hubId(), config.hubId() + "-kiosks")));
        hubUri = broker.tlsUri();
        sessionTls = Optional.of(hubTls);
        mqttUri = broker.uri();
        mqttsUri = "mqtts://" + publicHost(config.mqttBind(), identitiesSettings) + ":" + broker.tlsPort();
      } else {
        hubUri = config.externalBrokerUri();
        sessionTls = hubUri.startsWith("ssl://") ? Optional.of(hubTls) : Optional.empty();
        mqttUri = hubUri;
        mqttsUri = hubUri.startsWith("ssl://") ? "mqtts://" + hubUri.substring("ssl://".length()) : hubUri;
      }
      EmbeddedBroker cutter = broker;
      Consumer<String> cutOff = cutter == null ? id -> { } : id -> cutter.cutOff(id);
      MonitoredSigbGateway sigb = keep(new MonitoredSigbGateway(sigbFactory.apply(config), alerts,
          config.sigb().host() + ":" + config.sigb().port()));
      shuttle = new Shuttle(transits, config.rules(), clock, config.zone());
      // Documents a hub of before relays sent straight to a branch no round links to theirs sat 'in transit' for
      // ever (issue 19): they go via their next stop now.
      int rerouted = shuttle.rerouteStranded();
      if (rerouted > 0) {
        LOG.info("{} transit(s) that no round could carry now go via a relay", rerouted);
      }
      // One hub on its own broker has nobody to share with: plain subscriptions (see FOOTGUNS, HiveMQ shared queues).
      String shareGroup = config.embeddedBroker() ? "" : config.shareGroup();
      // The hub's session: events in (what the embedded broker does not hand over), replies, config, commands out.
      HubSession session = new HubSession(SubscriptionSource.session(hubUri, config.hubId()).at(hubUri, sessionTls),
          SubscriptionSource.filters(shareGroup, broker != null));
      DeviceReplies replies = new DeviceReplies(session);
      WorkLimits limits = config.monitoring().work();
      FailedWork failedWork = (event, what, why) -> alerts.raise(FAILED_WORK, event.eventId(),
          Alert.Severity.WARNING, Said.of("alert.failed-work",
              limits.attemptsFor(Channel.fromWire(event.channel()).orElseThrow()), what, why));
      Map<Channel, ChannelWorker> workers = Map.of(
          Channel.RETURN, keep(new ReturnProcessor(db, events, shuttle, sigb, alerts, replies, limits, failedWork)),
          Channel.ALARM, keep(new AlarmEnricher(db, events, alarms, sigb, alarmFeed, clock, limits, failedWork)),
          Channel.RETURN_PROBLEM, keep(new ReturnProblems(db, events, alerts, limits, failedWork)));
      // The SIGB back after an outage: what waited on it is tried now, not when its backed-off retry comes (5 min).
      sigb.whenLinkBack(() -> List.of(Channel.RETURN, Channel.ALARM).forEach(channel -> {
        int waiting = events.dueNow(channel.wireName());
        if (waiting > 0) {
          LOG.info("SIGB back: {} {} event(s) tried again now", waiting, channel.wireName());
        }
        workers.get(channel).wakeUp();
      }));
      // Ingest wakes a channel's worker when it stored events of that channel.
      ingest = keep(new EventIngest(db, events, quarantine, devices, channel -> {
        ChannelWorker worker = workers.get(channel);
        if (worker != null) {
          worker.wakeUp();
        }
      }, ingestCounts));
      keep(session); // closed before ingest: nothing arrives for a writer that has stopped
      control = new DeviceControl(session, devices, clock);
      // The keyring in the store (hubs sharing the load share its rotations), wrapped under the configured key or
      // patron.key, which becomes its first key (DESIGN §9).
      PatronPseudonym keyringSecret = config.patronKey() != null ? config.patronKey()
          : PatronKeyFile.loadOrCreate(config.dataFolder().resolve("patron.key"));
      patronKeys = new PatronKeys(db, keyringSecret, clock, auditLog);
      // the kiosks see only "a card's pseudonym under the current key": kiosks must not depend on privacy, which
      // reads their PIN locks for a subject access (ArchitectureTest: no cycle between features)
      java.util.function.UnaryOperator<String> patronKey = patronKeys::of;
      retentionPurge = keep(new RetentionPurge(db, patronKeys, auditLog, config.retention(), clock, config.zone()))
          .start(PURGE_FIRST_AFTER);
      // Requests are never queued nor stored (they hold PINs): a session of their own, clean start.
      kioskSession = new HubSession(new HubSession.Settings(hubUri, config.hubId() + "-kiosks",
          "hub (kiosk requests)", false, 0, false, sessionTls), List.of(KioskRequests.filter(shareGroup)));
      pinAttempts = new PinAttempts(config.kioskSecurity(), clock);
      kiosks = keep(new KioskRequests(kioskSession, new KioskDesk(sigb, patronKey, pinAttempts, clock,
          config.zone()), db, quarantine, config.sigb().maxSessions(), clock));
      keep(kioskSession); // closed before the workers: no request comes for a pool that has stopped
      watchdog = keep(new Watchdog(alerts, devices, transits, events, config.monitoring().deviceOfflineAfter(),
          config.rules().transitOverdueAfter(), clock).naming(config.rules()::branchName)
          .resendingGaps(new GapResend((site, device, args) -> control.sendCommand(site, device, ResendRequest.NAME,
              args, RESEND_VALID_FOR), clock)));
      int takenBack = events.takeBackLeases();
      if (takenBack > 0) { // this hub stopped mid-work (kill -9, power cut): its events now, not in 2 min
        LOG.info("{} event(s) this hub was applying when it stopped are taken up again now", takenBack);
      }
      workers.values().forEach(ChannelWorker::start);
      ingest.start();
      if (broker != null) {
        // Stored before the device's PUBACK, with no hop through a subscription.
        BrokerSource.feed(broker, ingest, ingestCounts);
      }
      session.connect(new SubscriptionSource(ingest));
      // Devices are let in only once this is true: what they publish before would match no subscription.
      awaitSubscribed(session, "the MQTT broker " + mqttUri + " did not confirm the hub's subscriptions within 30 s");
      kioskSession.connect(d -> kiosks.received(d.topic(), d.payload(), d.responseTopic(), d.correlation()));
      if (broker != null) {
        awaitSubscribed(kioskSession, "the MQTT broker did not confirm the kiosk requests' subscription in 30 s");
        broker.admitEveryone();
      }
      watchdog.start(config.monitoring().watchEvery());
      EnrolmentTokens tokens = new EnrolmentTokens(ca.fingerprint(), clock, registry);
      identities = new Identities(registry, tokens, clock, cutOff);
      EnrolmentService enrolment = new EnrolmentService(ca, tokens, registry::revoked,
          EnrolmentService.Settings.of(URI.create(mqttsUri)), clock, registry::audit);
      enrolmentHttp = new EnrolmentHttp(enrolment, registry, ca, clock);
      IdentitiesService identitiesService = new IdentitiesService(identities, brokerRefusals, staffAccess);
      // Enrolment over TLS only: the device checks the CA before it sends its token. The admin API is served there
      // too, and on the staff console's port (the devices page, admin role required by the staff filter): an admin
      // token, a session or an enrolment string on that port travel as safely as the console does — put the console
      // behind TLS (a reverse proxy) where the library's LAN is not trusted.
      enrolmentWeb = keep(HubWeb.startTls(config.httpBind(), identitiesSettings.httpsPort(),
          Tls.identity(hubCertificate, ca.certificate()),
          HubRouting.build(staffAccess, accounts.sessions(), enrolmentHttp, identitiesService,
              new AuditService(auditLog, config.zone()), new AccountsService(accounts))));
      web = keep(HubWeb.start(config.httpBind(), config.httpPort(), HubRouting.build(staffAccess, accounts.sessions(),
          new AccountsService(accounts),
          new AuditService(auditLog, config.zone()),
          new ShuttleService(shuttle, transits, clock).recordingIn(auditLog),
          new EventsService(events, quarantine),
          new AlarmsService(alarms, alarmFeed, config.rules(), config.zone(), clock).recordingIn(auditLog),
          new AlertsService(alerts),
          new DevicesService(devices, control),
          new StatsService(transits, new ActivityStats(db), clock, config.zone(), config.rules()),
          new KioskLocksService(pinAttempts, patronKey),
          // A card is searched as its pseudonyms under every patron key still held (the keyring).
          new PrivacyService(new SubjectAccess(db, pinAttempts, config.rules()::branchName), patronKeys, auditLog,
              privacy, config.kioskSecurity().lockFor(), config.kioskSecurity().window(), clock),
          new HealthService(storeHealth, ingestCounts),
          identitiesService,
          new StaffPages())));
      keep(alarmFeed); // closed first: live screens let go at once, so the web server stops without waiting

    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private static void awaitSubscribed(HubSession session, String otherwise) {
    try {
      if (!session.awaitSubscribed(Duration.ofSeconds(30))) {
        throw new IllegalStateException(otherwise);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while subscribing", e);
    }
  }

  /** Starts a hub; {@code sigbFactory} builds the SIGB gateway from the configuration (SIP2 in production). */
  public static Hub start(HubConfig config, Function<HubConfig, SigbGateway> sigbFactory, Clock clock) {
    return new Hub(config, sigbFactory, clock, IdentitiesSettings.defaults(), AccountSettings.defaults(),
        PrivacySettings.defaults());
  }

  /** As {@link #start(HubConfig, Function, Clock)}, enrolment served where {@code identities} says. */
  public static Hub start(HubConfig config, Function<HubConfig, SigbGateway> sigbFactory, Clock clock,
      IdentitiesSettings identities) {
    return new Hub(config, sigbFactory, clock, identities, AccountSettings.defaults(), PrivacySettings.defaults());
  }

  /** As {@link #start(HubConfig, Function, Clock, IdentitiesSettings)}, staff sessions as {@code staff} says. */
  public static Hub start(HubConfig config, Function<HubConfig, SigbGateway> sigbFactory, Clock clock,
      IdentitiesSettings identities, AccountSettings staff) {
    return new Hub(config, sigbFactory, clock, identities, staff, PrivacySettings.defaults());
  }

  /**
   * As {@link #start(HubConfig, Function, Clock, IdentitiesSettings, AccountSettings)}, telling about personal data
   * as {@code privacy} says (retention shown at {@code /privacy}, the network's contact).
   */
  public static Hub start(HubConfig config, Function<HubConfig, SigbGateway> sigbFactory, Clock clock,
      IdentitiesSettings identities, AccountSettings staff, PrivacySettings privacy) {
    return new Hub(config, sigbFactory, clock, identities, staff, privacy);
  }

  /** The branch codes the network knows: named ones and rounds' stops (empty: the network named none). */
  private static java.util.Set<String> knownBranches(NetworkRules rules) {
    java.util.Set<String> codes = new LinkedHashSet<>(rules.branchNames().keySet());
    rules.routes().forEach(route -> codes.addAll(route.stops()));
    return codes;
  }

  /** Staff accounts, their logins and sessions. */
  public Accounts accounts() {
    return accounts;
  }

  /** The patron keyring: pseudonyms under every key still held ({@link PatronKeys#pseudonymsOf}), rotation. */
  public PatronKeys patronKeys() {
    return patronKeys;
  }

  /** The daily purge of what links patrons to documents past the retention (runs by itself; tests call it). */
  public RetentionPurge retentionPurge() {
    return retentionPurge;
  }

  /** Who did what: features record their actions here ({@link AuditLog#record}). */
  public AuditLog auditLog() {
    return auditLog;
  }

  /**
   * The broker address for devices in Paho's spelling: the plain listener's {@code tcp://…} when the hub was asked
   * for one ({@link HubConfig#withInsecureMqtt}), else the MQTTS listener's {@code ssl://…}.
   */
  public String mqttUri() {
    return mqttUri;
  }

  /** The MQTTS address as people and standard tools write it, {@code mqtts://host:port}: what enrolment hands out. */
  public String mqttsUri() {
    return mqttsUri;
  }

  /** What the broker refused since start (forged topics, anonymous or revoked clients). */
  public BrokerRefusals.Snapshot brokerRefusals() {
    return brokerRefusals.snapshot();
  }

  /** The certificate revocation list, PEM, as {@code GET /api/enrolment/crl} serves it. */
  public String crlPem() {
    return enrolmentHttp.crlPem();
  }

  /** The host devices reach: the first configured host name, else the bind address (loopback for a wildcard). */
  private static String publicHost(String bind, IdentitiesSettings settings) {
    if (!settings.hostNames().isEmpty()) {
      return settings.hostNames().get(0);
    }
    return "0.0.0.0".equals(bind) || "::".equals(bind) ? "127.0.0.1" : bind;
  }

  public int httpPort() {
    return web.port();
  }

  /** Where enrolment (and the admin API) is served over TLS with the hub's certificate. */
  public int httpsPort() {
    return enrolmentWeb.port();
  }

  /** The network CA's fingerprint, as enrolment strings carry it ({@link CaFingerprint#text()}). */
  public CaFingerprint caFingerprint() {
    return ca.fingerprint();
  }

  /** The network CA's certificate (what {@code GET /api/enrolment/ca} serves). */
  public java.security.cert.X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** Device identities: the administrator's side (add, renew, revoke, the audit log). */
  public Identities identities() {
    return identities;
  }

  public EventStore events() {
    return events;
  }

  public TransitStore transits() {
    return transits;
  }

  public AlarmStore alarms() {
    return alarms;
  }

  /** Alarms as they are stored, for the screens watching live. */
  public AlarmFeed alarmFeed() {
    return alarmFeed;
  }

  public Alerts alerts() {
    return alerts;
  }

  public DeviceControl control() {
    return control;
  }

  public Watchdog watchdog() {
    return watchdog;
  }

  /** Who may POST to the API. */
  public StaffAccess staffAccess() {
    return staffAccess;
  }

  /** The kiosks' wrong PIN tries and the locks they brought about. */
  public PinAttempts pinAttempts() {
    return pinAttempts;
  }

  public KioskRequests kiosks() {
    return kiosks;
  }

  /** Whether the broker confirmed the kiosk requests' subscription: requests sent before that reach no hub. */
  public boolean kioskRequestsReady() {
    return kioskSession.ready();
  }

  public DeviceRegistry devices() {
    return devices;
  }

  public Shuttle shuttle() {
    return shuttle;
  }

  public QuarantineStore quarantine() {
    return quarantine;
  }

  /** Whether the store answers (ingest refuses events while it fails). */
  public StoreHealth storeHealth() {
    return storeHealth;
  }

  /** What ingest did with what devices sent since start: stored, duplicates, quarantined, refused. */
  public IngestCounts.Snapshot ingestCounts() {
    return ingestCounts.snapshot();
  }

  private <T extends AutoCloseable> T keep(T part) {
    parts.push(part);
    return part;
  }

  @Override
  public void close() {
    while (!parts.isEmpty()) {
      AutoCloseable part = parts.pop();
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("stopping {}: {}", part.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
