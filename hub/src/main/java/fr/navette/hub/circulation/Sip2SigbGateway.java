package fr.navette.hub.circulation;

import fr.navette.sip2.client.Sip2ClientConfig;
import fr.navette.sip2.client.Sip2Exception;
import fr.navette.sip2.client.Sip2SessionPool;
import fr.navette.sip2.codec.Sip2Encoding;
import fr.navette.sip2.codec.Terminator;
import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.CheckoutResponse;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import fr.navette.sip2.codec.messages.PatronInformationResponse;
import fr.navette.sip2.codec.messages.PatronStatusResponse;
import fr.navette.sip2.codec.messages.RenewResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link SigbGateway} over SIP2, through a bounded pool of sessions. */
public final class Sip2SigbGateway implements SigbGateway {
  private final Sip2SessionPool pool;
  private final boolean checkinCancel;

  public Sip2SigbGateway(Sip2SessionPool pool, boolean checkinCancel) {
    this.pool = pool;
    this.checkinCancel = checkinCancel;
  }

  public static Sip2SigbGateway connect(SigbSettings settings) {
    return new Sip2SigbGateway(new Sip2SessionPool(toClientConfig(settings)), settings.checkinCancel());
  }

  static Sip2ClientConfig toClientConfig(SigbSettings s) {
    return Sip2ClientConfig.builder()
        .host(s.host())
        .port(s.port())
        .user(s.user())
        .password(s.password())
        .institution(s.institution())
        .location(s.location())
        .encoding(Sip2Encoding.parse(s.encoding()))
        .terminator(Terminator.parse(s.terminator()))
        .errorDetection(s.errorDetection())
        .maxSessions(s.maxSessions())
        .requestTimeout(s.requestTimeout())
        .build();
  }

  @Override
  public CheckinOutcome checkin(String itemId, String branch, Instant returnedAt) throws SigbUnavailableException {
    CheckinResponse reply;
    try {
      reply = pool.checkin(itemId, branch, returnedAt);
    } catch (Sip2Exception e) {
      throw new SigbUnavailableException(e.getMessage(), e);
    }
    return new CheckinOutcome(reply.ok(), reply.alertTypeOrNone().code(), reply.destinationLocation(),
        reply.screenMessages().stream().findFirst(), reply.callNumber(), reply.titleId(),
        reply.collectionCode());
  }

  @Override
  public ItemOutcome itemInformation(String itemId) throws SigbUnavailableException {
    ItemInformationResponse reply;
    try {
      reply = pool.itemInformation(itemId);
    } catch (Sip2Exception e) {
      throw new SigbUnavailableException(e.getMessage(), e);
    }
    boolean known = !reply.titleId().isBlank() || reply.permanentLocation().isPresent();
    return new ItemOutcome(known, reply.circulationStatus().code(),
        Optional.of(reply.titleId()).filter(t -> !t.isBlank()), reply.callNumber(),
        reply.permanentLocation().or(reply::owner), reply.holdQueueLength(), reply.currentLocation(),
        reply.destinationLocation(), reply.collectionCode());
  }

  @Override
  public PatronStatusResponse patronStatus(String patronId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    return call(() -> pool.patronStatus(patronId, pin, timeout));
  }

  @Override
  public PatronInformationResponse patronInformation(String patronId, Optional<String> pin, String summary,
      Duration timeout) throws SigbUnavailableException {
    return call(() -> pool.patronInformation(patronId, pin, summary, timeout));
  }

  @Override
  public CheckoutResponse checkout(String patronId, String itemId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    return call(() -> pool.checkout(patronId, itemId, pin, timeout));
  }

  @Override
  public RenewResponse renew(String patronId, String itemId, Optional<String> pin, Duration timeout)
      throws SigbUnavailableException {
    return call(() -> pool.renew(patronId, itemId, pin, timeout));
  }

  @Override
  public CheckinResponse checkinNow(String itemId, String branch, boolean cancel, Duration timeout)
      throws SigbUnavailableException {
    return call(() -> pool.checkin(itemId, branch, cancel && checkinCancel, timeout));
  }

  @Override
  public ItemInformationResponse item(String itemId, Duration timeout) throws SigbUnavailableException {
    return call(() -> pool.itemInformation(itemId, timeout));
  }

  @Override
  public void ping() throws SigbUnavailableException {
    call(pool::status);
  }

  @Override
  public boolean honoursCheckinCancel() {
    return checkinCancel;
  }

  private static <T> T call(Supplier<T> sip2) throws SigbUnavailableException {
    try {
      return sip2.get();
    } catch (Sip2Exception e) {
      throw new SigbUnavailableException(e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
