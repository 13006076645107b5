package fr.navette.hub.circulation;

import java.time.Instant;

/** What the hub asks of the library system (SIGB). The SIP2 implementation is {@link Sip2SigbGateway}. */
public interface SigbGateway extends AutoCloseable {

  /**
   * Checks a document in at {@code branch} (SIP2 09 with AP = branch), backdated to {@code returnedAt}.
   * A checkin may be repeated safely, so a caller that got no answer simply asks again.
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

  @Override
  void close();
}
