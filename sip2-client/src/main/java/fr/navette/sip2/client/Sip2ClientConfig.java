package fr.navette.sip2.client;

import fr.navette.sip2.codec.Sip2Encoding;
import fr.navette.sip2.codec.Sip2Format;
import fr.navette.sip2.codec.Terminator;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach and talk to one SIGB. Build it with {@link #builder()} (new options are added to
 * the builder, so code using it keeps compiling); validated here, once.
 *
 * @param host SIGB host name or address
 * @param port SIGB SIP2 port
 * @param user login user id (CN)
 * @param password login password (CO); never printed
 * @param location location code sent at login (CP), may be empty
 * @param institution institution id sent as AO in every request
 * @param encoding character encoding of the SIGB
 * @param terminator what ends the messages we send (we accept CR, CRLF and LF)
 * @param errorDetection send AY/AZ and check them on replies
 * @param requestTimeout deadline of one request, from the call to the reply, reconnection included
 * @param maxSessions how many TCP sessions the pool may open at once
 * @param keepAliveAfter send a 99 on a session idle this long before using it again; zero = never
 * @param zone the SIGB's time zone: dates are sent in its local time with a blank zone, as Koha
 *     reads them (it ignores the zone field and would shift a UTC return date)
 * @param tls TLS settings, empty for plain TCP (SIP2 is clear text: use TLS or a tunnel)
 */
public record Sip2ClientConfig(String host, int port, String user, String password, String location,
    String institution, Sip2Encoding encoding, Terminator terminator, boolean errorDetection,
    Duration requestTimeout, int maxSessions, Duration keepAliveAfter, ZoneId zone, Optional<Sip2Tls> tls) {

  public Sip2ClientConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(institution, "institution");
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(terminator, "terminator");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(keepAliveAfter, "keepAliveAfter");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(tls, "tls");
    if (host.isBlank()) {
      throw new IllegalArgumentException("SIP2 host is empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SIP2 port must be 1..65535, got " + port);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("SIP2 request timeout must be positive, got " + requestTimeout);
    }
    if (maxSessions < 1) {
      throw new IllegalArgumentException("SIP2 maxSessions must be at least 1, got " + maxSessions);
    }
    if (keepAliveAfter.isNegative()) {
      throw new IllegalArgumentException("SIP2 keepAliveAfter must not be negative");
    }
  }

  public Sip2Format format() {
    return new Sip2Format(encoding, terminator, errorDetection);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String toString() {
    return "Sip2ClientConfig[host=" + host + ", port=" + port + ", user=" + user + ", password=***, location="
        + location + ", institution=" + institution + ", encoding=" + encoding + ", terminator=" + terminator
        + ", errorDetection=" + errorDetection + ", requestTimeout=" + requestTimeout + ", maxSessions="
        + maxSessions + ", keepAliveAfter=" + keepAliveAfter + ", zone=" + zone + ", tls=" + tls + "]";
  }

  public static final class Builder {
    private String host = "localhost";
    private int port = 6001;
    private String user = "";
    private String password = "";
    private String location = "";
    private String institution = "";
    private Sip2Encoding encoding = Sip2Encoding.UTF_8;
    private Terminator terminator = Terminator.CR;
    private boolean errorDetection;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxSessions = 4;
    private Duration keepAliveAfter = Duration.ofMinutes(1);
    private ZoneId zone = ZoneId.systemDefault();
    private Optional<Sip2Tls> tls = Optional.empty();

    private Builder() {}

    public Builder host(String v) { host = v; return this; }
    public Builder port(int v) { port = v; return this; }
    public Builder user(String v) { user = v; return this; }
    public Builder password(String v) { password = v; return this; }
    public Builder location(String v) { location = v; return this; }
    public Builder institution(String v) { institution = v; return this; }
    public Builder encoding(Sip2Encoding v) { encoding = v; return this; }
    public Builder terminator(Terminator v) { terminator = v; return this; }
    public Builder errorDetection(boolean v) { errorDetection = v; return this; }
    public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
    public Builder maxSessions(int v) { maxSessions = v; return this; }
    public Builder keepAliveAfter(Duration v) { keepAliveAfter = v; return this; }
    public Builder zone(ZoneId v) { zone = v; return this; }
    public Builder tls(Sip2Tls v) { tls = Optional.of(v); return this; }
    public Builder tls(Optional<Sip2Tls> v) { tls = v; return this; }

    public Sip2ClientConfig build() {
      return new Sip2ClientConfig(host, port, user, password, location, institution, encoding, terminator,
          errorDetection, requestTimeout, maxSessions, keepAliveAfter, zone, tls);
    }
  }
}
