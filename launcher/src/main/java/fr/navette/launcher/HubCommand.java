package fr.navette.launcher;

import fr.navette.hub.kiosks.KioskSecurity;
import fr.navette.agent.ServiceWatchdog;
import fr.navette.agent.ShutdownSignal;
import fr.navette.agent.SystemdNotify;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.privacy.PrivacySettings;
import fr.navette.hub.events.WorkLimits;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.identities.IdentitiesSettings;
import fr.navette.hub.web.StaffAccess;
import fr.navette.schema.PatronPseudonym;
import fr.navette.hub.kiosks.PatronKeyFile;
import fr.navette.hub.privacy.Retention;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Optional;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import fr.navette.hub.accounts.AccountSettings;
import fr.navette.hub.accounts.Accounts;
import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.store.Database;
import fr.navette.hub.web.ApiProblem;
import java.io.Console;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs the hub alone: the network's server (DESIGN §2). With {@code --create-admin USER} it only writes an
 * administrator's account into the hub's store (asking the password twice, never echoed, or reading it from
 * {@code --password-env}) and exits: how the first account of a network is made.
 */
@Command(name = "hub", mixinStandardHelpOptions = true, subcommands = {HubMosquittoConfigCommand.class, HubRotatePatronKeyCommand.class},
    description = {"Runs the hub: MQTT 5 ingest, SIGB gateway over SIP2, transits, staff dashboard.",
        "Lance le hub : réception MQTT 5, passerelle SIGB en SIP2, navettes, tableau de bord."})
final class HubCommand implements Callable<Integer> {
  /** Reads a password on the terminal without echoing it; null when there is no terminal. */
  interface PasswordPrompt {
    char[] read(String prompt);
  }

  private final Function<String, String> environment;
  /** The terminal's password prompt (tests give their own). */
  PasswordPrompt prompt = HubCommand::readFromConsole;
  /** Where --create-admin says what it did (tests read it). */
  PrintStream out = System.out;

  HubCommand() {
    this(System::getenv);
  }

  /** {@code environment}: where the variables named by the options are read (tests give their own). */
  HubCommand(Function<String, String> environment) {
    this.environment = environment;
  }

  @Option(names = "--create-admin", paramLabel = "USER", description = "Write an administrator's account USER into the hub's store (--data or --jdbc-url) and exit: the password is asked twice, never shown (or read from --password-env). An existing USER is made an enabled administrator with this new password.")
  String createAdmin;

  @Option(names = "--password-env", paramLabel = "NAME", description = "With --create-admin: the environment variable holding the password, for scripts (default: asked on the terminal).")
  String passwordEnv;

  @Option(names = "--session-idle-minutes", defaultValue = "30", description = "A staff session unused this long is closed (default: ${DEFAULT-VALUE}).")
  int sessionIdleMinutes;

  @Option(names = "--session-hours", defaultValue = "12", description = "A staff session is closed this long after its login, used or not (default: ${DEFAULT-VALUE}).")
  int sessionHours;

  @Option(names = "--data", defaultValue = "navette-data", description = "Folder for the SQLite store and the broker's state (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--http-port", defaultValue = "8080", description = "Dashboard and API port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(names = "--http-bind", defaultValue = "0.0.0.0", description = "Dashboard address (default: ${DEFAULT-VALUE}).")
  String httpBind;

  @Option(names = "--mqtt-port", defaultValue = "1884", description = "Embedded broker's MQTTS port: mutual TLS, enrolled devices only (default: ${DEFAULT-VALUE}).")
  int mqttPort;

  @Option(names = "--https-port", defaultValue = "8443", description = "Enrolment and the administrator's API, over TLS with the hub's certificate (default: ${DEFAULT-VALUE}).")
  int httpsPort;

  @Option(names = "--host-name", description = "A name or address devices use to reach the hub, put in its TLS certificate (besides localhost and 127.0.0.1); repeat for several. The first is the one printed and handed to devices.")
  java.util.List<String> hostNames = new java.util.ArrayList<>();

  @Option(names = "--ca-passphrase-env", defaultValue = "NAVETTE_CA_PASSPHRASE", description = "Environment variable holding the passphrase the network CA's key (ca/ca.key) is kept under, encrypted; unset: the key is kept unencrypted, readable by the hub's user only (default: ${DEFAULT-VALUE}).")
  String caPassphraseEnv;

  @Option(names = "--insecure-mqtt", description = "Also open a plain MQTT listener where anyone may publish and read anything (no certificates): only for a closed test bench, never in a library.")
  boolean insecureMqtt;

  @Option(names = "--insecure-mqtt-port", defaultValue = "1885", description = "Port of that plain listener (default: ${DEFAULT-VALUE}).")
  int insecureMqttPort;

  @Option(names = "--mqtt-bind", defaultValue = "0.0.0.0", description = "Embedded broker address (default: ${DEFAULT-VALUE}).")
  String mqttBind;

  @Option(names = "--broker", description = "External broker URI (e.g. ssl://mqtt.example:8883, see provisioning/README.md for Mosquitto) instead of the embedded one: the scale-out path. The hub connects with its own certificate to an ssl:// broker.")
  String externalBroker;

  @Option(names = "--hub-id", defaultValue = "navette-hub", description = "MQTT client id; each hub sharing the load needs its own (default: ${DEFAULT-VALUE}).")
  String hubId;

  @Option(names = "--share-group", defaultValue = "navette-hub", description = "MQTT 5 shared-subscription group of the hubs splitting the load (default: ${DEFAULT-VALUE}).")
  String shareGroup;

  @Option(names = "--jdbc-url", description = "Store: jdbc:postgresql://host/db for PostgreSQL (default: SQLite in --data).")
  String jdbcUrl;

  @Option(names = "--db-user", description = "PostgreSQL user.")
  String dbUser;

  @Option(names = "--db-password-env", defaultValue = "NAVETTE_DB_PASSWORD", description = "Environment variable holding the PostgreSQL password (default: ${DEFAULT-VALUE}).")
  String dbPasswordEnv;

  @Option(names = "--network-rules", description = "JSON file: shuttle rounds, floating collections, overdue delay (see hub/README.md).")
  Path networkRules;

  @Option(names = "--sigb-host", defaultValue = "127.0.0.1", description = "SIP2 server host (default: ${DEFAULT-VALUE}).")
  String sigbHost;

  @Option(names = "--sigb-port", defaultValue = "6001", description = "SIP2 server port (default: ${DEFAULT-VALUE}).")
  int sigbPort;

  @Option(names = "--sigb-user", defaultValue = "navette", description = "SIP2 login user (CN) (default: ${DEFAULT-VALUE}).")
  String sigbUser;

  @Option(names = "--sigb-password-env", defaultValue = "NAVETTE_SIGB_PASSWORD", description = "Environment variable holding the SIP2 password (CO) (default: ${DEFAULT-VALUE}).")
  String sigbPasswordEnv;

  @Option(names = "--sigb-institution", defaultValue = "NAVETTE", description = "SIP2 institution id (AO) (default: ${DEFAULT-VALUE}).")
  String sigbInstitution;

  @Option(names = "--sigb-encoding", defaultValue = "utf-8", description = "ascii, utf-8, cp850 or iso-8859-1 (default: ${DEFAULT-VALUE}).")
  String sigbEncoding;

  @Option(names = "--sigb-terminator", defaultValue = "cr", description = "cr, crlf or lf (default: ${DEFAULT-VALUE}).")
  String sigbTerminator;

  @Option(names = "--sigb-sessions", defaultValue = "4", description = "Most SIP2 sessions at once (default: ${DEFAULT-VALUE}).")
  int sigbSessions;

  @Option(names = "--sigb-checkin-cancel", description = "The SIGB honours SIP2 checkin cancel (BI Y): a kiosk loan whose tag could not be disarmed is undone as if never made (default: plain checkin).")
  boolean sigbCheckinCancel;

  @Option(names = "--patron-key-env", defaultValue = "NAVETTE_PATRON_KEY", description = "Environment variable holding the network's patron key as '<keyId> <base64 of 32+ random bytes>'; hubs sharing the load must share it (default: ${DEFAULT-VALUE}; unset: a key made once in --data/patron.key).")
  String patronKeyEnv;

  @Option(names = "--retention-loan-months", defaultValue = "4", description = "Months after the month of a document's return during which the hub keeps its borrower's pseudonym in the kiosk loan's event, then removes it (the event stays, for the statistics); a loan the hub never saw returned counts as ended on its due date. 1 to 4 (default: ${DEFAULT-VALUE}, CNIL NS-009: until the end of the fourth month after the return). Quarantined payloads are cleared and retired patron keys destroyed by the same limit.")
  int retentionLoanMonths;

  @Option(names = "--retention-beyond-cnil", description = "Allows --retention-loan-months above 4, longer than CNIL NS-009 permits (a warning at every start): only for a network whose data protection officer decided it in writing.")
  boolean retentionBeyondCnil;

  @Option(names = "--rotate-patron-key-days", defaultValue = "0", description = "Rotate the patron key by itself when it is this many days old (checked by the daily purge); 0: only by hand, ./navette hub rotate-patron-key or POST /api/admin/privacy/rotate-key (default: ${DEFAULT-VALUE}).")
  int rotatePatronKeyDays;

  @Option(names = "--attempts-return", defaultValue = "8", description = "Failures of its own (the SIGB answers others, not this document) before a return is given up: marked failed, one alert (default: ${DEFAULT-VALUE}; a SIGB down for everyone never counts).")
  int attemptsReturn;

  @Option(names = "--attempts-alarm", defaultValue = "5", description = "Likewise for enriching a gate alarm from the SIGB (default: ${DEFAULT-VALUE}).")
  int attemptsAlarm;

  @Option(names = "--staff-tokens-env", defaultValue = "NAVETTE_STAFF_TOKENS", description = "Environment variable holding the API's bearer tokens for scripts, beside staff accounts, as 'staff:<token>,admin:<token>' (20+ characters each; a staff token acts as a coordinator, an admin token as an administrator). Unset: staff accounts only (default: ${DEFAULT-VALUE}).")
  String staffTokensEnv;

  @Option(names = "--kiosk-card-failures", defaultValue = "5", description = "Wrong card or PIN tries on one card, at any kiosk, within --kiosk-failure-window that lock the card: refused without asking the SIGB until staff lift it (POST /api/kiosk-locks/lift) or --kiosk-lock-minutes pass (default: ${DEFAULT-VALUE}).")
  int kioskCardFailures;

  @Option(names = "--kiosk-failures", defaultValue = "10", description = "Likewise for one kiosk, whatever the cards: what stops a kiosk trying one PIN on many cards (default: ${DEFAULT-VALUE}).")
  int kioskFailures;

  @Option(names = "--kiosk-failure-window", defaultValue = "10", description = "Minutes during which wrong tries count (default: ${DEFAULT-VALUE}).")
  int kioskFailureWindowMinutes;

  @Option(names = "--kiosk-lock-minutes", defaultValue = "60", description = "How long a lock lasts when no librarian lifts it (default: ${DEFAULT-VALUE}).")
  int kioskLockMinutes;

  @Option(names = "--kiosk-reveal-unknown-card", description = "Kiosks may tell an unknown card (unknown-patron) from a wrong PIN (wrong-pin); by default both are answered not-recognised, so that nobody learns at a kiosk which card numbers exist.")
  boolean kioskRevealUnknownCard;

  @Option(names = "--device-offline-after", defaultValue = "300", paramLabel = "SECONDS", description = "A device not heard from (or said offline by its broker will) this long gets a device-offline alert (default: ${DEFAULT-VALUE}).")
  int deviceOfflineAfterSeconds;

  @Option(names = "--watch-every", defaultValue = "30", paramLabel = "SECONDS", description = "How often the watchdog looks at devices, clocks, transits and gaps to raise or resolve alerts (default: ${DEFAULT-VALUE}).")
  int watchEverySeconds;

  @Option(names = "--privacy-contact", description = "Whom a patron writes to about their data (the network's data protection officer), as the public page /privacy shows it: one line, an e-mail address in it becomes a link, e.g. 'DPO du réseau : dpo@example.fr' (default: none; the page then says the network has not configured it).")
  String privacyContact;

  private StaffAccess staffAccess() {
    String value = environment.apply(staffTokensEnv);
    if (value == null || value.isBlank()) {
      return StaffAccess.none();
    }
    try {
      return StaffAccess.parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(staffTokensEnv + ": " + e.getMessage(), e);
    }
  }

  private PatronPseudonym patronKey() {
    String value = System.getenv(patronKeyEnv);
    if (value == null || value.isBlank()) {
      return null;
    }
    return PatronKeyFile.parse(value, patronKeyEnv);
  }

  @Override
  public Integer call() throws Exception {
    if (createAdmin != null) {
      return createAdmin();
    }
    String sigbPassword = System.getenv().getOrDefault(sigbPasswordEnv, "");
    SigbSettings sigb = new SigbSettings(sigbHost, sigbPort, sigbUser, sigbPassword, sigbInstitution, "HUB",
        sigbEncoding, sigbTerminator, true, sigbSessions, Duration.ofSeconds(5), sigbCheckinCancel);
    HubConfig config = new HubConfig(data, jdbcUrl, dbUser, System.getenv(dbPasswordEnv), externalBroker,
        mqttBind, mqttPort, insecureMqtt ? insecureMqttPort : HubConfig.NO_PLAIN_MQTT, httpBind, httpPort, hubId,
        shareGroup, sigb,
        networkRules == null ? NetworkRules.defaults() : NetworkRules.read(networkRules), ZoneId.systemDefault(),
        new HubConfig.Monitoring(Duration.ofSeconds(deviceOfflineAfterSeconds), Duration.ofSeconds(watchEverySeconds),
            HubConfig.Monitoring.defaults().alertChannels()).withWork(new WorkLimits(attemptsReturn, attemptsAlarm,
            WorkLimits.defaults().otherAttempts())), patronKey(), staffAccess(),
        new KioskSecurity(kioskCardFailures, kioskFailures, Duration.ofMinutes(kioskFailureWindowMinutes),
            Duration.ofMinutes(kioskLockMinutes), kioskRevealUnknownCard),
        new Retention(retentionLoanMonths, retentionBeyondCnil, rotatePatronKeyDays));
    try (ShutdownSignal signal = ShutdownSignal.install();
         Hub hub = Hub.start(config, c -> Sip2SigbGateway.connect(c.sigb()), Clock.systemUTC(),
             new IdentitiesSettings(httpsPort, hostNames, Optional.ofNullable(System.getenv(caPassphraseEnv))
                 .filter(p -> !p.isEmpty()).map(String::toCharArray)), accountSettings(),
             PrivacySettings.defaults().withContact(privacyContact))) {
      String host = hostNames.isEmpty() ? "127.0.0.1" : hostNames.get(0);
      System.out.println("Dashboard: http://" + host + ":" + hub.httpPort() + "/");
      System.out.println("Enrolment: https://" + host + ":" + hub.httpsPort());
      System.out.println("MQTT: " + hub.mqttsUri());
      if (insecureMqtt) {
        System.out.println("MQTT (insecure, no certificates): " + hub.mqttUri().replace("tcp://", "mqtt://"));
      }
      System.out.println("CA fingerprint: " + hub.caFingerprint().text());
      // systemd (the navette-hub unit): READY=1 now that HTTP and the broker serve, pings while the hub answers
      try (ServiceWatchdog systemd = HubLiveness.watch(httpBind, hub.httpPort(), SystemdNotify.fromEnvironment())) {
        systemd.ready();
        signal.await();
      }
    }
    return 0;
  }

  private AccountSettings accountSettings() {
    if (sessionIdleMinutes < 1 || sessionHours < 1 || Duration.ofHours(sessionHours).toMinutes() < sessionIdleMinutes) {
      throw new IllegalArgumentException("--session-idle-minutes and --session-hours: positive, the idle time within"
          + " the session's hours");
    }
    return AccountSettings.defaults().withExpiry(Duration.ofMinutes(sessionIdleMinutes),
        Duration.ofHours(sessionHours));
  }

  /** {@code --create-admin USER}: the account written into the hub's store; nothing else started. */
  private int createAdmin() {
    char[] password = password();
    String url = HubConfig.storeUrl(data, jdbcUrl);
    try (Database db = Database.open(url, dbUser, environment.apply(dbPasswordEnv))) {
      Clock clock = Clock.systemUTC();
      Accounts accounts = new Accounts(db, new AuditLog(db, clock), clock, AccountSettings.defaults(), Set::of);
      boolean created = accounts.createOrResetAdmin(createAdmin, password, "console:create-admin");
      String user = createAdmin.strip().toLowerCase(java.util.Locale.ROOT);
      out.println(created ? "Admin account " + user + " created in " + url.replaceAll("password=[^&]*", "password=***")
          + ": log in at the dashboard with it."
          : "Admin account " + user + " existed: now an enabled administrator with the new password.");
      return 0;
    } catch (ApiProblem e) {
      throw new IllegalArgumentException(createAdmin + ": " + e.getMessage(), e);
    } finally {
      Accounts.wipe(password);
    }
  }

  private char[] password() {
    if (passwordEnv != null) {
      String value = environment.apply(passwordEnv);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException("--password-env " + passwordEnv + ": the variable is not set");
      }
      return value.toCharArray();
    }
    char[] first = prompt.read("Mot de passe de " + createAdmin + " / password (" + Accounts.MIN_PASSWORD
        + "+ characters): ");
    if (first == null) {
      throw new IllegalArgumentException("no terminal to ask the password on: give it in a variable named by"
          + " --password-env NAME");
    }
    char[] again = prompt.read("Encore une fois / once more: ");
    if (again == null || !Arrays.equals(first, again)) {
      Accounts.wipe(first);
      if (again != null) {
        Accounts.wipe(again);
      }
      throw new IllegalArgumentException("the two passwords differ: nothing written");
    }
    Accounts.wipe(again);
    return first;
  }

  /** The terminal's prompt, echo off; null when there is no terminal (a pipe, a service). */
  private static char[] readFromConsole(String text) {
    Console console = System.console();
    if (console == null) {
      return null;
    }
    try { // Java 22+ gives a Console on a pipe too: ask whether it is a terminal (Java 21 API has no isTerminal)
      Object terminal = Console.class.getMethod("isTerminal").invoke(console);
      if (Boolean.FALSE.equals(terminal)) {
        return null;
      }
    } catch (ReflectiveOperationException e) {
      // Java 21: a Console exists only on a terminal
    }
    return console.readPassword("%s", text);
  }
}
