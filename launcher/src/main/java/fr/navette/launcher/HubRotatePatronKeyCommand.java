package fr.navette.launcher;

import fr.navette.hub.HubConfig;
import fr.navette.hub.audit.AuditLog;
import fr.navette.hub.kiosks.PatronKeyFile;
import fr.navette.hub.privacy.PatronKeys;
import fr.navette.hub.store.Database;
import fr.navette.schema.PatronPseudonym;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code navette hub rotate-patron-key}: a new current patron key in the hub's keyring (its store), audited as
 * {@code console:rotate-patron-key}. Running hubs take it within {@link PatronKeys#REFRESH}; the old key reads old
 * pseudonyms until the retention has passed, then the daily purge destroys it. Same as {@code POST
 * /api/admin/privacy/rotate-key}.
 */
@Command(name = "rotate-patron-key", mixinStandardHelpOptions = true,
    description = {"Fait une nouvelle clé patron : les nouveaux pseudonymes en dépendent ; l'ancienne ne sert plus"
        + " qu'à relire les anciens jusqu'à la fin de la durée de conservation, puis elle est détruite.",
        "Makes a new patron key: new pseudonyms are made with it; the old one only reads old pseudonyms until the"
        + " retention has passed, then it is destroyed."})
final class HubRotatePatronKeyCommand implements Callable<Integer> {
  @Option(names = "--data", defaultValue = "navette-data", description = "The hub's data folder: its SQLite store and patron.key (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--jdbc-url", description = "The hub's store when it is PostgreSQL (default: SQLite in --data).")
  String jdbcUrl;

  @Option(names = "--db-user", description = "PostgreSQL user.")
  String dbUser;

  @Option(names = "--db-password-env", defaultValue = "NAVETTE_DB_PASSWORD", description = "Environment variable holding the PostgreSQL password (default: ${DEFAULT-VALUE}).")
  String dbPasswordEnv;

  @Option(names = "--patron-key-env", defaultValue = "NAVETTE_PATRON_KEY", description = "Environment variable holding the network's patron key, as the hub was given it (default: ${DEFAULT-VALUE}; unset: --data/patron.key).")
  String patronKeyEnv;

  private final Function<String, String> environment;
  /** Where it says what it did (tests read it). */
  PrintStream out = System.out;

  HubRotatePatronKeyCommand() {
    this(System::getenv);
  }

  HubRotatePatronKeyCommand(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    String given = environment.apply(patronKeyEnv);
    // Never a new patron.key here: a keyring wrapped under another secret could not be opened.
    PatronPseudonym secret = given == null || given.isBlank() ? PatronKeyFile.load(data.resolve("patron.key"))
        : PatronKeyFile.parse(given, patronKeyEnv);
    String url = HubConfig.storeUrl(data, jdbcUrl);
    try (Database db = Database.open(url, dbUser, environment.apply(dbPasswordEnv))) {
      Clock clock = Clock.systemUTC();
      PatronKeys keys = new PatronKeys(db, secret, clock, new AuditLog(db, clock));
      String id = keys.rotate("console:rotate-patron-key");
      out.println("Nouvelle clé patron / new patron key: " + id + " (keys held: " + keys.heldKeyIds()
          + "); running hubs use it within " + PatronKeys.REFRESH.toSeconds() + " s.");
      return 0;
    }
  }
}
