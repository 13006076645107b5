package fr.navette.sip2.codec.messages;

import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;

/** Reads any generic message into its typed record. */
public final class Sip2Records {
  private Sip2Records() {}

  public static Sip2Record read(Sip2Message m) throws Sip2ParseException {
    return switch (m.type()) {
      case PATRON_STATUS_REQUEST -> PatronStatusRequest.from(m);
      case PATRON_STATUS_RESPONSE -> PatronStatusResponse.from(m);
      case CHECKOUT -> CheckoutRequest.from(m);
      case CHECKOUT_RESPONSE -> CheckoutResponse.from(m);
      case CHECKIN -> CheckinRequest.from(m);
      case CHECKIN_RESPONSE -> CheckinResponse.from(m);
      case BLOCK_PATRON -> BlockPatronRequest.from(m);
      case SC_STATUS -> ScStatusRequest.from(m);
      case ACS_STATUS -> AcsStatusResponse.from(m);
      case REQUEST_SC_RESEND -> RequestScResend.from(m);
      case REQUEST_ACS_RESEND -> RequestAcsResend.from(m);
      case LOGIN -> LoginRequest.from(m);
      case LOGIN_RESPONSE -> LoginResponse.from(m);
      case PATRON_INFORMATION -> PatronInformationRequest.from(m);
      case PATRON_INFORMATION_RESPONSE -> PatronInformationResponse.from(m);
      case END_PATRON_SESSION -> EndPatronSessionRequest.from(m);
      case END_SESSION_RESPONSE -> EndSessionResponse.from(m);
      case FEE_PAID -> FeePaidRequest.from(m);
      case FEE_PAID_RESPONSE -> FeePaidResponse.from(m);
      case ITEM_INFORMATION -> ItemInformationRequest.from(m);
      case ITEM_INFORMATION_RESPONSE -> ItemInformationResponse.from(m);
      case ITEM_STATUS_UPDATE -> ItemStatusUpdateRequest.from(m);
      case ITEM_STATUS_UPDATE_RESPONSE -> ItemStatusUpdateResponse.from(m);
      case HOLD -> HoldRequest.from(m);
      case HOLD_RESPONSE -> HoldResponse.from(m);
      case RENEW -> RenewRequest.from(m);
      case RENEW_RESPONSE -> RenewResponse.from(m);
      case RENEW_ALL -> RenewAllRequest.from(m);
      case RENEW_ALL_RESPONSE -> RenewAllResponse.from(m);
    };
  }
}
