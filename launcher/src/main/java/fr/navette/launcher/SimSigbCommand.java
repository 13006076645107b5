package fr.navette.launcher;

import fr.navette.agent.ShutdownSignal;
import fr.navette.sim.sigb.Patron;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import fr.navette.sim.sigb.SimulatedNetwork;
import fr.navette.sip2.codec.Sip2Encoding;
import fr.navette.sip2.codec.Terminator;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A whole library network's SIGB, speaking SIP2 over TCP, until Ctrl-C. */
@Command(
    name = "sigb",
    mixinStandardHelpOptions = true,
    description = {
      "Simule le SIGB d'un réseau de médiathèques (SIP2 sur TCP) ; affiche son port et des lecteurs de démonstration.",
      "Simulates a library network's SIGB (SIP2 over TCP); prints its port and demo patrons."
    })
final class SimSigbCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "6001", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--seed", defaultValue = "42", description = "Same seed, same network (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--user", defaultValue = "navette", description = "SIP2 login accepted (default: ${DEFAULT-VALUE})")
  String user;

  @Option(names = "--password", defaultValue = "navette", description = "SIP2 password accepted (default: ${DEFAULT-VALUE})")
  String password;

  @Option(names = "--institution", defaultValue = "RESEAU", description = "Institution id (AO) (default: ${DEFAULT-VALUE})")
  String institution;

  @Option(names = "--encoding", defaultValue = "utf-8", description = "ascii, utf-8, cp850 or iso-8859-1 (default: ${DEFAULT-VALUE})")
  String encoding;

  @Option(names = "--terminator", defaultValue = "cr", description = "What ends its replies: cr, crlf or lf (default: ${DEFAULT-VALUE})")
  String terminator;

  @Option(names = "--error-detection", description = "AY/AZ on replies, checked on requests")
  boolean errorDetection;

  @Option(names = "--branches", defaultValue = "15", description = "Number of branches (default: ${DEFAULT-VALUE})")
  int branches;

  @Option(names = "--items", defaultValue = "30000", description = "Number of items (default: ${DEFAULT-VALUE})")
  int items;

  @Option(names = "--patrons", defaultValue = "3000", description = "Number of patrons (default: ${DEFAULT-VALUE})")
  int patrons;

  @Option(names = "--idle-timeout", defaultValue = "0", description = "Drop a connection silently after this many seconds without a request; 0 = never")
  long idleTimeoutSeconds;

  @Option(names = "--response-delay", defaultValue = "0", description = "Milliseconds to wait before each reply (a slow SIGB)")
  long responseDelayMillis;

  @Option(names = "--garble-every", defaultValue = "0", description = "Fault: damage one byte of every n-th reply")
  int garbleEvery;

  @Option(names = "--bad-checksum-every", defaultValue = "0", description = "Fault: wrong AZ on every n-th reply (with --error-detection)")
  int badChecksumEvery;

  @Option(names = "--reset-every", defaultValue = "0", description = "Fault: process every n-th request, then reset the connection")
  int resetEvery;

  @Option(names = "--drop-request-every", defaultValue = "0", description = "Fault: reset the connection on every n-th request, unprocessed")
  int dropRequestEvery;

  @Option(names = "--ask-resend-every", defaultValue = "0", description = "Fault: answer every n-th request with 96 (resend)")
  int askResendEvery;

  @Option(names = "--tls-key-store", description = "Serve TLS with this PKCS#12 or JKS key store (certificate and key)")
  java.nio.file.Path tlsKeyStore;

  @Option(names = "--tls-key-store-password", defaultValue = "", description = "Its password")
  String tlsKeyStorePassword;

  @Override
  public Integer call() throws Exception {
    SigbSimulatorConfig config;
    try {
      config = SigbSimulatorConfig.builder().port(port).seed(seed).user(user).password(password)
          .institutionId(institution).encoding(Sip2Encoding.parse(encoding)).terminator(Terminator.parse(terminator))
          .errorDetection(errorDetection).size(new SigbSimulatorConfig.NetworkSize(branches, items, patrons))
          .idleTimeout(Duration.ofSeconds(idleTimeoutSeconds)).responseDelay(Duration.ofMillis(responseDelayMillis))
          .faults(new SigbSimulatorConfig.Faults(garbleEvery, badChecksumEvery, resetEvery, dropRequestEvery,
              askResendEvery))
          .build();
      if (tlsKeyStore != null) {
        config = config.toBuilder().tls(new SigbSimulatorConfig.ServerTls(tlsKeyStore, tlsKeyStorePassword)).build();
      }
    } catch (IllegalArgumentException e) {
      System.err.println("navette sim sigb: " + e.getMessage());
      return 2;
    }
    try (ShutdownSignal signal = ShutdownSignal.install(); SigbSimulator sim = SigbSimulator.start(config)) {
      describe(sim, System.out);
      System.out.flush();
      signal.await();
    }
    return 0;
  }

  private static void describe(SigbSimulator sim, PrintStream out) {
    SigbSimulatorConfig c = sim.config();
    SimulatedNetwork n = sim.network();
    out.println("SIGB (SIP2): 127.0.0.1:" + sim.port() + "  login " + c.user() + " / " + c.password() + "  institution "
        + c.institutionId() + "  " + c.format().encoding() + ", " + c.format().terminator()
        + (c.format().errorDetection() ? ", error detection" : "") + (c.tls().isPresent() ? ", TLS" : ""));
    // A developer's console, as --help and the logs: English only (staff and patrons never read it).
    out.println("Network: " + n.branches().size() + " branches (" + n.branches().get(0).code() + " "
        + n.branches().get(0).name() + " …), " + n.items().size() + " documents, " + n.patrons().size()
        + " patrons, " + n.loans().size() + " loans, " + n.holds().size() + " holds");
    out.println("Demo patrons (id, PIN, name, home, state):");
    for (Patron p : n.demoPatrons()) {
      out.println("  " + p.id() + "  " + p.pin() + "  " + p.name() + "  " + p.homeBranch() + "  " + state(n, p));
    }
  }

  private static String state(SimulatedNetwork n, Patron p) {
    List<String> s = new ArrayList<>();
    if (p.cardExpired()) {
      s.add("card expired");
    }
    if (p.tooManyItems()) {
      s.add("too many items");
    }
    if (n.balanceCents(p.id()) > Patron.FEE_LIMIT_CENTS) {
      s.add(String.format(java.util.Locale.ROOT, "fees %.2f EUR", n.balanceCents(p.id()) / 100.0));
    }
    return s.isEmpty() ? "ok, " + n.loansOf(p.id()).size() + " loan(s)" : String.join(", ", s);
  }
}
