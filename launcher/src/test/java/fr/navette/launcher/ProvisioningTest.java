package fr.navette.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import fr.navette.agent.ConfigTarget;
import fr.navette.agent.DeviceRuntime;
import fr.navette.agent.EnrolledDevice;
import fr.navette.agent.IdentityRenewal;
import fr.navette.agent.SessionSettings;
import fr.navette.hub.Hub;
import fr.navette.hub.HubConfig;
import fr.navette.hub.circulation.SigbSettings;
import fr.navette.hub.circulation.Sip2SigbGateway;
import fr.navette.hub.web.StaffAccess;
import fr.navette.identity.AdminToken;
import fr.navette.mqtt.testkit.PrivateMosquitto;
import fr.navette.schema.DeviceConfig;
import fr.navette.schema.HealthEvent;
import fr.navette.identity.DeviceEnrolment;
import fr.navette.identity.DeviceFiles;
import fr.navette.identity.EnrolmentClient;
import fr.navette.identity.EnrolmentString;
import fr.navette.identity.HubCertificate;
import fr.navette.identity.KeyAndCertificate;
import fr.navette.identity.NetworkCa;
import fr.navette.identity.Pem;
import fr.navette.identity.Tls;
import fr.navette.sim.sigb.SigbSimulator;
import fr.navette.sim.sigb.SigbSimulatorConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The administrator's and the installer's command lines against a real hub over HTTPS (SQLite, its network CA):
 * {@code navette provision … device add|list|revoke|renew} print one JSON line each and fail with a clear message;
 * the admin token goes only to a hub showing the network's CA; {@code navette enrol} writes a folder openssl
 * accepts; and an enrolled device's certificate is renewed before it ends.
 */
class ProvisioningTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static final OffsetClock CLOCK = new OffsetClock();
  private static SigbSimulator sigb;
  private static Hub hub;
  private static AdminToken admin;

  @BeforeAll
  static void start() throws Exception {
    SigbSimulatorConfig sigbConfig = SigbSimulatorConfig.builder()
        .size(new SigbSimulatorConfig.NetworkSize(2, 100, 10)).build();
    sigb = SigbSimulator.start(sigbConfig);
    // The CA made before the hub (the hub opens it): its fingerprint goes into the admin token the hub accepts.
    NetworkCa ca = NetworkCa.openOrCreate(dir.resolve("hub").resolve("ca"), CLOCK);
    admin = AdminToken.generate(new SecureRandom(), ca.fingerprint());
    hub = Hub.start(HubConfig.local(dir.resolve("hub"), 0, 0,
            SigbSettings.local(sigb.port(), sigbConfig.user(), sigbConfig.password()))
            .withStaffAccess(StaffAccess.parse("admin:" + admin.text())).withInsecureMqtt(0),
        c -> Sip2SigbGateway.connect(c.sigb()), CLOCK);
  }

  @AfterAll
  static void stop() throws Exception {
    hub.close();
    sigb.close();
  }

  @Test
  void provisionAddsListsRevokesAndRenewsWithOneJsonLineEach() throws Exception {
    Run add = provision(admin.text(), "device", "add", "--id", "gate-P1", "--site", "BR01", "--kind", "gate");
    assertThat(add.exit()).as(add.err()).isZero();
    JsonNode added = add.json();
    assertThat(added.path("deviceId").asText()).isEqualTo("gate-P1");
    assertThat(added.path("enrolment").asText()).startsWith("NAV1-");
    assertThat(EnrolmentString.parse(added.path("enrolment").asText()).caFingerprint()).isEqualTo(hub.caFingerprint());
    assertThat(Instant.parse(added.path("expiresAt").asText())).isAfter(CLOCK.instant());
    assertThat(add.err()).doesNotContain("█"); // not a terminal, no --qr: no QR code

    Run list = provision(admin.text(), "device", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.json().isArray()).isTrue();
    assertThat(list.json().findValuesAsText("deviceId")).contains("gate-P1");

    Run revoke = provision(admin.text(), "device", "revoke", "gate-P1");
    assertThat(revoke.exit()).as(revoke.err()).isZero();
    assertThat(revoke.json().path("deviceId").asText()).isEqualTo("gate-P1");
    assertThat(revoke.json().path("state").asText()).isEqualTo("revoked");

    Run renew = provision(admin.text(), "device", "renew", "gate-P1", "--qr");
    assertThat(renew.exit()).as(renew.err()).isZero();
    assertThat(renew.json().path("enrolment").asText()).startsWith("NAV1-")
        .isNotEqualTo(added.path("enrolment").asText());
    assertThat(renew.json().path("expiresAt").asText()).isNotEmpty();
    assertThat(renew.err()).contains("█"); // the QR code, on standard error only
  }

  @Test
  void provisionSaysWhatWentWrong() throws Exception {
    AdminToken wrongSecret = AdminToken.generate(new SecureRandom(), hub.caFingerprint());
    Run refused = provision(wrongSecret.text(), "device", "list");
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err()).contains("refused the admin token");

    Run unknown = provision(admin.text(), "device", "revoke", "nobody-here");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err()).contains("unknown device id 'nobody-here'");

    Path caFile = dir.resolve("network-ca.crt");
    Files.writeString(caFile, Pem.write(hub.caCertificate()));
    Run unreachable = navette(Map.of("NAVETTE_ADMIN_TOKEN", admin.text()), "provision", "--hub",
        "https://127.0.0.1:1", "--ca", caFile.toString(), "device", "list");
    assertThat(unreachable.exit()).isNotZero();
    assertThat(unreachable.err()).contains("cannot reach the hub at https://127.0.0.1:1");

    NetworkCa other = NetworkCa.openOrCreate(dir.resolve("other-ca"), CLOCK);
    Path otherFile = dir.resolve("other-ca.crt");
    Files.writeString(otherFile, Pem.write(other.certificate()));
    Run untrusted = navette(Map.of("NAVETTE_ADMIN_TOKEN", admin.text()), "provision", "--hub", https().toString(),
        "--ca", otherFile.toString(), "device", "list");
    assertThat(untrusted.exit()).isNotZero();
    assertThat(untrusted.err()).contains("TLS with the hub");

    Run noTrust = provision("a-plain-admin-token-0123456789", "device", "list");
    assertThat(noTrust.exit()).isNotZero();
    assertThat(noTrust.err()).contains("--ca FILE").contains("--ca-fingerprint").contains("NAVA1-");

    // a plain token works with the CA given another way
    Run byFingerprint = navette(Map.of("NAVETTE_ADMIN_TOKEN", admin.text(), "NAVETTE_CA_FINGERPRINT",
        "sha256:" + hub.caFingerprint().hex()), "provision", "--hub", https().toString(), "device", "list");
    assertThat(byFingerprint.exit()).as(byFingerprint.err()).isZero();
  }

  @Test
  void provisionSendsNoTokenToAHubShowingAnotherCa() throws Exception {
    NetworkCa impostorCa = NetworkCa.openOrCreate(dir.resolve("impostor-ca"), CLOCK);
    KeyAndCertificate impostor = HubCertificate.loadOrIssue(dir.resolve("impostor-ca"), impostorCa, List.of(),
        CLOCK.instant());
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(Tls.identity(impostor, impostorCa.certificate())));
    server.createContext("/", exchange -> {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " authorization="
          + exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] body = exchange.getRequestURI().getPath().equals("/api/enrolment/ca")
          ? Pem.write(impostorCa.certificate()).getBytes(StandardCharsets.US_ASCII) : "[]".getBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      Run run = navette(Map.of("NAVETTE_ADMIN_TOKEN", admin.text()), "provision", "--hub",
          "https://127.0.0.1:" + server.getAddress().getPort(), "device", "list");
      assertThat(run.exit()).isNotZero();
      assertThat(run.err()).contains("is not the admin token's").contains("nothing was sent");
      assertThat(seen).containsExactly("GET /api/enrolment/ca authorization=null");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void enrolWritesAFolderOpensslAcceptsAndAWrongFingerprintSpendsNothing() throws Exception {
    EnrolmentString enrolment = EnrolmentString.parse(hub.identities().add("kiosk-E1", "BR02", "self-check", "test")
        .enrolment());
    Path folder = dir.resolve("kiosk-E1");

    EnrolmentString wrong = new EnrolmentString(enrolment.tokenId(), enrolment.secret(),
        NetworkCa.openOrCreate(dir.resolve("wrong-ca"), CLOCK).fingerprint());
    Run mismatch = navette(Map.of(), "enrol", "--hub", https().toString(), "--enrolment", wrong.text(),
        "--dir", folder.toString());
    assertThat(mismatch.exit()).isNotZero();
    assertThat(mismatch.err()).contains("ca-fingerprint-mismatch").contains("nothing was sent");
    assertThat(folder.resolve("device.key")).doesNotExist();

    Run enrol = navette(Map.of(), "enrol", "--hub", https().toString(), "--enrolment", enrolment.text(),
        "--dir", folder.toString());
    assertThat(enrol.exit()).as(enrol.err()).isZero(); // the token was not spent by the refused attempt
    assertThat(enrol.json().path("deviceId").asText()).isEqualTo("kiosk-E1");
    assertThat(enrol.json().path("site").asText()).isEqualTo("BR02");
    assertThat(enrol.json().path("kind").asText()).isEqualTo("self-check");
    assertThat(enrol.json().path("broker").asText()).isEqualTo(hub.mqttsUri());
    assertThat(Instant.parse(enrol.json().path("notAfter").asText())).isAfter(CLOCK.instant().plus(Duration.ofDays(80)));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("device.key"))))
        .isEqualTo("rw-------");
    assertThat(openssl(folder, "verify", "-CAfile", "ca.crt", "device.crt")).contains("device.crt: OK");
    assertThat(openssl(folder, "pkey", "-in", "device.key", "-noout", "-text")).contains("prime256v1");
    DeviceEnrolment saved = DeviceEnrolment.read(folder);
    assertThat(saved.hub()).isEqualTo(https());
    assertThat(saved.broker()).isEqualTo(URI.create(hub.mqttsUri()));
    assertThat(saved.identity()).isEqualTo(DeviceFiles.load(folder).identity());
    assertThat(Files.readString(folder.resolve(DeviceEnrolment.FILE))).doesNotContain("PRIVATE");
  }

  @Test
  void aDeviceRunFromItsFolderTakesItsIdentityAndRefusesSettingsThatContradictIt() throws Exception {
    Path folder = dir.resolve("box-I1");
    new EnrolmentClient(Duration.ofSeconds(10)).enrol(https(), EnrolmentString.parse(
        hub.identities().add("box-I1", "BR04", "return-box", "test").enrolment()), folder);
    Path config = dir.resolve("box-I1.properties");
    Files.writeString(config, "mode=return-box\n");

    DeviceEnrolment saved = DeviceEnrolment.read(folder);
    new DeviceEnrolment(saved.hub(), URI.create("mqtts://127.0.0.1:1"), saved.deviceId(), saved.site(), saved.kind(),
        saved.configuration()).write(folder);
    EnrolledDevice device = EnrolledDevice.load(folder);
    SessionSettings session = device.session(Optional.empty());
    assertThat(session.brokerUri()).isEqualTo("ssl://127.0.0.1:1");
    assertThat(session.deviceId()).isEqualTo("box-I1");
    assertThat(session.site()).isEqualTo("BR04");
    assertThat(session.tls().orElseThrow().clientPem().orElseThrow().key()).isEqualTo(folder.resolve("device.key"));
    assertThat(session.tls().orElseThrow().caFile()).contains(folder.resolve("ca.crt"));

    Files.writeString(config, "mode=return-box\nsite=BR04\ndevice-id=box-OTHER\n");
    Run contradicts = navette(Map.of(), "kiosk", "--config", config.toString(), "--identity", folder.toString());
    assertThat(contradicts.exit()).isNotZero();
    assertThat(contradicts.err()).contains("device-id box-OTHER contradicts the certificate");

    Files.writeString(config, "mode=self-check\n");
    Run otherKind = navette(Map.of(), "kiosk", "--config", config.toString(), "--identity", folder.toString());
    assertThat(otherKind.exit()).isNotZero();
    assertThat(otherKind.err()).contains("is a return-box's");
  }

  @Test
  void renewalKeepsADeviceRunningAcrossItsCertificatesEnd() throws Exception {
    Path folder = dir.resolve("gate-R1");
    new EnrolmentClient(Duration.ofSeconds(10)).enrol(https(), EnrolmentString.parse(
        hub.identities().add("gate-R1", "BR03", "gate", "test").enrolment()), folder);
    X509Certificate first = certificate(folder);
    List<Scheduled> scheduled = new ArrayList<>();
    List<String> reconnects = new ArrayList<>();
    IdentityRenewal renewal = new IdentityRenewal(https(), folder, new EnrolmentClient(Duration.ofSeconds(10)), CLOCK,
        (task, delay) -> scheduled.add(new Scheduled(task, delay)), reconnects::add);
    try {
      renewal.start();
      Instant due = first.getNotBefore().toInstant()
          .plus(Duration.between(first.getNotBefore().toInstant(), first.getNotAfter().toInstant()).multipliedBy(2)
              .dividedBy(3));
      assertThat(scheduled).hasSize(1);
      assertThat(CLOCK.instant().plus(scheduled.getFirst().delay())).isCloseTo(due, within(Duration.ofSeconds(5)));
      assertThat(reconnects).isEmpty();

      CLOCK.advance(scheduled.getFirst().delay().plusMinutes(1)); // two thirds of the way: hub and device agree
      scheduled.getFirst().task().run();

      X509Certificate renewed = certificate(folder);
      assertThat(renewed.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
      assertThat(renewed.getNotAfter()).isAfter(first.getNotAfter());
      renewed.verify(hub.caCertificate().getPublicKey());
      assertThat(DeviceFiles.load(folder).identity()).isEqualTo(DeviceFiles.load(folder).identity());
      assertThat(DeviceFiles.load(folder).identity().id()).isEqualTo("gate-R1");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder.resolve("device.key"))))
          .isEqualTo("rw-------");
      assertThat(reconnects).hasSize(1).first().asString().contains("renewed");
      assertThat(renewal.lastError()).isEmpty();
      assertThat(scheduled).hasSize(2); // the next renewal, from the new certificate

      // Past the first certificate's end the device holds a valid one.
      CLOCK.advance(Duration.between(CLOCK.instant(), first.getNotAfter().toInstant()).plusDays(1));
      Date afterFirstEnd = Date.from(CLOCK.instant());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.checkValidity(afterFirstEnd))
          .isInstanceOf(CertificateExpiredException.class);
      certificate(folder).checkValidity(afterFirstEnd);
      assertThat(hub.identities().list().stream().filter(i -> i.deviceId().equals("gate-R1")).findFirst()
          .orElseThrow().serial()).isEqualTo(renewed.getSerialNumber().toString(16));
    } finally {
      renewal.stop();
      CLOCK.reset();
    }

    // A hub out of reach: tried again after 1 min, then 2 — the folder untouched meanwhile.
    List<Scheduled> retries = new ArrayList<>();
    IdentityRenewal unreachable = new IdentityRenewal(URI.create("https://127.0.0.1:1"), folder,
        new EnrolmentClient(Duration.ofSeconds(5)), Clock.fixed(Instant.now(), ZoneOffset.UTC),
        (task, delay) -> retries.add(new Scheduled(task, delay)), why -> reconnects.add(why));
    unreachable.start();
    retries.getFirst().task().run();
    retries.get(1).task().run();
    assertThat(retries.subList(1, 3)).extracting(Scheduled::delay)
        .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2));
    assertThat(unreachable.lastError()).contains("cannot reach");
    assertThat(reconnects).hasSize(1);
    assertThat(certificate(folder).getSerialNumber()).isEqualTo(DeviceFiles.load(folder).keyAndCertificate()
        .certificate().getSerialNumber());
  }

  @Test
  void anEnrolledRuntimeRenewsItsCertificateWhenDueAndStaysConnected() throws Exception {
    Path folder = dir.resolve("gate-R2");
    new EnrolmentClient(Duration.ofSeconds(10)).enrol(https(), EnrolmentString.parse(
        hub.identities().add("gate-R2", "BR03", "gate", "test").enrolment()), folder);
    X509Certificate first = certificate(folder);
    // The session here is plain MQTT, on the hub's insecure listener: the hub's clock moved 61 days with the
    // device's, past what real-time TLS would accept (the MQTTS path is the next test's, on Mosquitto).
    DeviceRuntime.Settings settings = DeviceRuntime.Settings.of(SessionSettings.of(hub.mqttUri(), "BR03", "gate-R2"),
        dir.resolve("gate-R2-data")).withRenewal(new DeviceRuntime.Renewal(https(), folder));
    // Past two thirds of the certificate's life: the runtime renews as it starts.
    CLOCK.advance(Duration.ofDays(61));
    try (DeviceRuntime runtime = DeviceRuntime.start(settings, new ConfigTarget() {
          @Override
          public void validate(DeviceConfig config) {}

          @Override
          public void apply(DeviceConfig config) {}
        }, () -> HealthEvent.ReaderState.OK, commands -> {}, CLOCK)) {
      await().atMost(Duration.ofSeconds(20))
          .until(() -> !certificate(folder).getSerialNumber().equals(first.getSerialNumber()));
      assertThat(certificate(folder).getNotAfter()).isAfter(first.getNotAfter());
      await().atMost(Duration.ofSeconds(20)).until(() -> runtime.renewal().orElseThrow().nextAttempt()
          .filter(next -> next.isAfter(CLOCK.instant().plus(Duration.ofDays(50)))).isPresent());
      assertThat(runtime.renewal().orElseThrow().lastError()).isEmpty();
      await().atMost(Duration.ofSeconds(20)).until(runtime.session()::isConnected);
    } finally {
      CLOCK.reset();
    }
  }

  /**
   * Over MQTTS with mutual TLS (a private Mosquitto with the hub's CA and certificate, requiring a client
   * certificate — what the hub's own broker will do): the device runs from its folder, its certificate is renewed,
   * and the session reconnects and is let in again with the new one.
   */
  @Test
  void anEnrolledDeviceReconnectsOverMutualTlsWithItsRenewedCertificate() throws Exception {
    Path folder = dir.resolve("gate-M1");
    new EnrolmentClient(Duration.ofSeconds(10)).enrol(https(), EnrolmentString.parse(
        hub.identities().add("gate-M1", "BR05", "gate", "test").enrolment()), folder);
    Path caFolder = dir.resolve("hub").resolve("ca");
    Path mosquittoDir = Files.createDirectory(dir.resolve("mosquitto-M1"));
    try (PrivateMosquitto broker = PrivateMosquitto.start(mosquittoDir, """
        cafile %s
        certfile %s
        keyfile %s
        require_certificate true
        use_identity_as_username true
        allow_anonymous false
        """.formatted(caFolder.resolve("ca.crt"), caFolder.resolve("hub.crt"), caFolder.resolve("hub.key")))) {
      DeviceEnrolment saved = DeviceEnrolment.read(folder);
      new DeviceEnrolment(saved.hub(), URI.create("mqtts://127.0.0.1:" + broker.port()), saved.deviceId(),
          saved.site(), saved.kind(), saved.configuration()).write(folder);
      EnrolledDevice device = EnrolledDevice.load(folder);
      X509Certificate first = certificate(folder);
      // The device's clock only is moved: to 5 s before its renewal is due (the hub and Mosquitto keep real time,
      // so the renewed certificate is valid for them).
      OffsetClock deviceClock = new OffsetClock();
      deviceClock.advance(Duration.between(Instant.now(), first.getNotBefore().toInstant()
          .plus(Duration.between(first.getNotBefore().toInstant(), first.getNotAfter().toInstant()).multipliedBy(2)
              .dividedBy(3))).minusSeconds(5));
      DeviceRuntime.Settings settings = DeviceRuntime.Settings.of(device.session(Optional.empty()),
          dir.resolve("gate-M1-data")).withRenewal(device.renewal());
      try (DeviceRuntime runtime = DeviceRuntime.start(settings, new ConfigTarget() {
            @Override
            public void validate(DeviceConfig config) {}

            @Override
            public void apply(DeviceConfig config) {}
          }, () -> HealthEvent.ReaderState.OK, commands -> {}, deviceClock)) {
        await().atMost(Duration.ofSeconds(5)).until(runtime.session()::isConnected);
        java.util.concurrent.atomic.AtomicInteger connects = new java.util.concurrent.atomic.AtomicInteger();
        runtime.session().whenConnected(connects::incrementAndGet);

        await().atMost(Duration.ofSeconds(20))
            .until(() -> !certificate(folder).getSerialNumber().equals(first.getSerialNumber()));
        await().atMost(Duration.ofSeconds(20)).until(() -> connects.get() >= 1 && runtime.session().isConnected());
        assertThat(runtime.renewal().orElseThrow().lastError()).isEmpty();
        assertThat(runtime.session().lastError()).isEmpty();
      }
    }
  }

  private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
    return org.assertj.core.api.Assertions.within(duration.toMillis(), java.time.temporal.ChronoUnit.MILLIS);
  }

  private static X509Certificate certificate(Path folder) throws Exception {
    return Pem.readCertificate(Files.readString(folder.resolve("device.crt")));
  }

  private static URI https() {
    return URI.create("https://127.0.0.1:" + hub.httpsPort());
  }

  private static Run provision(String token, String... args) {
    List<String> all = new ArrayList<>(List.of("provision", "--hub", https().toString()));
    all.addAll(List.of(args));
    return navette(Map.of("NAVETTE_ADMIN_TOKEN", token), all.toArray(String[]::new));
  }

  private static Run navette(Map<String, String> environment, String... args) {
    Map<String, String> env = new HashMap<>(environment);
    CommandLine cli = Navette.commandLine(env::get);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static String openssl(Path folder, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  private record Scheduled(Runnable task, Duration delay) {}

  private record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      assertThat(out.strip().lines().count()).as("one JSON line: " + out).isEqualTo(1);
      return JSON.readTree(out);
    }
  }

  /** The real time moved forward by what the test says: hub and device live two months in a few seconds. */
  private static final class OffsetClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    void reset() {
      offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
