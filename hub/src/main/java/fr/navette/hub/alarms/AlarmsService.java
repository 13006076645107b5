package fr.navette.hub.alarms;

import static fr.navette.hub.web.JsonAnswers.answer;
import static fr.navette.hub.web.QueryParams.limit;

import com.fasterxml.jackson.core.JsonProcessingException;
import fr.navette.hub.web.JsonAnswers;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /api/alarms}, and {@code GET /api/alarms/live}: each alarm as it is stored, as server-sent events. */
public final class AlarmsService implements HttpService {
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
  private static final Logger LOG = LoggerFactory.getLogger(AlarmsService.class);

  private final AlarmStore alarms;
  private final AlarmFeed feed;

  public AlarmsService(AlarmStore alarms, AlarmFeed feed) {
    this.alarms = alarms;
    this.feed = feed;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/api/alarms", (req, res) -> answer(res, () -> alarms.recent(limit(req))))
        .get("/api/alarms/live", (req, res) -> live(res));
  }

  /**
   * Server-sent events: each alarm as it is stored ({@code event: alarm}, the same JSON as {@code /api/alarms}),
   * a comment every {@link #KEEP_ALIVE} so that proxies keep the stream open and a gone screen is noticed. The
   * stream ends when the hub stops or the screen falls behind; browsers reconnect by themselves.
   */
  private void live(ServerResponse res) {
    try (AlarmFeed.Watcher watcher = feed.watch()) {
      SseSink sink = res.sink(SseSink.TYPE);
      try {
        sink.emit(SseEvent.builder().comment("live alarms").build()); // a comment: no screen shows it
        while (true) {
          Optional<AlarmStore.Alarm> alarm = watcher.next(KEEP_ALIVE);
          sink.emit(alarm.isPresent()
              ? SseEvent.builder().name("alarm").data(JsonAnswers.JSON.writeValueAsString(alarm.get())).build()
              : SseEvent.builder().comment("keep-alive").build());
        }
      } catch (InterruptedException e) {
        // the hub is stopping, or this screen fell behind: end the stream, the browser reconnects and reloads
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot serialise an alarm", e);
      } catch (RuntimeException gone) {
        LOG.debug("a live alarm screen went away: {}", gone.toString());
      } finally {
        sink.close();
      }
    }
  }
}
