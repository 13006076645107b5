package fr.navette.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;

/**
 * The enrolment protocol's paths and JSON bodies (described in the module's README). Every body is UTF-8 JSON,
 * every PEM a string with its line breaks.
 */
public final class EnrolmentProtocol {
  /** GET: the CA certificate, PEM ({@code application/x-pem-file}). Anyone may fetch it; the device checks it. */
  public static final String CA_PATH = "/api/enrolment/ca";
  /** POST {@link EnrolmentRequest} → 200 {@link EnrolmentResponse}, or an {@link ErrorResponse}. */
  public static final String ENROL_PATH = "/api/enrolment/enrol";
  /**
   * POST {@link RenewalRequest} over TLS with the device's current certificate as client certificate → 200
   * {@link EnrolmentResponse}, or an {@link ErrorResponse}.
   */
  public static final String RENEW_PATH = "/api/enrolment/renew";
  public static final String JSON = "application/json";
  public static final String PEM = "application/x-pem-file";

  static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a newer hub may answer more
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .build();

  private EnrolmentProtocol() {}

  /** {@code token}: {@code <token id>.<secret>} from the enrolment string; {@code csr}: PKCS#10, PEM. */
  public record EnrolmentRequest(String token, String csr) {
    @Override
    public String toString() {
      return "EnrolmentRequest[token hidden]";
    }
  }

  /** {@code csr}: PKCS#10, PEM, for the new key pair (or the same one). */
  public record RenewalRequest(String csr) {}

  /**
   * @param certificate the device's certificate, PEM
   * @param caCertificate the CA's, PEM (the chain is these two)
   * @param broker where to connect, e.g. {@code mqtts://hub.example:8883}
   * @param notAfter the certificate's end, ISO-8601 UTC
   * @param configuration the device's first configuration (a placeholder object until devices take theirs here)
   */
  public record EnrolmentResponse(String deviceId, String site, String kind, String serial, String certificate,
      String caCertificate, String broker, String notAfter, Map<String, Object> configuration) {}

  /** {@code error}: a stable code (e.g. {@code token-used}); {@code message}: for a person. */
  public record ErrorResponse(String error, String message) {}

  /** An HTTP answer the hub's web layer sends as it is. */
  public record HttpReply(int status, String contentType, byte[] body) {}
}
