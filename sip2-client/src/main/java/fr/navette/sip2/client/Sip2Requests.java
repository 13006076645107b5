package fr.navette.sip2.client;

import static fr.navette.sip2.codec.FieldTag.DUE_DATE;
import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.ITEM_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.PATRON_IDENTIFIER;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.TITLE_IDENTIFIER;

import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2Timestamp;
import fr.navette.sip2.codec.messages.CheckoutRequest;
import fr.navette.sip2.codec.messages.EndPatronSessionRequest;
import fr.navette.sip2.codec.messages.FeePaidRequest;
import fr.navette.sip2.codec.messages.HoldRequest;
import fr.navette.sip2.codec.messages.ItemInformationResponse;
import fr.navette.sip2.codec.messages.PatronInformationRequest;
import fr.navette.sip2.codec.messages.PatronStatusRequest;
import fr.navette.sip2.codec.messages.RenewAllRequest;
import fr.navette.sip2.codec.messages.RenewRequest;
import java.util.List;
import java.util.Optional;

/**
 * The requests the client sends, filled in from the configuration (AO institution, language) at
 * one transaction time. Also used by the diagnostics CLI so both speak alike.
 */
public record Sip2Requests(Sip2ClientConfig config, Sip2Timestamp now) {
  /** "Unknown" language: servers then answer in their own. */
  static final String LANGUAGE = "000";
  static final String NO_SUMMARY = "          ";

  public Sip2Message patronStatus(String patronId, Optional<String> pin) {
    return new PatronStatusRequest(LANGUAGE, now, config.institution(), patronId, Optional.empty(), pin, List.of())
        .toMessage();
  }

  public Sip2Message patronInformation(String patronId, Optional<String> pin, String summary) {
    String s = (summary + NO_SUMMARY).substring(0, 10);
    return new PatronInformationRequest(LANGUAGE, now, s, config.institution(), patronId, Optional.empty(), pin,
        Optional.empty(), Optional.empty(), List.of()).toMessage();
  }

  public Sip2Message checkout(String patronId, String itemId, Optional<String> pin) {
    return new CheckoutRequest(false, false, now, Optional.empty(), config.institution(), patronId, itemId,
        Optional.of(""), Optional.empty(), pin, Optional.empty(), Optional.empty(), List.of()).toMessage();
  }

  public Sip2Message renew(String patronId, String itemId, Optional<String> pin) {
    return new RenewRequest(false, false, now, Optional.empty(), config.institution(), patronId, pin,
        Optional.of(itemId), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of())
        .toMessage();
  }

  public Sip2Message renewAll(String patronId, Optional<String> pin) {
    return new RenewAllRequest(now, config.institution(), patronId, pin, Optional.empty(), Optional.empty(),
        List.of()).toMessage();
  }

  public Sip2Message endPatronSession(String patronId, Optional<String> pin) {
    return new EndPatronSessionRequest(now, config.institution(), patronId, Optional.empty(), pin, List.of())
        .toMessage();
  }

  public Sip2Message hold(char mode, String patronId, String itemId, Optional<String> pickupLocation,
      Optional<String> pin) {
    return new HoldRequest(String.valueOf(mode), now, Optional.empty(), pickupLocation, Optional.empty(),
        config.institution(), patronId, pin, Optional.of(itemId), Optional.empty(), Optional.empty(),
        Optional.empty(), List.of()).toMessage();
  }

  public Sip2Message feePaid(String patronId, String amount, String currency, Optional<String> transactionId) {
    // fee type 01 = other/unknown, payment type 00 = cash
    return new FeePaidRequest(now, "01", "00", currency, amount, config.institution(), patronId, Optional.empty(),
        Optional.empty(), Optional.empty(), transactionId, List.of()).toMessage();
  }

  /**
   * Whether a checkout or renew went through, judging by the item before and after: it became
   * charged, or its due date moved.
   */
  static boolean applied(ItemInformationResponse before, ItemInformationResponse after) {
    boolean nowCharged = after.circulationStatus().isCharged();
    return nowCharged && (!before.circulationStatus().isCharged() || !before.dueDate().equals(after.dueDate()));
  }

  /** A 12 or 30 (same layout) rebuilt from item information, for a request known to be applied. */
  static Sip2Message confirmedFrom(MessageType replyType, ItemInformationResponse item, String institution,
      String patronId, Sip2Timestamp now, String note) {
    return Sip2Message.builder(replyType).zeroOne(true).flag(replyType == MessageType.RENEW_RESPONSE).fixed("U")
        .fixed("U").date(now).field(INSTITUTION_ID, institution).field(PATRON_IDENTIFIER, patronId)
        .field(ITEM_IDENTIFIER, item.itemId()).field(TITLE_IDENTIFIER, item.titleId()).field(DUE_DATE, item.dueDate())
        .field(SCREEN_MESSAGE, note).build();
  }
}
