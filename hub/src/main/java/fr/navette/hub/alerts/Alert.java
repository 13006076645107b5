package fr.navette.hub.alerts;

import java.time.Instant;

/**
 * Something staff or the administrator must act on. At most one alert is open per {@code (kind, subject)}
 * (e.g. {@code device-offline}, {@code box-BR02-1}); it is resolved when its cause goes away.
 */
public record Alert(String alertId, String kind, String subject, Severity severity, String message,
                    Instant raisedAt, Instant resolvedAt, Instant notifiedAt) {
  public enum Severity { INFO, WARNING, CRITICAL }

  public boolean open() {
    return resolvedAt == null;
  }
}
