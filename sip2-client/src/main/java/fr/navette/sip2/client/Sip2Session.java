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
 * A reply must answer the request ({@link Sip2Replies}: type, item, patron, AY sequence); anything else — or a second
 * reply — closes the session, as any failure does: a half-read or stray reply would poison the next request. Errors
 * name the request that failed; the login or 99 a session sends on a caller's behalf is named as a step of it.
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
  private String closedWhy = "";
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
   * @throws Sip2BadReplyException the SIGB's replies did not answer the login or the 99
   */
  public static Sip2Session open(Sip2ClientConfig config, long deadlineNanos) {
    return open(config, deadlineNanos, null);
  }

  /**
   * Opens a session on behalf of {@code asked}, the caller's request (as {@link Sip2Replies#describe} names it; null
   * when the login is what the caller asked for): a failure names that request, and says it happened while logging in.
   */
  static Sip2Session open(Sip2ClientConfig config, long deadlineNanos, String asked) {
    String where = config.host() + ":" + config.port();
    Socket socket = null;
    try {
      socket = Sockets.connect(config, remainingMillis(deadlineNanos, "connecting to the SIGB at " + where));
      Sip2Session s = new Sip2Session(config, socket);
      s.login(deadlineNanos, asked);
      return s;
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw new Sip2TimeoutException(about(asked, "the SIGB at " + where
          + " did not accept the connection within the deadline"), e);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new Sip2ConnectionException(about(asked, "cannot connect to the SIGB at " + where + ": " + e.getMessage()),
          e);
    } catch (RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  private void login(long deadlineNanos, String asked) {
    LoginRequest login = LoginRequest.of(config.user(), config.password(),
        config.location().isEmpty() ? Optional.empty() : Optional.of(config.location()));
    Sip2Message request = login.toMessage();
    LoginResponse lr = parse(label(request, asked), exchange(request, deadlineNanos, asked), LoginResponse::from);
    loginResponse = Optional.of(lr);
    if (!lr.ok()) {
      close("the SIGB refused the login");
      throw new Sip2LoginException(about(asked, "the SIGB at " + where() + " refused the login of user '"
          + config.user() + "' (94 ok=0): check user, password and location"));
    }
    acsStatus = Optional.of(status(deadlineNanos, asked));
    LOG.info("SIP2 session to {} logged in as {}; ACS online={}", where(), config.user(), acsStatus.get().online());
  }

  /** The SIGB's answer to our login (94). */
  public Optional<LoginResponse> loginResponse() {
    return loginResponse;
  }

  /** Sends an SC status (99) and returns the ACS status; the keep-alive and the liveness probe. */
  public AcsStatusResponse status(long deadlineNanos) {
    return status(deadlineNanos, null);
  }

  /** An SC status on behalf of {@code asked} (a probe before the caller's request), null for the 99 itself. */
  AcsStatusResponse status(long deadlineNanos, String asked) {
    Sip2Message request = ScStatusRequest.ok().toMessage();
    return parse(label(request, asked), exchange(request, deadlineNanos, asked), AcsStatusResponse::from);
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

  /**
   * Reads a reply into its typed record; one that does not read is a protocol error naming {@code request} (the
   * reply's type was checked on receipt: what fails here is a field).
   */
  public static <T> T parse(String request, Sip2Message reply, Reader<T> reader) {
    try {
      return reader.read(reply);
    } catch (Sip2ParseException e) {
      throw new Sip2ProtocolException(request + ": unreadable reply: " + e.getMessage(), e);
    }
  }

  /**
   * Sends a request and returns its reply — one that answers it (see {@link Sip2Replies}). Errors name the request.
   *
   * @throws Sip2ConnectionException the connection broke; this session is now closed
   * @throws Sip2TimeoutException no reply before the deadline; this session is now closed
   * @throws Sip2BadReplyException what came back does not answer the request (or stayed unreadable after resends);
   *     this session is now closed
   */
  public Sip2Message exchange(Sip2Message request, long deadlineNanos) {
    return exchange(request, deadlineNanos, null);
  }

  /**
   * {@link #exchange} of the session's own {@code request} (login, 99) on behalf of {@code asked}, the caller's
   * request, which the errors then name; null when {@code request} is the caller's.
   */
  private Sip2Message exchange(Sip2Message request, long deadlineNanos, String asked) {
    if (broken) {
      throw new Sip2ConnectionException(fail(request, asked, "the session to the SIGB at " + where() + " is closed ("
          + closedWhy + ")"), null);
    }
    Sip2Replies.replyTo(request.type()); // a message nothing answers is refused before it goes out
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
            checkResends(resends, request, asked, "the SIGB kept asking for a resend (96)", null);
            LOG.debug("SIP2 <- 96: sending our request again");
            write(frame);
            continue;
          }
          LOG.debug("SIP2 <- {}", r.message());
          Optional<String> wrong = Sip2Replies.mismatch(request, sequence, config.errorDetection(), r);
          if (wrong.isPresent()) {
            throw new Sip2BadReplyException(fail(request, asked, wrong.get() + "; the session is closed"), null);
          }
          lastUsedNanos = System.nanoTime();
          if (!pending.isEmpty() || splitter.pendingLength() > 0) {
            // Which of two replies is the real one? The first answered; the other must never answer a later request.
            LOG.warn("{}: the SIGB sent more than one reply; the session is closed, the extra one is dropped",
                label(request, asked));
            close("the SIGB sent two replies to one request");
          }
          return r.message();
        } catch (Sip2ChecksumException e) {
          checkResends(resends, request, asked, "replies kept failing their checksum", e);
          LOG.debug("SIP2 <- bad checksum ({}); asking for a resend (97)", e.getMessage());
          write(format.encode(Sip2Message.builder(MessageType.REQUEST_ACS_RESEND).build(), sequence));
        } catch (Sip2ParseException e) {
          checkResends(resends, request, asked, "replies could not be read", e);
          LOG.debug("SIP2 <- unreadable reply ({}); asking for a resend (97)", e.getMessage());
          write(format.encode(Sip2Message.builder(MessageType.REQUEST_ACS_RESEND).build(), sequence));
        }
      }
    } catch (LineTooLong e) {
      close("a line without end");
      throw new Sip2BadReplyException(fail(request, asked, "the SIGB at " + where() + " sent " + MAX_FRAME
          + " bytes without a line end; the session is closed"), e);
    } catch (SocketTimeoutException e) {
      close("no reply in time");
      throw new Sip2TimeoutException(fail(request, asked, "no reply from the SIGB at " + where()
          + " within the deadline"), e);
    } catch (IOException e) {
      close("connection lost");
      throw new Sip2ConnectionException(fail(request, asked, "connection to the SIGB at " + where() + " lost: "
          + e.getMessage()), e);
    } catch (Sip2Exception e) {
      close("the reply did not answer the request");
      throw e;
    }
  }

  /** The request an error names: the caller's ({@code asked}) when this exchange is the session's own on its behalf. */
  private static String label(Sip2Message request, String asked) {
    return asked != null ? asked : Sip2Replies.describe(request);
  }

  /** "checkin (09) of item 42: no reply … (while logging in on a new session)". */
  private static String fail(Sip2Message request, String asked, String problem) {
    return asked == null ? Sip2Replies.describe(request) + ": " + problem
        : asked + ": " + problem + " (while " + Sip2Replies.step(request) + ")";
  }

  private static String about(String asked, String problem) {
    return asked == null ? problem : asked + ": " + problem;
  }

  private String where() {
    return config.host() + ":" + config.port();
  }

  private void checkResends(int resends, Sip2Message request, String asked, String what, Throwable cause) {
    if (resends >= MAX_RESENDS) {
      throw new Sip2BadReplyException(fail(request, asked, what + " after " + MAX_RESENDS + " resends"), cause);
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
        throw new LineTooLong(e);
      }
    }
    return pending.poll();
  }

  /** More than {@code MAX_FRAME} bytes without a line end: a hostile or broken server, not a lost connection. */
  private static final class LineTooLong extends IOException {
    LineTooLong(Sip2ParseException cause) {
      super(cause.getMessage(), cause);
    }
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

  /**
   * Whether nothing has arrived since the last reply. Bytes waiting on an idle session are a reply nobody asked for (a
   * late second answer): sending the next request there would read it as the answer.
   */
  boolean isQuiet() {
    try {
      return pending.isEmpty() && splitter.pendingLength() == 0 && in.available() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    close("closed by its user");
  }

  private void close(String why) {
    if (!broken) {
      closedWhy = why;
    }
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
