package fr.navette.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import fr.navette.hub.web.ApiClient.Answer;
import io.helidon.webserver.WebServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The API's answers over a real server: a record with an {@code Optional} is written (a command's answer once
 * failed there, after the command had gone out), and a fault of ours is a 500 whose reference is in the log.
 */
class JsonAnswersTest {
  record WithOptional(String name, Optional<Instant> expiresAt, Optional<String> none) {}

  @Test
  void optionalsAreWrittenAndAFaultOfOursIsA500WithAReferenceInTheLog() throws Exception {
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    Logger web = (Logger) LoggerFactory.getLogger(HubWeb.class);
    web.addAppender(captured);
    WebServer server = WebServer.builder().host("127.0.0.1").port(0).routing(r -> r
        .get("/optional", (req, res) -> JsonAnswers.answer(res, () ->
            new WithOptional("silence", Optional.of(Instant.parse("2026-12-03T10:00:00Z")), Optional.empty())))
        .get("/fault", (req, res) -> JsonAnswers.answer(res, () -> {
          throw new IllegalStateException("the disk is on fire");
        }))).build().start();
    try {
      ApiClient api = new ApiClient(server.port());
      Answer optional = api.get("/optional");
      assertThat(optional.status()).as(optional.body()).isEqualTo(200);
      assertThat(optional.json().get("expiresAt").asText()).isEqualTo("2026-12-03T10:00:00Z");
      assertThat(optional.json().get("none").isNull()).isTrue();

      Answer fault = api.get("/fault");
      assertThat(fault.status()).isEqualTo(500);
      // French, the hub's default language
      Matcher reference = Pattern.compile("référence ([0-9a-f]{8})").matcher(fault.error());
      assertThat(reference.find()).as(fault.body()).isTrue();
      assertThat(fault.body()).doesNotContain("disk is on fire"); // the client learns the reference, not our insides
      List<ILoggingEvent> events;
      synchronized (captured) {
        events = new ArrayList<>(captured.list);
      }
      assertThat(events).anySatisfy(e -> {
        assertThat(e.getFormattedMessage()).contains(reference.group(1));
        assertThat(e.getThrowableProxy().getMessage()).isEqualTo("the disk is on fire");
      });
    } finally {
      server.stop();
      web.detachAppender(captured);
    }
  }
}
