package fr.navette.sip2.client;

import fr.navette.sip2.codec.Checksum;
import fr.navette.sip2.codec.FrameSplitter;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Received;
import fr.navette.sip2.codec.Sip2ChecksumException;
import fr.navette.sip2.codec.Sip2Format;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import fr.navette.sip2.codec.messages.AcsStatusResponse;
import fr.navette.sip2.codec.messages.LoginRequest;
import fr.navette.sip2.codec.messages.LoginResponse;
import fr.navette.sip2.codec.messages.ScStatusRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in TCP (or TLS) connection to the SIGB, used by one caller at a time. Opening it
 * logs in (93) and sends an SC status (99), as servers expect. {@link #exchange} sends a request
 * and returns the reply, handling the resend dance of error detection: a reply with a bad
 * checksum or unreadable bytes → we send 97; a 96 from the server → we send our request again.
 * Any failure closes the session: a half-read reply would poison the next request.
 */
public final class Sip2Session implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Sip2Session.class);
  private static final int MAX_FRAME = 64 * 1024;
  /** Resend rounds (97 or 96) per request before giving up on the SIGB's line. */
  static final int MAX_RESENDS = 3;

  private final Sip2ClientConfig config;
  private final Sip2Format format;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final FrameSplitter splitter = new FrameSplitter(MAX_FRAME);
  private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
  private final byte[] buffer = new byte[8192];
  private int sequence = -1;
  private volatile long lastUsedNanos = System.nanoTime();
  private boolean broken;
  private Optional<AcsStatusResponse> acsStatus = Optional.empty();
  private Optional<LoginResponse> loginResponse = Optional.empty();

  private Sip2Session(Sip2ClientConfig config, Socket socket) throws IOException {
    this.config = config;
    this.format = config.format();
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects, logs in and sends 99, all before the deadline ({@link System#nanoTime()} based).
   *
   * @throws Sip2ConnectionException the SIGB is unreachable or closed the connection
   * @throws Sip2TimeoutException the deadline passed
   * @throws Sip2LoginException the SIGB refused the login
   */
  public static Sip2Session open(Sip2ClientConfig config, long deadlineNanos) {
    String where = config.host() + ":" + config.port();
    Socket socket = null;
    try {
      socket = Sockets.connect(config, remainingMillis(deadlineNanos, "connecting to the SIGB at " + where));
      Sip2Session s = new Sip2Session(config, socket);
      s.login(deadlineNanos);
      return s;
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw new Sip2TimeoutException("SIGB at " + where + " did not accept the connection within the deadline", e);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new Sip2ConnectionException("cannot connect to the SIGB at " + where + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  private void login(long deadlineNanos) {
    LoginRequest login = LoginRequest.of(config.user(), config.password(),
        config.location().isEmpty() ? Optional.empty() : Optional.of(config.location()));
    Sip2Message reply = exchange(login.toMessage(), deadlineNanos);
    LoginResponse lr = parse(reply, LoginResponse::from);
    loginResponse = Optional.of(lr);
    if (!lr.ok()) {
      broken = true;
      throw new Sip2LoginException("the SIGB at " + config.host() + ":" + config.port() + " refused the login of user '"
          + config.user() + "' (94 ok=0): check user, password and location");
    }
    acsStatus = Optional.of(status(deadlineNanos));
    LOG.info("SIP2 session to {}:{} logged in as {}; ACS online={}", config.host(), config.port(), config.user(),
        acsStatus.get().online());
  }

  /** The SIGB's answer to our login (94). */
  public Optional<LoginResponse> loginResponse() {
    return loginResponse;
  }

  /** Sends an SC status (99) and returns the ACS status; the keep-alive and the liveness probe. */
  public AcsStatusResponse status(long deadlineNanos) {
    return parse(exchange(ScStatusRequest.ok().toMessage(), deadlineNanos), AcsStatusResponse::from);
  }

  /** What the SIGB said about itself (98) when the session opened. */
  public Optional<AcsStatusResponse> acsStatus() {
    return acsStatus;
  }

  /** A typed reader for {@link #parse}. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(Sip2Message m) throws Sip2ParseException;
  }

  /** Reads a reply into its typed record; a reply of the wrong kind is a protocol error. */
  public static <T> T parse(Sip2Message reply, Reader<T> reader) {
    try {
      return reader.read(reply);
    } catch (Sip2ParseException e) {
      throw new Sip2ProtocolException("unexpected SIP2 reply: " + e.getMessage(), e);
    }
  }

  /**
   * Sends a request and returns its reply.
   *
   * @throws Sip2ConnectionException the connection broke; this session is now closed
   * @throws Sip2TimeoutException no reply before the deadline; this session is now closed
   * @throws Sip2ProtocolException the replies could not be read even after resends
   */
  public Sip2Message exchange(Sip2Message request, long deadlineNanos) {
    if (broken) {
      throw new Sip2ConnectionException("this SIP2 session is closed", null);
    }
    sequence = sequence < 0 ? 0 : Checksum.nextSequence(sequence);
    byte[] frame = format.encode(request, sequence);
    LOG.debug("SIP2 -> {}", request);
    try {
      write(frame);
      for (int resends = 0; ; resends++) {
        byte[] got = readFrame(deadlineNanos);
        try {
          Received r = format.decode(got);
          if (r.message().type() == MessageType.REQUEST_SC_RESEND) {
            checkResends(resends, "the SIGB kept asking for a resend (96)", null);
            LOG.debug("SIP2 <- 96: sending our request again");
            write(frame);
            continue;
          }
          LOG.debug("SIP2 <- {}", r.message());
          lastUsedNanos = System.nanoTime();
          return r.message();
        } catch (Sip2ChecksumException e) {
          checkResends(resends, "replies kept failing their checksum", e);
          LOG.debug("SIP2 <- bad checksum ({}); asking for a resend (97)", e.getMessage());
          write(format.encode(Sip2Message.builder(MessageType.REQUEST_ACS_RESEND).build(), sequence));
        } catch (Sip2ParseException e) {
          checkResends(resends, "replies could not be read", e);
          LOG.debug("SIP2 <- unreadable reply ({}); asking for a resend (97)", e.getMessage());
          write(format.encode(Sip2Message.builder(MessageType.REQUEST_ACS_RESEND).build(), sequence));
        }
      }
    } catch (SocketTimeoutException e) {
      close();
      throw new Sip2TimeoutException("no reply from the SIGB at " + config.host() + ":" + config.port()
          + " within the deadline (request " + request.type().code() + ")", e);
    } catch (IOException e) {
      close();
      throw new Sip2ConnectionException("connection to the SIGB at " + config.host() + ":" + config.port()
          + " lost (request " + request.type().code() + "): " + e.getMessage(), e);
    } catch (Sip2Exception e) {
      close();
      throw e;
    }
  }

  private void checkResends(int resends, String what, Throwable cause) {
    if (resends >= MAX_RESENDS) {
      throw new Sip2ProtocolException(what + " after " + MAX_RESENDS + " resends", cause);
    }
  }

  private void write(byte[] frame) throws IOException {
    out.write(frame);
    out.flush();
  }

  private byte[] readFrame(long deadlineNanos) throws IOException {
    while (pending.isEmpty()) {
      socket.setSoTimeout(remainingMillis(deadlineNanos, "waiting for the SIGB's reply"));
      int n = in.read(buffer);
      if (n < 0) {
        throw new EOFException("the SIGB closed the connection");
      }
      try {
        pending.addAll(splitter.feed(buffer, 0, n));
      } catch (Sip2ParseException e) {
        throw new IOException("the SIGB sent " + MAX_FRAME + " bytes without a terminator", e);
      }
    }
    return pending.poll();
  }

  private static int remainingMillis(long deadlineNanos, String doing) throws SocketTimeoutException {
    long ms = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (ms <= 0) {
      throw new SocketTimeoutException("deadline passed while " + doing);
    }
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }

  /** Nanoseconds since the last reply, for keep-alive decisions. */
  long idleNanos() {
    return System.nanoTime() - lastUsedNanos;
  }

  public boolean isOpen() {
    return !broken && !socket.isClosed();
  }

  @Override
  public void close() {
    broken = true;
    closeQuietly(socket);
  }

  static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // already failing or closing: the first error is the one worth reporting
    }
  }
}
