package fr.navette.hub.kiosks;

import fr.navette.hub.circulation.CheckinOutcome;
import fr.navette.hub.circulation.ItemOutcome;
import fr.navette.hub.circulation.SigbGateway;
import fr.navette.hub.circulation.SigbUnavailableException;
import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.CheckoutResponse;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import fr.navette.sip2.codec.messages.PatronInformationResponse;
import fr.navette.sip2.codec.messages.PatronStatusResponse;
import fr.navette.sip2.codec.messages.RenewResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real SIP2 gateway, counting the calls that name a patron (23, 63, 11, 29): what shows that the hub refused a
 * request without asking the SIGB. The simulator's own frame count also sees the pool's keep-alives (99), which
 * come when they like.
 */
final class CountingSigb implements SigbGateway {
  private final SigbGateway real;
  final AtomicInteger patronCalls = new AtomicInteger();

  CountingSigb(SigbGateway real) {
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
    patronCalls.incrementAndGet();
    return real.patronStatus(patronId, pin, timeout);
  }

  @Override
  public PatronInformationResponse patronInformation(String patronId, Optional<String> pin, String summary,
      Duration timeout) throws SigbUnavailableException {
    patronCalls.incrementAndGet();
    return real.patronInformation(patronId, pin, summary, timeout);
  }

  @Override
  public CheckoutResponse checkout(String patronId, String itemId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    patronCalls.incrementAndGet();
    return real.checkout(patronId, itemId, pin, timeout);
  }

  @Override
  public RenewResponse renew(String patronId, String itemId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    patronCalls.incrementAndGet();
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
