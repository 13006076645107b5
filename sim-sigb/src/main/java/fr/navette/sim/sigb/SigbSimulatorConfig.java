package fr.navette.sim.sigb;

import fr.navette.sip2.codec.Sip2Encoding;
import fr.navette.sip2.codec.Sip2Format;
import fr.navette.sip2.codec.Terminator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * How the simulated SIGB runs. Build it with {@link #builder()}; every option has a default that
 * makes a working network (port 0 = an ephemeral port, see {@link SigbSimulator#port()}).
 *
 * @param port TCP port, 0 for any free one
 * @param seed makes the network reproducible: same seed, same branches, items, patrons, loans, holds
 * @param user the SIP2 login (CN) the server accepts
 * @param password the SIP2 password (CO) the server accepts; never printed
 * @param institutionId what the server puts in AO
 * @param format encoding, terminator of its replies, error detection (AY/AZ on replies, checked on requests)
 * @param zone the SIGB's local time zone, in which it writes and reads dates with a blank zone
 * @param size how big the network is
 * @param idleTimeout drop a connection silently after this long without a request; zero = never
 * @param responseDelay wait this long before each reply (a slow SIGB)
 * @param faults injected wire faults, for tests and benchmarks
 * @param clock the SIGB's clock
 * @param tls serve TLS with this key store instead of clear TCP
 */
public record SigbSimulatorConfig(int port, long seed, String user, String password, String institutionId,
    Sip2Format format, ZoneId zone, NetworkSize size, Duration idleTimeout, Duration responseDelay, Faults faults,
    Clock clock, Optional<ServerTls> tls) {

  /** The server's certificate and key: a PKCS#12 or JKS key store and its password (never printed). */
  public record ServerTls(Path keyStore, String password) {
    public ServerTls {
      Objects.requireNonNull(keyStore, "keyStore");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "ServerTls[keyStore=" + keyStore + "]";
    }
  }

  /** How many branches, items and patrons to generate. */
  public record NetworkSize(int branches, int items, int patrons) {
    public static final NetworkSize DEFAULT = new NetworkSize(15, 30_000, 3_000);

    public NetworkSize {
      if (branches < 1 || items < 0 || patrons < 0) {
        throw new IllegalArgumentException("a network needs at least one branch and no negative counts");
      }
    }
  }

  /**
   * Faults injected at the wire, each "on every n-th request received" (counted over all
   * connections, 0 = never): {@code garbleEvery} damages one byte of the reply;
   * {@code badChecksumEvery} sends a wrong AZ (with error detection on); {@code resetEvery}
   * processes the request, then resets the connection instead of replying; {@code dropRequestEvery}
   * resets the connection without processing the request; {@code askResendEvery} answers 96
   * without processing it. {@code resetOnItems}: a request naming one of these documents (AB) resets the
   * connection without an answer, every time — as real SIGBs do on a record they choke on — while every other
   * request is answered.
   */
  public record Faults(int garbleEvery, int badChecksumEvery, int resetEvery, int dropRequestEvery,
      int askResendEvery, java.util.Set<String> resetOnItems) {
    public static final Faults NONE = new Faults(0, 0, 0, 0, 0);

    public Faults {
      if (garbleEvery < 0 || badChecksumEvery < 0 || resetEvery < 0 || dropRequestEvery < 0 || askResendEvery < 0) {
        throw new IllegalArgumentException("fault frequencies are 0 (never) or positive");
      }
      resetOnItems = java.util.Set.copyOf(resetOnItems);
    }

    public Faults(int garbleEvery, int badChecksumEvery, int resetEvery, int dropRequestEvery, int askResendEvery) {
      this(garbleEvery, badChecksumEvery, resetEvery, dropRequestEvery, askResendEvery, java.util.Set.of());
    }

    /** Adds a document the SIGB chokes on (see {@link Faults}). */
    public Faults withResetOnItem(String itemId) {
      java.util.Set<String> items = new java.util.HashSet<>(resetOnItems);
      items.add(itemId);
      return new Faults(garbleEvery, badChecksumEvery, resetEvery, dropRequestEvery, askResendEvery, items);
    }

    public Faults withGarbleEvery(int n) {
      return new Faults(n, badChecksumEvery, resetEvery, dropRequestEvery, askResendEvery, resetOnItems);
    }

    public Faults withBadChecksumEvery(int n) {
      return new Faults(garbleEvery, n, resetEvery, dropRequestEvery, askResendEvery, resetOnItems);
    }

    public Faults withResetEvery(int n) {
      return new Faults(garbleEvery, badChecksumEvery, n, dropRequestEvery, askResendEvery, resetOnItems);
    }

    public Faults withDropRequestEvery(int n) {
      return new Faults(garbleEvery, badChecksumEvery, resetEvery, n, askResendEvery, resetOnItems);
    }

    public Faults withAskResendEvery(int n) {
      return new Faults(garbleEvery, badChecksumEvery, resetEvery, dropRequestEvery, n, resetOnItems);
    }
  }

  public SigbSimulatorConfig {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(institutionId, "institutionId");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(responseDelay, "responseDelay");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tls, "tls");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (idleTimeout.isNegative() || responseDelay.isNegative()) {
      throw new IllegalArgumentException("idleTimeout and responseDelay must not be negative");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.port = port;
    b.seed = seed;
    b.user = user;
    b.password = password;
    b.institutionId = institutionId;
    b.format = format;
    b.zone = zone;
    b.size = size;
    b.idleTimeout = idleTimeout;
    b.responseDelay = responseDelay;
    b.faults = faults;
    b.clock = clock;
    b.tls = tls;
    return b;
  }

  @Override
  public String toString() {
    return "SigbSimulatorConfig[port=" + port + ", seed=" + seed + ", user=" + user + ", password=***, institutionId="
        + institutionId + ", format=" + format + ", zone=" + zone + ", size=" + size + ", idleTimeout="
        + idleTimeout + ", responseDelay=" + responseDelay + ", faults=" + faults + ", tls=" + tls + "]";
  }

  public static final class Builder {
    private int port = 0;
    private long seed = 42;
    private String user = "navette";
    private String password = "navette";
    private String institutionId = "RESEAU";
    private Sip2Format format = new Sip2Format(Sip2Encoding.UTF_8, Terminator.CR, false);
    private ZoneId zone = ZoneId.systemDefault();
    private NetworkSize size = NetworkSize.DEFAULT;
    private Duration idleTimeout = Duration.ZERO;
    private Duration responseDelay = Duration.ZERO;
    private Faults faults = Faults.NONE;
    private Clock clock = Clock.systemUTC();
    private Optional<ServerTls> tls = Optional.empty();

    private Builder() {}

    public Builder port(int v) { port = v; return this; }
    public Builder seed(long v) { seed = v; return this; }
    public Builder user(String v) { user = v; return this; }
    public Builder password(String v) { password = v; return this; }
    public Builder institutionId(String v) { institutionId = v; return this; }
    public Builder format(Sip2Format v) { format = v; return this; }
    public Builder encoding(Sip2Encoding v) { format = format.withEncoding(v); return this; }
    public Builder terminator(Terminator v) { format = format.withTerminator(v); return this; }
    public Builder errorDetection(boolean v) { format = format.withErrorDetection(v); return this; }
    public Builder zone(ZoneId v) { zone = v; return this; }
    public Builder size(NetworkSize v) { size = v; return this; }
    public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
    public Builder responseDelay(Duration v) { responseDelay = v; return this; }
    public Builder faults(Faults v) { faults = v; return this; }
    public Builder clock(Clock v) { clock = v; return this; }
    public Builder tls(ServerTls v) { tls = Optional.of(v); return this; }

    public SigbSimulatorConfig build() {
      return new SigbSimulatorConfig(port, seed, user, password, institutionId, format, zone, size, idleTimeout,
          responseDelay, faults, clock, tls);
    }
  }
}
