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
 * A SIGB gateway handing every call to the real one: tests' doubles override the calls they count or break
 * ({@code DoubtfulSigb}, the kiosks' {@code CountingSigb}).
 */
public abstract class ForwardingSigb implements SigbGateway {
  protected final SigbGateway real;

  protected ForwardingSigb(SigbGateway real) {
    this.real = real;
  }

  @Override
  public CheckinOutcome checkin(String itemId, String branch, Instant returnedAt) throws SigbUnavailableException {
    return real.checkin(itemId, branch, returnedAt);
  }

  @Override
  public ItemOutcome itemInformation(String itemId) throws SigbUnavailableException {
    return real.itemInformation(itemId);
  }

  @Override
  public PatronStatusResponse patronStatus(String patronId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    return real.patronStatus(patronId, pin, timeout);
  }

  @Override
  public PatronInformationResponse patronInformation(String patronId, Optional<String> pin, String summary,
      Duration timeout) throws SigbUnavailableException {
    return real.patronInformation(patronId, pin, summary, timeout);
  }

  @Override
  public CheckoutResponse checkout(String patronId, String itemId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    return real.checkout(patronId, itemId, pin, timeout);
  }

  @Override
  public RenewResponse renew(String patronId, String itemId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    return real.renew(patronId, itemId, pin, timeout);
  }

  @Override
  public CheckinResponse checkinNow(String itemId, String branch, boolean cancel, Duration timeout)
      throws SigbUnavailableException {
    return real.checkinNow(itemId, branch, cancel, timeout);
  }

  @Override
  public ItemInformationResponse item(String itemId, Duration timeout) throws SigbUnavailableException {
    return real.item(itemId, timeout);
  }

  @Override
  public void ping() throws SigbUnavailableException {
    real.ping();
  }

  @Override
  public boolean honoursCheckinCancel() {
    return real.honoursCheckinCancel();
  }

  @Override
  public void close() {
    real.close();
  }
}
