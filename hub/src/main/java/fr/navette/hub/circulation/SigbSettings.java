package fr.navette.hub.circulation;

import java.time.Duration;
import java.util.Objects;

/**
 * How the hub reaches the SIGB over SIP2. The password never appears in {@link #toString()}.
 *
 * @param institution SIP2 AO (institution id)
 * @param encoding ascii, utf-8, cp850 or iso-8859-1 (per SIGB)
 * @param terminator cr, crlf or lf: what we send (we accept all three)
 * @param checkinCancel the SIGB honours the SIP2 checkin cancel flag (BI Y): a kiosk's loan that must be undone
 *     goes as if never made. Without it (Koha, among others) the hub undoes a loan with a plain checkin.
 */
public record SigbSettings(String host, int port, String user, String password, String institution,
                           String location, String encoding, String terminator, boolean errorDetection,
                           int maxSessions, Duration requestTimeout, boolean checkinCancel) {
  public SigbSettings {
    Objects.requireNonNull(host, "sigb host");
    if (port <= 0 || port > 65535) {
      throw new IllegalArgumentException("sigb port must be 1..65535, got " + port);
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("sigb max sessions must be >= 1, got " + maxSessions);
    }
    Objects.requireNonNull(requestTimeout, "sigb request timeout");
  }

  /** A SIGB on this machine with the simulator's defaults. */
  public static SigbSettings local(int port, String user, String password) {
    return new SigbSettings("127.0.0.1", port, user, password, "NAVETTE", "HUB", "utf-8", "cr", true, 4,
        Duration.ofSeconds(5), true);
  }

  public SigbSettings withCheckinCancel(boolean honoured) {
    return new SigbSettings(host, port, user, password, institution, location, encoding, terminator, errorDetection,
        maxSessions, requestTimeout, honoured);
  }

  @Override
  public String toString() {
    return "SIP2 " + user + "@" + host + ":" + port + " (AO " + institution + ", " + encoding + ", terminator "
        + terminator + ", error detection " + (errorDetection ? "on" : "off") + ", up to " + maxSessions
        + " sessions, timeout " + requestTimeout.toMillis() + " ms, checkin cancel " + (checkinCancel ? "on" : "off")
        + ")";
  }
}
