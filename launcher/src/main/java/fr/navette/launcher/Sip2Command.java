package fr.navette.launcher;

import ch.qos.logback.classic.Level;
import fr.navette.sip2.client.Sip2ClientConfig;
import fr.navette.sip2.client.Sip2Exception;
import fr.navette.sip2.client.Sip2Tls;
import fr.navette.sip2.client.diagnostics.Sip2Diagnostics;
import fr.navette.sip2.codec.Sip2Encoding;
import fr.navette.sip2.codec.Terminator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * SIP2 diagnostics client: logs in, sends one request, prints the decoded reply as one JSON line.
 * What an admin runs to test a new SIGB connection. Exit 0 on a reply, 1 on a connection, protocol or
 * login error (message on stderr), 2 on a bad command line.
 */
@Command(
    name = "sip2",
    mixinStandardHelpOptions = true,
    description = {
      "Client SIP2 de diagnostic : se connecte, envoie une requête, affiche la réponse décodée (une ligne JSON).",
      "SIP2 diagnostics client: logs in, sends one request, prints the decoded reply as one JSON line.",
      "",
      "Commands: login | status | patron-status PATRON [--pin P] | patron-info PATRON [--pin P] | item-info ITEM",
      "  | checkout PATRON ITEM [--pin P] | checkin ITEM [--return-date ISO] | renew PATRON ITEM",
      "  | end-session PATRON | raw 'MESSAGE' ({now} = the current SIP2 date)"
    })
final class Sip2Command implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--host", required = true, description = "SIGB host")
  String host;

  @Option(names = "--port", required = true, description = "SIGB SIP2 port")
  int port;

  @Option(names = "--user", required = true, description = "SIP2 login (CN)")
  String user;

  @Option(names = "--password", required = true, description = "SIP2 password (CO); never printed")
  String password;

  @Option(names = "--location", defaultValue = "", description = "Location code: CP at login, AP at checkin")
  String location;

  @Option(names = "--institution", defaultValue = "", description = "Institution id (AO)")
  String institution;

  @Option(names = "--encoding", defaultValue = "utf-8", description = "ascii, utf-8, cp850 or iso-8859-1 (default: ${DEFAULT-VALUE})")
  String encoding;

  @Option(names = "--terminator", defaultValue = "cr", description = "cr, crlf or lf (default: ${DEFAULT-VALUE})")
  String terminator;

  @Option(names = "--error-detection", description = "Send AY/AZ and check them on replies")
  boolean errorDetection;

  @Option(names = "--tls", description = "TLS to the SIGB (SIP2 is clear text otherwise)")
  boolean tls;

  @Option(names = "--trust-store", description = "PKCS#12 or JKS trust store for --tls (default: the JDK's CAs)")
  Path trustStore;

  @Option(names = "--trust-store-password", description = "Its password")
  String trustStorePassword;

  @Option(names = "--key-store", description = "Client certificate (PKCS#12 or JKS) for SIGBs that ask for one")
  Path keyStore;

  @Option(names = "--key-store-password", description = "Its password")
  String keyStorePassword;

  @Option(names = "--timeout", defaultValue = "10", description = "Seconds for the whole exchange (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Option(names = "--zone", description = "The SIGB's time zone for dates (default: this machine's)")
  String zone;

  @Option(names = "--pin", description = "Patron PIN (AD); never printed")
  String pin;

  @Option(names = "--return-date", description = "Checkin return date: 2026-01-15, 2026-01-15T18:30 (SIGB time) or 2026-01-15T17:30:00Z")
  String returnDate;

  @Option(names = "--verbose", description = "Show the SIP2 exchange on stderr (PINs and passwords masked)")
  boolean verbose;

  @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments")
  List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    quietUnlessVerbose();
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    try {
      ZoneId sigbZone = zone == null ? ZoneId.systemDefault() : ZoneId.of(zone);
      Sip2ClientConfig config = Sip2ClientConfig.builder().host(host).port(port).user(user).password(password)
          .location(location).institution(institution).encoding(Sip2Encoding.parse(encoding))
          .terminator(Terminator.parse(terminator)).errorDetection(errorDetection)
          .requestTimeout(Duration.ofSeconds(timeoutSeconds)).zone(sigbZone).tls(tlsSettings()).build();
      Sip2Diagnostics.Result r = new Sip2Diagnostics(config, System.out.charset())
          .run(words.get(0), words.subList(1, words.size()), Optional.ofNullable(pin), parseReturnDate(sigbZone));
      out.println(r.json());
      out.flush();
      if (!r.accepted()) {
        err.println("navette sip2: the SIGB refused the login of '" + user + "' (check user, password and location)");
        return 1;
      }
      return 0;
    } catch (Sip2Exception e) {
      err.println("navette sip2: " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException | DateTimeException e) {
      err.println("navette sip2: " + e.getMessage() + " (see ./navette sip2 --help)");
      return 2;
    }
  }

  private Optional<Sip2Tls> tlsSettings() {
    if (!tls) {
      if (trustStore != null || keyStore != null) {
        throw new IllegalArgumentException("--trust-store and --key-store need --tls");
      }
      return Optional.empty();
    }
    return Optional.of(new Sip2Tls(Optional.ofNullable(trustStore), Optional.ofNullable(trustStorePassword),
        Optional.ofNullable(keyStore), Optional.ofNullable(keyStorePassword)));
  }

  private Optional<Instant> parseReturnDate(ZoneId sigbZone) {
    if (returnDate == null) {
      return Optional.empty();
    }
    String s = returnDate.trim();
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeException notOffset) {
      try {
        return Optional.of(LocalDateTime.parse(s).atZone(sigbZone).toInstant());
      } catch (DateTimeException notLocal) {
        try {
          return Optional.of(LocalDate.parse(s).atStartOfDay(sigbZone).toInstant());
        } catch (DateTimeException e) {
          throw new IllegalArgumentException("--return-date '" + s + "' is not an ISO date or date-time");
        }
      }
    }
  }

  private void quietUnlessVerbose() {
    if (LoggerFactory.getLogger("fr.navette") instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(verbose ? Level.DEBUG : Level.ERROR); // failures reach stderr as our own one-line message
    }
  }
}
