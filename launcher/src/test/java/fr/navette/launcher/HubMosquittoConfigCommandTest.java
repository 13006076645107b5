package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.hub.identities.IdentityRegistry;
import fr.navette.hub.store.Database;
import fr.navette.identity.DeviceIdentity;
import fr.navette.identity.DeviceKind;
import fr.navette.identity.NetworkCa;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code navette hub mosquitto-config} reads the hub's registry and CA and writes what Mosquitto needs. */
class HubMosquittoConfigCommandTest {
  @TempDir Path tmp;

  @Test
  void writesTheAclWithoutTheRevokedDeviceAndTheCrlWithItsSerial() throws Exception {
    Path data = tmp.resolve("data");
    NetworkCa.openOrCreate(data.resolve("ca"), Clock.systemUTC());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    BigInteger revokedSerial = new BigInteger("0f1e2d3c4b5a69788796a5b4c3d2e1f0", 16);
    try (Database db = Database.sqlite(data.resolve("hub.db"))) {
      IdentityRegistry registry = new IdentityRegistry(db);
      registry.create(new DeviceIdentity("gate-01", "BIB-NORD", DeviceKind.GATE), now);
      registry.create(new DeviceIdentity("gate-07", "BIB-SUD", DeviceKind.GATE), now);
      registry.issued("gate-07", revokedSerial.toString(16), now.plusSeconds(86_400), now, false);
      registry.revoke("gate-07", now);
    }
    Path out = tmp.resolve("mosquitto");

    int exit = Navette.commandLine().execute("hub", "mosquitto-config", "--data", data.toString(),
        "--out", out.toString(), "--listen", "127.0.0.1:8884");

    assertThat(exit).isZero();
    String acl = Files.readString(out.resolve("navette.acl"));
    assertThat(acl).contains("user hub\n", "user gate-01\n", "topic write navette/v1/BIB-NORD/gate-01/alarm")
        .doesNotContain("gate-07");
    assertThat(Files.readString(out.resolve("navette.conf"))).contains("listener 8884 127.0.0.1",
        "crlfile " + out.toAbsolutePath().resolve("navette.crl"));
    try (InputStream in = Files.newInputStream(out.resolve("navette.crl"))) {
      X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
      assertThat(crl.getRevokedCertificate(revokedSerial)).isNotNull();
    }
  }

  @Test
  void refusesToRunWithoutTheHubsCa() {
    StringWriter err = new StringWriter();
    CommandLine cli = Navette.commandLine();
    cli.setErr(new PrintWriter(err));
    cli.getSubcommands().get("hub").getSubcommands().get("mosquitto-config").setErr(new PrintWriter(err));

    int exit = cli.execute("hub", "mosquitto-config", "--data", tmp.resolve("empty").toString(),
        "--out", tmp.resolve("out").toString());

    assertThat(exit).isOne();
    assertThat(err.toString()).contains("no network CA in");
    assertThat(tmp.resolve("empty/ca")).doesNotExist();
  }
}
