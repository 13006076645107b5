package fr.navette.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.navette.identity.EnrolmentProtocol.EnrolmentRequest;
import fr.navette.identity.EnrolmentProtocol.EnrolmentResponse;
import fr.navette.identity.EnrolmentProtocol.HttpReply;
import fr.navette.sim.devices.SteppedClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's side without any HTTP: what it checks, in which order, and what it records. */
class EnrolmentServiceTest {
  private static final DeviceIdentity BOX = new DeviceIdentity("box-3", "BIB-EST", DeviceKind.RETURN_BOX);
  private final SteppedClock clock = CertificateClocks.nowToTheSecond();
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  @TempDir Path tmp;
  private NetworkCa ca;
  private EnrolmentTokens tokens;
  private EnrolmentService service;

  @BeforeEach
  void setUp() {
    ca = NetworkCa.openOrCreate(tmp, clock);
    tokens = new EnrolmentTokens(ca.fingerprint(), clock);
    service = new EnrolmentService(ca, tokens, Set.of()::contains,
        EnrolmentService.Settings.of(URI.create("mqtts://hub:8883")), clock, audit::add);
  }

  @Test
  void theIdentityComesFromTheTokenWhateverTheCsrClaims() throws Exception {
    EnrolmentString enrolment = tokens.issue(BOX, EnrolmentTokens.DEFAULT_VALIDITY).enrolment();
    String csr = Pem.write(Keys.csr(Keys.generate(), "hub")); // a device pretending to be someone else

    HttpReply reply = service.enrol(json(new EnrolmentRequest(enrolment.token(), csr)));

    assertThat(reply.status()).isEqualTo(200);
    EnrolmentResponse response = EnrolmentProtocol.MAPPER.readValue(reply.body(), EnrolmentResponse.class);
    assertThat(response.deviceId()).isEqualTo("box-3");
    assertThat(response.kind()).isEqualTo("return-box");
    assertThat(DeviceIdentity.fromCertificate(Pem.readCertificate(response.certificate()))).isEqualTo(BOX);
  }

  @Test
  void aMalformedRequestDoesNotBurnTheToken() {
    EnrolmentString enrolment = tokens.issue(BOX, EnrolmentTokens.DEFAULT_VALIDITY).enrolment();

    assertThat(service.enrol(json(new EnrolmentRequest(enrolment.token(), "not a csr"))).status()).isEqualTo(400);
    assertThat(service.enrol("{".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    assertThat(tokens.stored()).singleElement().satisfies(t -> assertThat(t.usedAt()).isEmpty());
    String csr = Pem.write(Keys.csr(Keys.generate(), "box-3"));
    assertThat(service.enrol(json(new EnrolmentRequest(enrolment.token(), csr))).status()).isEqualTo(200);
  }

  @Test
  void aTokenPresentedManyTimesAtOnceEnrolsOnce() throws Exception {
    EnrolmentString enrolment = tokens.issue(BOX, EnrolmentTokens.DEFAULT_VALIDITY).enrolment();
    List<Callable<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String csr = Pem.write(Keys.csr(Keys.generate(), "box-3"));
      attempts.add(() -> service.enrol(json(new EnrolmentRequest(enrolment.token(), csr))).status());
    }
    List<Integer> statuses = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (Future<Integer> status : pool.invokeAll(attempts)) {
        statuses.add(status.get());
      }
    }
    assertThat(statuses).containsOnlyOnce(200).filteredOn(s -> s != 200).containsOnly(401);
  }

  @Test
  void keepsOnlyAHashOfTheSecretAndNeverLogsIt() {
    EnrolmentString enrolment = tokens.issue(BOX, EnrolmentTokens.DEFAULT_VALIDITY).enrolment();
    service.enrol(json(new EnrolmentRequest(enrolment.token(), Pem.write(Keys.csr(Keys.generate(), "x")))));
    service.enrol(json(new EnrolmentRequest(enrolment.token(), Pem.write(Keys.csr(Keys.generate(), "x")))));

    assertThat(tokens.stored()).singleElement().satisfies(stored -> {
      assertThat(new String(stored.secretSha256(), StandardCharsets.ISO_8859_1)).doesNotContain(enrolment.secret());
      assertThat(stored.toString()).doesNotContain(enrolment.secret());
    });
    assertThat(audit).extracting(AuditEvent::action)
        .containsExactly(AuditEvent.Action.ENROLLED, AuditEvent.Action.ENROLMENT_REFUSED);
    assertThat(audit).allSatisfy(event -> assertThat(event.toString()).doesNotContain(enrolment.secret()));
    assertThat(audit.get(1).detail()).isEqualTo("token-used");
    assertThat(audit.get(1).actor()).isEqualTo("token:" + enrolment.tokenId());
  }

  @Test
  void renewalWithoutAClientCertificateIsRefused() {
    HttpReply reply = service.renew(List.of(), "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("client-certificate-missing");
  }

  @Test
  void renewalWithAnotherNetworksCertificateIsRefused() {
    NetworkCa other = NetworkCa.openOrCreate(tmp.resolve("other"), clock);
    var keys = Keys.generate();
    var foreign = other.issueDevice(keys.getPublic(), BOX, NetworkCa.DEVICE_VALIDITY);
    HttpReply reply = service.renew(List.of(foreign),
        json(new EnrolmentProtocol.RenewalRequest(Pem.write(Keys.csr(keys, "box-3")))));
    assertThat(reply.status()).isEqualTo(403);
    assertThat(new String(reply.body(), StandardCharsets.UTF_8)).contains("certificate-unknown");
  }

  private static byte[] json(Object request) {
    try {
      return EnrolmentProtocol.MAPPER.writeValueAsBytes(request);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
