package fr.navette.sip2.codec.messages;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import java.util.List;

/**
 * 99 SC Status: {@code 99<status code><max print width><protocol version>}. Status code 0 = SC ok,
 * 1 = printer out of paper, 2 = about to shut down. We also send it as the keep-alive.
 */
public record ScStatusRequest(String statusCode, int maxPrintWidth, String protocolVersion,
    List<Field> otherFields) implements Sip2Record {

  public ScStatusRequest {
    otherFields = List.copyOf(otherFields);
  }

  public static ScStatusRequest ok() {
    return new ScStatusRequest("0", 80, "2.00", List.of());
  }

  public static ScStatusRequest from(Sip2Message m) throws Sip2ParseException {
    Reader r = new Reader(m, MessageType.SC_STATUS);
    return new ScStatusRequest(r.fixed("statusCode"), r.number("maxPrintWidth"), r.fixed("protocolVersion"),
        r.others());
  }

  @Override
  public Sip2Message toMessage() {
    return Sip2Message.builder(MessageType.SC_STATUS).fixed(statusCode).number(maxPrintWidth)
        .fixed(protocolVersion).fields(otherFields).build();
  }

  @Override
  public String toString() {
    return "ScStatusRequest[" + toMessage() + "]";
  }
}
