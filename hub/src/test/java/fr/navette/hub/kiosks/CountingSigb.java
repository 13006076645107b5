package fr.navette.hub.kiosks;

import fr.navette.hub.circulation.ForwardingSigb;
import fr.navette.hub.circulation.SigbGateway;
import fr.navette.hub.circulation.SigbUnavailableException;
import fr.navette.sip2.codec.messages.CheckoutResponse;
import fr.navette.sip2.codec.messages.PatronInformationResponse;
import fr.navette.sip2.codec.messages.PatronStatusResponse;
import fr.navette.sip2.codec.messages.RenewResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real SIP2 gateway, counting the calls that name a patron (23, 63, 11, 29): what shows that the hub refused a
 * request without asking the SIGB. The simulator's own frame count also sees the pool's keep-alives (99), which
 * come when they like.
 */
final class CountingSigb extends ForwardingSigb {
  final AtomicInteger patronCalls = new AtomicInteger();

  CountingSigb(SigbGateway real) {
    super(real);
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

}
