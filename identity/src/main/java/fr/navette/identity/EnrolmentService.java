package fr.navette.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.navette.identity.EnrolmentProtocol.EnrolmentRequest;
import fr.navette.identity.EnrolmentProtocol.EnrolmentResponse;
import fr.navette.identity.EnrolmentProtocol.ErrorResponse;
import fr.navette.identity.EnrolmentProtocol.HttpReply;
import fr.navette.identity.EnrolmentProtocol.RenewalRequest;
import fr.navette.identity.EnrolmentTokens.Redemption;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The hub's side of enrolment and renewal, free of any HTTP server: bytes in, {@link HttpReply} out, for the hub's
 * web layer to mount on {@link EnrolmentProtocol}'s paths (and for tests to mount on any server).
 *
 * <p>Enrolment: the request's CSR is checked (well formed, signed by its key, a key strong enough) before the token
 * is taken, so a malformed request does not burn the token; then the token gives the identity — whatever the CSR's
 * subject claims. Renewal: the caller's TLS client certificate (which the TLS layer has checked against the CA) must
 * be one of ours, unexpired and not revoked; the new certificate has its identity.
 */
public final class EnrolmentService {
  /**
   * @param broker the broker's address handed to enrolled devices
   * @param deviceValidity how long a device certificate lasts ({@link NetworkCa#DEVICE_VALIDITY})
   * @param firstConfiguration the configuration a device starts with (a placeholder map for now)
   */
  public record Settings(URI broker, Duration deviceValidity,
      Function<DeviceIdentity, Map<String, Object>> firstConfiguration) {
    public static Settings of(URI broker) {
      return new Settings(broker, NetworkCa.DEVICE_VALIDITY, identity -> Map.of());
    }
  }

  private final NetworkCa ca;
  private final EnrolmentTokens tokens;
  private final Predicate<BigInteger> revoked;
  private final Settings settings;
  private final Clock clock;
  private final Consumer<AuditEvent> audit;

  public EnrolmentService(NetworkCa ca, EnrolmentTokens tokens, Predicate<BigInteger> revoked, Settings settings,
      Clock clock, Consumer<AuditEvent> audit) {
    this.ca = ca;
    this.tokens = tokens;
    this.revoked = revoked;
    this.settings = settings;
    this.clock = clock;
    this.audit = audit;
  }

  /** GET {@link EnrolmentProtocol#CA_PATH}. */
  public HttpReply caCertificate() {
    return new HttpReply(200, EnrolmentProtocol.PEM, Pem.write(ca.certificate()).getBytes(StandardCharsets.US_ASCII));
  }

  /** POST {@link EnrolmentProtocol#ENROL_PATH}. */
  public HttpReply enrol(byte[] body) {
    EnrolmentRequest request;
    PublicKey key;
    try {
      request = EnrolmentProtocol.MAPPER.readValue(body, EnrolmentRequest.class);
      key = checkedKey(request == null ? null : request.csr());
    } catch (IOException | IdentityException e) {
      return refuse(400, "bad-request", message(e), "", AuditEvent.Action.ENROLMENT_REFUSED, "");
    }
    String tokenId = tokenId(request.token());
    return switch (tokens.redeem(request.token())) {
      case Redemption.Refused refused -> refuse(401, refused.refusal().code(), refused.refusal().message(),
          "token:" + tokenId, AuditEvent.Action.ENROLMENT_REFUSED, "");
      case Redemption.Accepted accepted -> issue(key, accepted.identity(), AuditEvent.Action.ENROLLED,
          "token " + tokenId);
    };
  }

  /**
   * POST {@link EnrolmentProtocol#RENEW_PATH}; {@code clientChain} is what the TLS session saw of the client (empty
   * if it sent no certificate).
   */
  public HttpReply renew(List<X509Certificate> clientChain, byte[] body) {
    if (clientChain.isEmpty()) {
      return refuse(403, "client-certificate-missing", "renewal needs the device's current certificate over TLS",
          "", AuditEvent.Action.RENEWAL_REFUSED, "");
    }
    X509Certificate current = clientChain.get(0);
    DeviceIdentity identity;
    try {
      identity = DeviceIdentity.fromCertificate(current);
    } catch (IdentityException | IllegalArgumentException e) {
      return refuse(403, "certificate-unknown", message(e), "", AuditEvent.Action.RENEWAL_REFUSED, "");
    }
    String actor = "device:" + identity.id();
    Instant now = clock.instant();
    if (!ca.signed(current)) {
      return refuse(403, "certificate-unknown", "this certificate was not issued by this network's CA", actor,
          AuditEvent.Action.RENEWAL_REFUSED, identity.id());
    }
    if (now.isAfter(current.getNotAfter().toInstant())) {
      return refuse(403, "certificate-expired", "the certificate has expired: enrol again with a new string",
          actor, AuditEvent.Action.RENEWAL_REFUSED, identity.id());
    }
    if (revoked.test(current.getSerialNumber())) {
      return refuse(403, "certificate-revoked", "this device's certificate is revoked", actor,
          AuditEvent.Action.RENEWAL_REFUSED, identity.id());
    }
    PublicKey key;
    try {
      RenewalRequest request = EnrolmentProtocol.MAPPER.readValue(body, RenewalRequest.class);
      key = checkedKey(request == null ? null : request.csr());
    } catch (IOException | IdentityException e) {
      return refuse(400, "bad-request", message(e), actor, AuditEvent.Action.RENEWAL_REFUSED, identity.id());
    }
    return issue(key, identity, AuditEvent.Action.RENEWED, "replaces serial " + current.getSerialNumber().toString(16));
  }

  private HttpReply issue(PublicKey key, DeviceIdentity identity, AuditEvent.Action action, String detail) {
    X509Certificate certificate = ca.issueDevice(key, identity, settings.deviceValidity());
    String serial = certificate.getSerialNumber().toString(16);
    audit.accept(new AuditEvent(clock.instant(), "device:" + identity.id(), action, identity.id(), serial, detail));
    return json(200, new EnrolmentResponse(identity.id(), identity.site(), identity.kind().wireName(), serial,
        Pem.write(certificate), Pem.write(ca.certificate()), settings.broker().toString(),
        certificate.getNotAfter().toInstant().toString(), settings.firstConfiguration().apply(identity)));
  }

  /** The CSR's key, once the CSR is shown to be signed by it and the key strong enough. */
  private static PublicKey checkedKey(String csrPem) {
    if (csrPem == null) {
      throw new IdentityException("the request has no csr");
    }
    try {
      JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(Pem.readCsr(csrPem));
      PublicKey key = csr.getPublicKey();
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        throw new IdentityException("the CSR is not signed by its own key");
      }
      if (!Keys.acceptable(key)) {
        throw new IdentityException("the CSR's key is too weak: EC P-256/P-384 or RSA of 2048 bits or more");
      }
      return key;
    } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
      throw new IdentityException("unreadable CSR: " + e.getMessage(), e);
    }
  }

  private HttpReply refuse(int status, String code, String message, String actor, AuditEvent.Action action,
      String deviceId) {
    audit.accept(new AuditEvent(clock.instant(), actor.isEmpty() ? "unknown" : actor, action, deviceId, "", code));
    return json(status, new ErrorResponse(code, message));
  }

  private static HttpReply json(int status, Object body) {
    try {
      return new HttpReply(status, EnrolmentProtocol.JSON, EnrolmentProtocol.MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  /** The token's public half, for the audit log; never the secret. */
  private static String tokenId(String token) {
    if (token == null) {
      return "";
    }
    int dot = token.indexOf('.');
    return dot < 0 ? "" : token.substring(0, Math.min(dot, EnrolmentString.TOKEN_ID_LENGTH));
  }

  private static String message(Exception e) {
    return e instanceof JsonProcessingException json ? "malformed JSON: " + json.getOriginalMessage()
        : e.getMessage();
  }
}
