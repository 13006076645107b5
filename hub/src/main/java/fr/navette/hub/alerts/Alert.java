package fr.navette.hub.alerts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import fr.navette.hub.text.Said;
import java.time.Instant;
import java.util.Locale;

/**
 * Something staff or the administrator must act on. At most one alert is open per {@code (kind, subject)}
 * (e.g. {@code device-offline}, {@code box-BR02-1}); it is resolved when its cause goes away. {@code message} is
 * in French; {@code text}, when known, says it again in any language ({@link #in}).
 */
public record Alert(String alertId, String kind, String subject, Severity severity, String message,
                    Instant raisedAt, Instant resolvedAt, Instant notifiedAt, @JsonIgnore Said text) {
  public enum Severity { INFO, WARNING, CRITICAL }

  /** The alert with its message in {@code language}; as it is when its text is not known (raised before). */
  public Alert in(Locale language) {
    return text == null ? this
        : new Alert(alertId, kind, subject, severity, text.in(language), raisedAt, resolvedAt, notifiedAt, text);
  }

  public boolean open() {
    return resolvedAt == null;
  }
}
