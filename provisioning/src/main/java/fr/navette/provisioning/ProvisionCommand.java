package fr.navette.provisioning;

import com.fasterxml.jackson.databind.JsonNode;
import fr.navette.identity.EnrolmentQr;
import fr.navette.identity.EnrolmentString;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code navette provision --hub https://HOST:PORT device add|list|revoke|renew}: the hub's admin API for the
 * network administrator and the scripts they write. Each command prints one JSON line on standard output (the hub's
 * answer); errors go to standard error with a non-zero exit. The admin token comes from {@code NAVETTE_ADMIN_TOKEN}
 * (never an argument: the process list would show it), and is sent only once the hub has shown the network's CA
 * ({@link HubTrust}).
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
    description = {
      "The network administrator's device identities on the hub: add, list, revoke, renew (one JSON line each).",
      "Les identités des appareils sur le hub, pour l'administrateur du réseau : ajout, liste, révocation, nouvelle"
          + " chaîne d'enrôlement (une ligne JSON chacune).",
      "",
      "The admin token is read from NAVETTE_ADMIN_TOKEN. It is sent only to a hub that shows the network CA:"
          + " --ca FILE, --ca-fingerprint FP (or NAVETTE_CA_FINGERPRINT), or an admin token NAVA1-… carrying it."},
    subcommands = ProvisionCommand.Device.class)
public final class ProvisionCommand implements Runnable {
  public static final String TOKEN_VARIABLE = "NAVETTE_ADMIN_TOKEN";
  public static final String FINGERPRINT_VARIABLE = "NAVETTE_CA_FINGERPRINT";

  private final Function<String, String> environment;

  @Option(names = "--hub", required = true, paramLabel = "URL",
      description = "The hub's HTTPS address, e.g. https://hub.example:8443.")
  URI hub;

  @Option(names = "--ca", paramLabel = "FILE", description = "The network CA's certificate (PEM) to trust.")
  Path caFile;

  @Option(names = "--ca-fingerprint", paramLabel = "FP",
      description = "The network CA's fingerprint (as enrolment strings end, or sha256:<hex>); default:"
          + " NAVETTE_CA_FINGERPRINT.")
  String caFingerprint;

  @Option(names = "--timeout", defaultValue = "PT15S", paramLabel = "DURATION",
      description = "How long to wait for the hub, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Spec CommandLine.Model.CommandSpec spec;

  public ProvisionCommand() {
    this(System::getenv);
  }

  /** {@code environment}: where {@code NAVETTE_ADMIN_TOKEN} and {@code NAVETTE_CA_FINGERPRINT} are read (tests). */
  public ProvisionCommand(Function<String, String> environment) {
    this.environment = environment;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try provision device --help");
  }

  AdminClient client() {
    if (!"https".equalsIgnoreCase(hub.getScheme()) || hub.getHost() == null) {
      throw new AdminException("refused", "--hub must be the hub's https:// address (the admin API is served over"
          + " TLS only), got " + hub);
    }
    String token = environment.apply(TOKEN_VARIABLE);
    if (token == null || token.isBlank()) {
      throw new AdminException("token-refused", "no admin token: set " + TOKEN_VARIABLE
          + " (the hub's admin token, e.g. the NAVA1-… one it printed)");
    }
    Optional<String> fingerprint = Optional.ofNullable(caFingerprint)
        .or(() -> Optional.ofNullable(environment.apply(FINGERPRINT_VARIABLE)));
    return new AdminClient(hub, HubTrust.networkCa(hub, Optional.ofNullable(caFile), fingerprint, token, timeout),
        token, timeout);
  }

  /** {@code device add|list|revoke|renew}. */
  @Command(name = "device", mixinStandardHelpOptions = true,
      description = {"A device's identity: add, list, revoke, renew.",
          "L'identité d'un appareil : ajout, liste, révocation, nouvelle chaîne d'enrôlement."})
  public static final class Device implements Runnable {
    @ParentCommand ProvisionCommand provision;
    @Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: add, list, revoke or renew");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a device and prints its one-time enrolment string (and its QR code on a terminal).",
            "Ajoute un appareil et affiche sa chaîne d'enrôlement à usage unique (et son code QR sur un terminal)."})
    int add(
        @Option(names = "--id", required = true, description = "Device id, e.g. gate-BR01-1.") String id,
        @Option(names = "--site", description = "Site (branch code), e.g. BR01.") String site,
        @Option(names = "--kind", required = true, description = "gate, self-check, return-box or monitor.")
            String kind,
        @Option(names = "--qr", description = "Draw the QR code on standard error even when it is not a terminal.")
            boolean qr) {
      return withEnrolment(call(client -> client.add(id, site, kind)), qr);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the devices (one line: a JSON array).", "Liste les appareils (une ligne : un tableau"
            + " JSON)."})
    int list() {
      return print(call(AdminClient::list));
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
        description = {"Revokes a device's certificate; it is cut off at its next connection.",
            "Révoque le certificat d'un appareil ; il est coupé à sa prochaine connexion."})
    int revoke(@Parameters(paramLabel = "ID", description = "The device id.") String id) {
      return print(call(client -> client.revoke(id)));
    }

    @Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"A new one-time enrolment string for a known device (lost key, expired string, revoked).",
            "Une nouvelle chaîne d'enrôlement pour un appareil connu (clé perdue, chaîne expirée, révoqué)."})
    int renew(@Parameters(paramLabel = "ID", description = "The device id.") String id,
        @Option(names = "--qr", description = "Draw the QR code on standard error even when it is not a terminal.")
            boolean qr) {
      return withEnrolment(call(client -> client.renew(id)), qr);
    }

    private JsonNode call(Function<AdminClient, JsonNode> action) {
      try (AdminClient client = provision.client()) {
        return action.apply(client);
      }
    }

    private int withEnrolment(JsonNode answer, boolean qr) {
      print(answer);
      if (qr || Terminal.stderrIsTerminal()) {
        PrintWriter err = spec.commandLine().getErr();
        try {
          err.print(EnrolmentQr.terminal(EnrolmentString.parse(answer.path("enrolment").asText())));
        } catch (IllegalArgumentException e) {
          err.println("(no QR code: " + e.getMessage() + ")");
        }
        err.flush();
      }
      return 0;
    }

    private int print(JsonNode answer) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(answer.toString());
      out.flush();
      return 0;
    }
  }

  /** For {@code Map}-backed environments in tests. */
  public static ProvisionCommand withEnvironment(Map<String, String> environment) {
    return new ProvisionCommand(environment::get);
  }
}
