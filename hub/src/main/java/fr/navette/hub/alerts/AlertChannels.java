package fr.navette.hub.alerts;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Where alerts are sent besides {@code GET /api/alerts}: a webhook (JSON POST) and/or e-mail over SMTP.
 *
 * @param smtp e-mail settings, when alerts go by mail
 */
public record AlertChannels(Optional<URI> webhook, Optional<Smtp> smtp) {
  public static AlertChannels none() {
    return new AlertChannels(Optional.empty(), Optional.empty());
  }

  /** A plain SMTP relay of the municipality (no authentication: a relay on the local network). */
  public record Smtp(String host, int port, String from, List<String> to) {
    public Smtp {
      to = List.copyOf(to);
      if (to.isEmpty()) {
        throw new IllegalArgumentException("alert e-mail needs at least one recipient");
      }
      if (port <= 0 || port > 65535) {
        throw new IllegalArgumentException("SMTP port must be 1..65535, got " + port);
      }
    }
  }
}
