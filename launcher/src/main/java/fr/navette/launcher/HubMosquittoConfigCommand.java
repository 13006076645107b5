package fr.navette.launcher;

import fr.navette.hub.HubConfig;
import fr.navette.hub.identities.IdentityRegistry;
import fr.navette.hub.store.Database;
import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import fr.navette.identity.HubCertificate;
import fr.navette.identity.KeyAndCertificate;
import fr.navette.identity.NetworkCa;
import fr.navette.identity.Revocation;
import fr.navette.identity.mosquitto.MosquittoConfig;
import fr.navette.identity.mosquitto.MosquittoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code navette hub mosquitto-config}: an external Mosquitto's files from the hub's registry and CA (identity's
 * README, "Mosquitto, the scale-out path"). Run it again after each revocation, then reload Mosquitto.
 */
@Command(name = "mosquitto-config", mixinStandardHelpOptions = true,
    description = {"Écrit la configuration d'un Mosquitto externe : écoute TLS, certificat exigé, droits par appareil,"
        + " liste de révocation. À relancer après chaque révocation, puis : systemctl reload mosquitto.",
        "Writes an external Mosquitto's configuration: TLS listener, client certificate required, per-device"
        + " permissions, revocation list. Run again after each revocation, then: systemctl reload mosquitto."})
final class HubMosquittoConfigCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = "navette-data", description = "The hub's data folder: its CA in ca/, its SQLite store (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--out", required = true, description = "Folder for navette.conf, navette.acl, navette.crl, ca.crt, hub.crt, hub.key.")
  Path out;

  @Option(names = "--jdbc-url", description = "The hub's store when it is PostgreSQL (default: SQLite in --data).")
  String jdbcUrl;

  @Option(names = "--db-user", description = "PostgreSQL user.")
  String dbUser;

  @Option(names = "--db-password-env", defaultValue = "NAVETTE_DB_PASSWORD", description = "Environment variable holding the PostgreSQL password (default: ${DEFAULT-VALUE}).")
  String dbPasswordEnv;

  @Option(names = "--listen", defaultValue = "0.0.0.0:8883", description = "The broker's TLS listener, address:port (default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(names = "--host-name", description = "A name devices reach the broker by, for the hub certificate it presents (repeatable).")
  List<String> hostNames = List.of();

  @Override
  public Integer call() {
    Path caFolder = data.resolve("ca");
    if (!Files.exists(caFolder.resolve(NetworkCa.CERTIFICATE_FILE))) {
      // Never make a CA here: devices enrolled with the hub's CA would not be known by another.
      throw new IllegalArgumentException("no network CA in " + caFolder + ": start the hub once with --data "
          + data + " (it makes the CA), then run this again");
    }
    int colon = listen.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("--listen is address:port, got " + listen);
    }
    MosquittoConfig.Listener listener = new MosquittoConfig.Listener(listen.substring(0, colon),
        Integer.parseInt(listen.substring(colon + 1)));
    Clock clock = Clock.systemUTC();
    NetworkCa ca = NetworkCa.openOrCreate(caFolder, clock);
    KeyAndCertificate hub = HubCertificate.loadOrIssue(caFolder, ca, hostNames, clock.instant());
    String url = HubConfig.storeUrl(data, jdbcUrl);
    List<DeviceIdentity> allowed;
    List<Revocation> revocations;
    try (Database db = Database.open(url, dbUser, System.getenv(dbPasswordEnv))) {
      IdentityRegistry registry = new IdentityRegistry(db);
      // Pending ones too: a device that enrols later then works without a new generation.
      allowed = registry.list().stream().filter(i -> !"revoked".equals(i.state()))
          .map(i -> new DeviceIdentity(i.deviceId(), i.site(), DeviceKind.fromWireName(i.kind()))).toList();
      revocations = registry.revocations();
    }
    Path conf = MosquittoFiles.write(out, listener, ca, hub, allowed, revocations);
    System.out.println(conf + ": " + allowed.size() + " identities, " + revocations.size() + " revoked certificates."
        + " Include it from Mosquitto's configuration, then: systemctl reload mosquitto");
    return 0;
  }
}
