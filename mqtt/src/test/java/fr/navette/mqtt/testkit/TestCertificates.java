package fr.navette.mqtt.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made by openssl for a test, in its folder, as provisioning will make them: CAs, certificates they
 * sign, PKCS#12 stores. The test is skipped when {@code /usr/bin/openssl} is absent.
 */
public final class TestCertificates {
  private final Path dir;

  public TestCertificates(Path dir) {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "no /usr/bin/openssl to make test certificates");
    this.dir = dir;
  }

  /** A self-signed CA: {@code <name>.crt} (PEM) and {@code <name>.key}. */
  public Path ca(String name) throws Exception {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + name,
        "-keyout", name + ".key", "-out", name + ".crt");
    return dir.resolve(name + ".crt");
  }

  /** {@code <name>.crt} and {@code <name>.key}, signed by {@code ca}, with one X.509 v3 extension line. */
  public Path signed(String name, String ca, String subject, String extension) throws Exception {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + ".key", "-out", name + ".csr");
    Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
    openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
        "-days", "2", "-extfile", name + ".ext", "-out", name + ".crt");
    return dir.resolve(name + ".crt");
  }

  /**
   * As {@link #signed}, with an EC P-256 key (what enrolled devices hold); {@code <name>.key} is PKCS#8 PEM, as
   * OpenSSL 3 writes keys.
   */
  public Path signedEc(String name, String ca, String subject, String extension) throws Exception {
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", subject,
        "-keyout", name + ".key", "-out", name + ".csr");
    Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
    openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key", "-CAcreateserial",
        "-days", "2", "-extfile", name + ".ext", "-out", name + ".crt");
    return dir.resolve(name + ".crt");
  }

  /** A broker's certificate for 127.0.0.1, signed by {@code ca}. */
  public Path localServer(String name, String ca) throws Exception {
    return signed(name, ca, "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1");
  }

  /** {@code <name>.p12}: {@code <name>}'s key and certificate, under {@code password}. */
  public Path pkcs12(String name, String password) throws Exception {
    openssl("pkcs12", "-export", "-in", name + ".crt", "-inkey", name + ".key", "-passout", "pass:" + password,
        "-out", name + ".p12");
    return dir.resolve(name + ".p12");
  }

  private void openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + output);
    }
  }
}
