package fr.navette.hub.circulation;

import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.CheckoutResponse;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import fr.navette.sip2.codec.messages.PatronInformationResponse;
import fr.navette.sip2.codec.messages.PatronStatusResponse;
import fr.navette.sip2.codec.messages.RenewResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the hub asks of the library system (SIGB). The SIP2 implementation is {@link Sip2SigbGateway}.
 *
 * <p>The kiosk operations (patron status to checkin within a deadline) hand back the SIP2 replies as they are:
 * SIP2 is the one protocol French SIGBs share, and the kiosk desk needs most of their fields (flags, lists,
 * screen messages). A refusal is an answer (ok = 0), not an exception.
 */
public interface SigbGateway extends AutoCloseable {

  /**
   * Checks a document in at {@code branch} (SIP2 09 with AP = branch), backdated to {@code returnedAt}.
   * A checkin is not always harmless to repeat (a second one may end a loan made since, or fine again): a caller
   * that got no answer asks {@link #itemInformation} before sending it again (ReturnProcessor).
   *
   * @throws SigbUnavailableException when the SIGB cannot be reached or gives no valid answer in time
   */
  CheckinOutcome checkin(String itemId, String branch, Instant returnedAt) throws SigbUnavailableException;

  /**
   * What the SIGB knows of a document (SIP2 17/18): status, title, call number, owner branch.
   *
   * @throws SigbUnavailableException when the SIGB cannot be reached or gives no valid answer in time
   */
  ItemOutcome itemInformation(String itemId) throws SigbUnavailableException;

  /** SIP2 23 → 24 within {@code timeout}; the SIGB checks the PIN when one is given (CQ). */
  PatronStatusResponse patronStatus(String patronId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException;

  /** SIP2 63 → 64 within {@code timeout}; {@code summary} asks for one list (see Sip2SessionPool). */
  PatronInformationResponse patronInformation(String patronId, Optional<String> pin, String summary,
      Duration timeout) throws SigbUnavailableException;

  /** SIP2 11 → 12 within {@code timeout}, never applied twice. */
  CheckoutResponse checkout(String patronId, String itemId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException;

  /** SIP2 29 → 30 within {@code timeout}, never applied twice. */
  RenewResponse renew(String patronId, String itemId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException;

  /**
   * SIP2 09 → 10 now, at {@code branch}, within {@code timeout}. With {@code cancel}, the checkout just made is
   * undone: BI Y where the SIGB honours it ({@link #honoursCheckinCancel()}), else a plain checkin.
   */
  CheckinResponse checkinNow(String itemId, String branch, boolean cancel, Duration timeout)
      throws SigbUnavailableException;

  /** SIP2 17 → 18 within {@code timeout}. */
  ItemInformationResponse item(String itemId, Duration timeout) throws SigbUnavailableException;

  /**
   * SIP2 99 → 98: whether the SIGB answers at all. Asked after a failed request, to tell a document the SIGB
   * chokes on from a link that is down.
   *
   * @throws SigbUnavailableException when it does not
   */
  void ping() throws SigbUnavailableException;

  /** Whether this SIGB undoes a checkout on a checkin with BI Y (configured: SIP2 has no way to ask). */
  boolean honoursCheckinCancel();

  @Override
  void close();
}
