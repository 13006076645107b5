package fr.navette.hub;

import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.transits.NetworkRules;
import fr.navette.hub.alerts.AlertChannels;
import fr.navette.hub.kiosks.KioskSecurity;
import fr.navette.hub.privacy.Retention;
import fr.navette.hub.web.StaffAccess;
import fr.navette.schema.PatronPseudonym;
import fr.navette.hub.events.WorkLimits;
import java.time.Duration;
import java.time.ZoneId;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The hub's configuration, parsed once and validated here; the value in force is logged at start.
 *
 * @param dataFolder where the embedded broker keeps its state and the default SQLite file lives
 * @param jdbcUrl the store; {@code jdbc:sqlite:...} (default) or {@code jdbc:postgresql://...}
 * @param externalBrokerUri an external broker (scale-out, e.g. Mosquitto); null runs the embedded broker
 * @param mqttBind the address the embedded broker listens on
 * @param mqttPort the embedded broker's MQTTS port, client certificates required (0 = any free port)
 * @param insecureMqttPort a plain MQTT listener of the embedded broker, anyone admitted to everything:
 *     {@link #NO_PLAIN_MQTT} (the default) unless asked for by name ({@code --insecure-mqtt}; tests that need it)
 * @param httpPort the dashboard and API port (0 = any free port)
 * @param hubId this hub's MQTT client id; hubs sharing the load use different ids and one share group
 * @param shareGroup the MQTT 5 shared-subscription group of the hubs that split this network's events
 * @param rules the shuttle's rounds, floating collections, overdue delay
 * @param zone the network's time zone (manifests are per local day)
 * @param patronKey the network key that turns patron barcodes into pseudonyms; null = a key kept in
 *     {@code dataFolder/patron.key}, made at first start (hubs sharing the load must share one key: give it)
 * @param staffAccess the bearer tokens that let staff and admins POST to the API; null = open (demo)
 * @param kioskSecurity the kiosks' PIN limits and whether an unknown card may be told from a wrong PIN; null =
 *     {@link KioskSecurity#defaults()}
 * @param retention how long links between patrons and documents are kept, and the patron key's rotation; null =
 *     {@link Retention#cnil()}
 */
public record HubConfig(Path dataFolder, String jdbcUrl, String dbUser, String dbPassword,
                        String externalBrokerUri, String mqttBind, int mqttPort, int insecureMqttPort, String httpBind,
                        int httpPort,
                        String hubId, String shareGroup, SigbSettings sigb, NetworkRules rules, ZoneId zone,
                        Monitoring monitoring, PatronPseudonym patronKey, StaffAccess staffAccess,
                        KioskSecurity kioskSecurity, Retention retention) {
  /** No plain MQTT listener. */
  public static final int NO_PLAIN_MQTT = -1;

  public HubConfig {
    Objects.requireNonNull(dataFolder, "dataFolder");
    if (insecureMqttPort != NO_PLAIN_MQTT) {
      requirePort("insecure mqtt port", insecureMqttPort);
    }
    Objects.requireNonNull(sigb, "sigb");
    Objects.requireNonNull(rules, "network rules");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(monitoring, "monitoring");
    jdbcUrl = storeUrl(dataFolder, jdbcUrl);
    if (!jdbcUrl.startsWith("jdbc:sqlite:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("store: jdbc URL must be jdbc:sqlite:... or jdbc:postgresql:..., got " + jdbcUrl);
    }
    requirePort("mqtt port", mqttPort);
    requirePort("http port", httpPort);
    if (hubId == null || hubId.isBlank()) {
      hubId = "navette-hub";
    }
    if (shareGroup == null || shareGroup.isBlank()) {
      shareGroup = "navette-hub";
    }
    if (staffAccess == null) {
      staffAccess = StaffAccess.open();
    }
    if (kioskSecurity == null) {
      kioskSecurity = KioskSecurity.defaults();
    }
    if (retention == null) {
      retention = Retention.cnil();
    }
  }

  /** Defaults for one hub on one machine: SQLite and the embedded broker under {@code dataFolder}. */
  public static HubConfig local(Path dataFolder, int mqttPort, int httpPort, SigbSettings sigb) {
    return new HubConfig(dataFolder, null, null, null, null, "127.0.0.1", mqttPort, NO_PLAIN_MQTT, "127.0.0.1",
        httpPort,
        "navette-hub", "navette-hub", sigb, NetworkRules.defaults(), ZoneId.systemDefault(), Monitoring.defaults(),
        null, null, null, null);
  }

  /**
   * What the watchdog looks for and how often, and where alerts go besides {@code /api/alerts}.
   *
   * @param deviceOfflineAfter a device silent (or offline) this long raises an alert
   */
  public record Monitoring(Duration deviceOfflineAfter, Duration watchEvery, AlertChannels alertChannels,
                           WorkLimits work) {
    public Monitoring {
      if (deviceOfflineAfter.isNegative() || deviceOfflineAfter.isZero() || watchEvery.isNegative() || watchEvery.isZero()) {
        throw new IllegalArgumentException("monitoring durations must be positive");
      }
      Objects.requireNonNull(alertChannels, "alertChannels");
      Objects.requireNonNull(work, "work");
    }

    /** With the default {@link WorkLimits}. */
    public Monitoring(Duration deviceOfflineAfter, Duration watchEvery, AlertChannels alertChannels) {
      this(deviceOfflineAfter, watchEvery, alertChannels, WorkLimits.defaults());
    }

    public static Monitoring defaults() {
      return new Monitoring(Duration.ofMinutes(5), Duration.ofSeconds(30), AlertChannels.none());
    }

    public Monitoring withWork(WorkLimits limits) {
      return new Monitoring(deviceOfflineAfter, watchEvery, alertChannels, limits);
    }
  }

  public HubConfig withMonitoring(Monitoring newMonitoring) {
    return new HubConfig(dataFolder, jdbcUrl, dbUser, dbPassword, externalBrokerUri, mqttBind, mqttPort,
        insecureMqttPort, httpBind, httpPort, hubId, shareGroup, sigb, rules, zone, newMonitoring, patronKey, staffAccess, kioskSecurity, retention);
  }

  /** An external broker (scale-out): this hub's client id, and the share group of the hubs splitting the load. */
  public HubConfig withBroker(String brokerUri, String id, String group) {
    return new HubConfig(dataFolder, jdbcUrl, dbUser, dbPassword, brokerUri, mqttBind, mqttPort,
        insecureMqttPort, httpBind, httpPort, id, group, sigb, rules, zone, monitoring, patronKey, staffAccess, kioskSecurity, retention);
  }

  public HubConfig withStore(String url, String user, String password) {
    return new HubConfig(dataFolder, url, user, password, externalBrokerUri, mqttBind, mqttPort,
        insecureMqttPort, httpBind, httpPort, hubId, shareGroup, sigb, rules, zone, monitoring, patronKey, staffAccess, kioskSecurity, retention);
  }

  public HubConfig withRules(NetworkRules newRules) {
    return new HubConfig(dataFolder, jdbcUrl, dbUser, dbPassword, externalBrokerUri, mqttBind, mqttPort,
        insecureMqttPort, httpBind, httpPort, hubId, shareGroup, sigb, newRules, zone, monitoring, patronKey, staffAccess, kioskSecurity, retention);
  }

  /** The network's time zone: its local days (manifests, statistics). */
  public HubConfig withZone(ZoneId newZone) {
    return new HubConfig(dataFolder, jdbcUrl, dbUser, dbPassword, externalBrokerUri, mqttBind, mqttPort,
        insecureMqttPort, httpBind, httpPort, hubId, shareGroup, sigb, rules, newZone, monitoring, patronKey, staffAccess, kioskSecurity, retention);
  }

  public HubConfig withPatronKey(PatronPseudonym key) {
    return new HubConfig(dataFolder, jdbcUrl, dbUser, dbPassword, externalBrokerUri, mqttBind, mqttPort,
        insecureMqttPort, httpBind, httpPort, hubId, shareGroup, sigb, rules, zone, monitoring, key, staffAccess, kioskSecurity, retention);
  }

  public HubConfig withStaffAccess(StaffAccess access) {
    return new HubConfig(dataFolder, jdbcUrl, dbUser, dbPassword, externalBrokerUri, mqttBind, mqttPort,
        insecureMqttPort, httpBind, httpPort, hubId, shareGroup, sigb, rules, zone, monitoring, patronKey, access, kioskSecurity, retention);
  }

  /**
   * Adds the embedded broker's plain listener on {@code port} (0 = any free port), where anyone may do anything:
   * for tests of other things than security, and a network that asked for it by name.
   */
  public HubConfig withInsecureMqtt(int port) {
    return new HubConfig(dataFolder, jdbcUrl, dbUser, dbPassword, externalBrokerUri, mqttBind, mqttPort, port,
        httpBind, httpPort, hubId, shareGroup, sigb, rules, zone, monitoring, patronKey, staffAccess, kioskSecurity, retention);
  }

  public boolean insecureMqtt() {
    return insecureMqttPort != NO_PLAIN_MQTT;
  }

  public HubConfig withKioskSecurity(KioskSecurity security) {
    return new HubConfig(dataFolder, jdbcUrl, dbUser, dbPassword, externalBrokerUri, mqttBind, mqttPort,
        insecureMqttPort, httpBind, httpPort, hubId, shareGroup, sigb, rules, zone, monitoring, patronKey, staffAccess,
        security, retention);
  }

  /** How long patron links are kept, and the patron key's rotation (DESIGN §9). */
  public HubConfig withRetention(Retention newRetention) {
    return new HubConfig(dataFolder, jdbcUrl, dbUser, dbPassword, externalBrokerUri, mqttBind, mqttPort,
        insecureMqttPort, httpBind, httpPort, hubId, shareGroup, sigb, rules, zone, monitoring, patronKey, staffAccess,
        kioskSecurity, newRetention);
  }

  public boolean embeddedBroker() {
    return externalBrokerUri == null;
  }

  /** No password in logs. */
  @Override
  public String toString() {
    return "HubConfig[data=" + dataFolder + ", store=" + jdbcUrl.replaceAll("password=[^&]*", "password=***")
        + ", broker=" + (embeddedBroker() ? "embedded " + mqttBind + ":" + mqttPort + " (MQTTS)"
        + (insecureMqtt() ? " and plain MQTT :" + insecureMqttPort + " (insecure)" : "") : externalBrokerUri)
        + ", http=" + httpBind + ":" + httpPort + ", hubId=" + hubId + ", shareGroup=" + shareGroup + ", sigb=" + sigb + ", routes="
        + rules.routes().size() + ", floating=" + rules.floatingCollections() + ", overdue after "
        + rules.transitOverdueAfter() + ", zone=" + zone + ", patron key "
        + (patronKey == null ? "in " + dataFolder.resolve("patron.key") : patronKey.keyId()) + ", staff API " + staffAccess
        + ", kiosk PIN limits " + kioskSecurity + ", retention: " + retention + "]";
  }

  private static void requirePort(String what, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(what + " must be 0..65535, got " + port);
    }
  }

  /**
   * The hub's store: {@code jdbcUrl} when given (PostgreSQL), else the SQLite file {@code hub.db} in the data folder —
   * the one rule the hub and its offline commands (create-admin, rotate-patron-key, mosquitto-config) share, so that
   * they all open the store the service uses.
   */
  public static String storeUrl(Path dataFolder, String jdbcUrl) {
    return jdbcUrl != null ? jdbcUrl : "jdbc:sqlite:" + dataFolder.resolve("hub.db").toAbsolutePath();
  }
}
