package fr.navette.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.navette.identity.EnrolmentClient;
import fr.navette.identity.EnrolmentException;
import fr.navette.identity.EnrolmentString;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code navette enrol --hub https://HOST:PORT --enrolment NAV1-… --dir DIR}: run once on a device by whoever
 * installs it. The hub's CA is checked against the string's fingerprint before the token is sent; the key is made
 * here and never leaves {@code DIR}. Prints one JSON line.
 */
@Command(name = "enrol", mixinStandardHelpOptions = true,
    description = {
      "Enrols this device with the one-time enrolment string the administrator gave; writes its identity to --dir.",
      "Enrôle cet appareil avec la chaîne d'enrôlement à usage unique donnée par l'administrateur ; écrit son"
          + " identité dans --dir.",
      "",
      "DIR then holds device.key (0600), device.crt, ca.crt (PEM) and enrolment.json; run the device with"
          + " --identity DIR."})
public final class EnrolCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--hub", required = true, paramLabel = "URL",
      description = "The hub's HTTPS address, e.g. https://hub.example:8443.")
  URI hub;

  @Option(names = "--enrolment", required = true, paramLabel = "NAV1-…",
      description = "The enrolment string (NAV1-…), or - to read it from standard input.")
  String enrolment;

  @Option(names = "--dir", required = true, paramLabel = "DIR",
      description = "The device's identity folder (made 0700 if missing).")
  Path dir;

  @Option(names = "--timeout", defaultValue = "PT30S", paramLabel = "DURATION",
      description = "How long to wait for the hub, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws IOException {
    if (!"https".equalsIgnoreCase(hub.getScheme()) || hub.getHost() == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--hub must be the hub's https:// address (enrolment is served over TLS only), got " + hub);
    }
    EnrolmentString parsed;
    try {
      parsed = EnrolmentString.parse("-".equals(enrolment) ? stdinLine() : enrolment);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--enrolment: " + e.getMessage());
    }
    EnrolmentClient.Enrolled enrolled;
    try {
      enrolled = new EnrolmentClient(timeout).enrol(hub, parsed, dir);
    } catch (EnrolmentException e) {
      throw new EnrolmentException(e.code(), "enrolment failed (" + e.code() + "): " + e.getMessage(), e);
    }
    ObjectNode line = AdminClient.JSON.createObjectNode()
        .put("deviceId", enrolled.identity().id())
        .put("site", enrolled.identity().site())
        .put("kind", enrolled.identity().kind().wireName())
        .put("broker", enrolled.broker().toString())
        .put("notAfter", enrolled.notAfter().toString())
        .put("dir", dir.toAbsolutePath().toString());
    PrintWriter out = spec.commandLine().getOut();
    out.println(line.toString());
    out.flush();
    return 0;
  }

  private static String stdinLine() throws IOException {
    String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return line == null ? "" : line;
  }
}
