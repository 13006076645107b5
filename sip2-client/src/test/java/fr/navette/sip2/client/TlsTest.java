package fr.navette.sip2.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIP2 over TLS, with a certificate made by the JDK's keytool for 127.0.0.1. */
class TlsTest {
  @TempDir static Path dir;
  static Path serverKeys;
  static Path trust;

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as("keytool %s: %s", args[0], out).isZero();
  }

  @BeforeAll
  static void certificates() throws Exception {
    serverKeys = dir.resolve("sigb.p12");
    trust = dir.resolve("trust.p12");
    Path cert = dir.resolve("sigb.crt");
    keytool("-genkeypair", "-alias", "sigb", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=sigb.test",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
        serverKeys.toString(), "-storepass", "changeit");
    keytool("-exportcert", "-alias", "sigb", "-keystore", serverKeys.toString(), "-storepass", "changeit", "-file",
        cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "sigb", "-file", cert.toString(), "-storetype", "PKCS12",
        "-keystore", trust.toString(), "-storepass", "trustpw");
  }

  @Test
  void talksSip2OverTls() {
    try (SigbSimulator sim = SigbSimulator.start(SimulatorFixture.config()
            .tls(new SigbSimulatorConfig.ServerTls(serverKeys, "changeit")).build());
        Sip2SessionPool pool = new Sip2SessionPool(SimulatorFixture.client(sim)
            .tls(new Sip2Tls(Optional.of(trust), Optional.of("trustpw"), Optional.empty(), Optional.empty())).build())) {
      assertThat(pool.status().online()).isTrue();
      String id = sim.network().items().get(0).id();
      assertThat(pool.itemInformation(id).titleId()).isEqualTo(sim.network().items().get(0).title());
    }
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    try (SigbSimulator sim = SigbSimulator.start(SimulatorFixture.config()
            .tls(new SigbSimulatorConfig.ServerTls(serverKeys, "changeit")).build());
        Sip2SessionPool pool = new Sip2SessionPool(SimulatorFixture.client(sim).tls(Sip2Tls.defaultTrust()).build())) {
      assertThatThrownBy(pool::status).isInstanceOf(Sip2ConnectionException.class)
          .hasMessageContaining("cannot connect");
    }
  }

  @Test
  void aPlainClientGetsNoSip2FromATlsServer() {
    try (SigbSimulator sim = SigbSimulator.start(SimulatorFixture.config()
            .tls(new SigbSimulatorConfig.ServerTls(serverKeys, "changeit")).build());
        Sip2SessionPool pool = new Sip2SessionPool(SimulatorFixture.client(sim)
            .requestTimeout(java.time.Duration.ofSeconds(2)).build())) {
      assertThatThrownBy(pool::status).isInstanceOf(Sip2Exception.class);
    }
  }
}
