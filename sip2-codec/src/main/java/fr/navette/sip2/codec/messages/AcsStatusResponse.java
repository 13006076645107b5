package fr.navette.sip2.codec.messages;

import static fr.navette.sip2.codec.FieldTag.INSTITUTION_ID;
import static fr.navette.sip2.codec.FieldTag.LIBRARY_NAME;
import static fr.navette.sip2.codec.FieldTag.PRINT_LINE;
import static fr.navette.sip2.codec.FieldTag.SCREEN_MESSAGE;
import static fr.navette.sip2.codec.FieldTag.SUPPORTED_MESSAGES;
import static fr.navette.sip2.codec.FieldTag.TERMINAL_LOCATION;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.Sip2Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * 98 ACS Status: {@code 98<on-line status><checkin ok><checkout ok><ACS renewal policy><status update ok>
 * <off-line ok><timeout period><retries allowed><date/time sync><protocol version>AO<institution id>|
 * [AM<library name>|]BX<supported messages>|[AN<terminal location>|][AF<screen message>|][AG<print line>|]}.
 * BX is 16 Y/N flags, one per message, in the order of the spec's table.
 */
public record AcsStatusResponse(boolean online, boolean checkinOk, boolean checkoutOk, boolean renewalPolicy,
    boolean statusUpdateOk, boolean offlineOk, int timeoutPeriod, int retriesAllowed,
    Optional<Sip2Timestamp> dateTimeSync, String protocolVersion, String institutionId,
    Optional<String> libraryName, String supportedMessages, Optional<String> terminalLocation,
    List<String> screenMessages, List<String> printLines, List<Field> otherFields) implements Sip2Record {

  public AcsStatusResponse {
    screenMessages = List.copyOf(screenMessages);
    printLines = List.copyOf(printLines);
    otherFields = List.copyOf(otherFields);
  }

  public static AcsStatusResponse from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.ACS_STATUS);
    return new AcsStatusResponse(r.yes("onlineStatus"), r.yes("checkinOk"), r.yes("checkoutOk"),
        r.yes("acsRenewalPolicy"), r.yes("statusUpdateOk"), r.yes("offlineOk"), r.number("timeoutPeriod"),
        r.number("retriesAllowed"), r.optionalDate("dateTimeSync"), r.fixed("protocolVersion"),
        r.text(INSTITUTION_ID), r.optional(LIBRARY_NAME), r.text(SUPPORTED_MESSAGES),
        r.optional(TERMINAL_LOCATION), r.list(SCREEN_MESSAGE), r.list(PRINT_LINE), r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.ACS_STATUS).flag(online).flag(checkinOk).flag(checkoutOk)
        .flag(renewalPolicy).flag(statusUpdateOk).flag(offlineOk).number(timeoutPeriod).number(retriesAllowed)
        .date(dateTimeSync).fixed(protocolVersion).field(INSTITUTION_ID, institutionId)
        .field(LIBRARY_NAME, libraryName).field(SUPPORTED_MESSAGES, supportedMessages)
        .field(TERMINAL_LOCATION, terminalLocation).fields(SCREEN_MESSAGE, screenMessages)
        .fields(PRINT_LINE, printLines).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "AcsStatusResponse[" + toMessage() + "]";
  }
}
