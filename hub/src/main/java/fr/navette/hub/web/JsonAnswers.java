package fr.navette.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.navette.hub.text.HubTexts;
import fr.navette.hub.text.Said;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the API answers: JSON bodies, {@code {"error": "…"}} for every refusal — those of our handlers and those the
 * server makes before a handler runs (a body past the limit, a request it cannot frame) — and a 500 only for a
 * fault of ours, logged with a reference that the answer gives.
 */
public final class JsonAnswers {
  /** Jdk8Module: records with an {@code Optional} (a command's {@code expiresAt}) are written, not refused. */
  public static final ObjectMapper JSON = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  static final Said TOO_LARGE = Said.of("error.body-too-large", HubWeb.MAX_BODY_BYTES >> 20, HubWeb.MAX_BODY_BYTES);
  private static final Logger LOG = LoggerFactory.getLogger(HubWeb.class);

  private JsonAnswers() {}

  /**
   * Answers with what {@code answer} returns, or with the refusal it threw. A list asked for with
   * {@code ?format=csv} is answered as CSV ({@link CsvAnswers}).
   */
  public static void answer(ServerResponse res, Supplier<Object> answer) {
    byte[] body;
    try {
      Object value = answer.get();
      if (CsvAnswers.asked()) {
        CsvAnswers.send(res, value);
        return;
      }
      body = JSON.writeValueAsBytes(value);
    } catch (ApiProblem e) {
      send(res, e.status(), error(e.inLanguage()));
      return;
    } catch (RequestException e) {
      // The server refused the body while we read it (chunked, past the limit). The rest of it is still on the
      // connection: answer, then close — "Connection: close" alone does not stop Helidon from reading that rest
      // as a next request.
      res.header(HeaderNames.CONNECTION, "close");
      send(res, e.status(), error(e.status().code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()
          ? TOO_LARGE.in(RequestLanguage.current()) : e.getMessage()));
      throw new CloseConnectionException("request refused while its body was read: " + e.getMessage(), e);
    } catch (JsonProcessingException | RuntimeException e) {
      send(res, Status.INTERNAL_SERVER_ERROR_500, error(serverFault(e)));
      return;
    }
    send(res, Status.OK_200, body);
  }

  /**
   * Answers with the bytes {@code body} returns, as {@code contentType} (a CSV export…), or with the JSON refusal it
   * threw: a client asking for a file still hears why it was refused.
   */
  public static void answerAs(ServerResponse res, String contentType, Supplier<byte[]> body) {
    byte[] bytes;
    try {
      bytes = body.get();
    } catch (ApiProblem e) {
      send(res, e.status(), error(e.inLanguage()));
      return;
    } catch (RuntimeException e) {
      send(res, Status.INTERNAL_SERVER_ERROR_500, error(serverFault(e)));
      return;
    }
    res.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, contentType).send(bytes);
  }

  public static void send(ServerResponse res, Status status, byte[] body) {
    res.status(status).header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8").send(body);
  }

  public static byte[] error(String message) {
    try {
      return JSON.writeValueAsBytes(Map.of("error", message));
    } catch (JsonProcessingException e) {
      return "{\"error\":\"?\"}".getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Logs a fault of ours with a fresh reference and returns the message that gives it to the client. */
  static String serverFault(Throwable fault) {
    String reference = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("API answer failed, reference {}", reference, fault);
    return HubTexts.say(RequestLanguage.current(), "error.internal", reference);
  }

  /**
   * The server's own refusals (before or outside a handler) in the API's shape: the status it chose, our message
   * for a body past the limit, a reference for its own faults.
   */
  static final DirectHandler DIRECT = (request, event, status, headers, message) -> {
    String text;
    if (status.code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
      text = TOO_LARGE.in(RequestLanguage.current()); // before any filter: French, the network's language
    } else if (status.code() >= 500) {
      text = serverFault(new IllegalStateException(request.method() + " " + request.path() + ": " + message));
    } else {
      text = message == null || message.isBlank() ? status.reasonPhrase() : message;
    }
    return DirectHandler.TransportResponse.builder().status(status).headers(headers)
        .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8").entity(error(text)).build();
  };
}
