package fr.navette.hub.circulation;

import fr.navette.sip2.client.Sip2ClientConfig;
import fr.navette.sip2.client.Sip2Exception;
import fr.navette.sip2.client.Sip2SessionPool;
import fr.navette.sip2.codec.Sip2Encoding;
import fr.navette.sip2.codec.Terminator;
import fr.navette.sip2.codec.messages.CheckinResponse;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import java.util.Optional;
import java.time.Instant;

/** {@link SigbGateway} over SIP2, through a bounded pool of sessions. */
public final class Sip2SigbGateway implements SigbGateway {
  private final Sip2SessionPool pool;

  public Sip2SigbGateway(Sip2SessionPool pool) {
    this.pool = pool;
  }

  public static Sip2SigbGateway connect(SigbSettings settings) {
    return new Sip2SigbGateway(new Sip2SessionPool(toClientConfig(settings)));
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
        reply.permanentLocation().or(reply::owner));
  }

  @Override
  public void close() {
    pool.close();
  }
}
