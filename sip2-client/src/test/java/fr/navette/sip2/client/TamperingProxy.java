package fr.navette.sip2.client;

import fr.navette.sip2.codec.Field;
import fr.navette.sip2.codec.FrameSplitter;
import fr.navette.sip2.codec.Received;
import fr.navette.sip2.codec.Sip2Format;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hostile SIP2 server with real answers underneath: a TCP proxy between the client and {@code sim-sigb} that hands
 * each request on, takes the simulator's one reply, and lets the test decide what the client gets instead — a reply
 * rewritten, repeated, held back for later, replaced, an endless line, nothing, or a reset.
 */
final class TamperingProxy implements AutoCloseable {
  private static final int MAX_FRAME = 1 << 20;

  /** One request and the simulator's reply to it, on the proxy's {@code connection}-th connection (from 1). */
  record Exchange(int connection, Received request, byte[] reply, Sip2Format format) {
    String requestCode() {
      return request.message().type().code();
    }

    Received decodedReply() {
      try {
        return format.decode(reply);
      } catch (Sip2ParseException e) {
        throw new AssertionError("the simulator's reply does not decode", e);
      }
    }

    /** The reply with the first {@code tag} field's value replaced (or added), same AY sequence. */
    byte[] replyWith(String tag, String value) {
      Received r = decodedReply();
      Sip2Message m = r.message();
      Sip2Message.Builder b = Sip2Message.builder(m.type());
      m.fixed().forEach(b::fixed);
      List<Field> fields = new ArrayList<>(m.fields());
      int at = -1;
      for (int i = 0; i < fields.size() && at < 0; i++) {
        at = fields.get(i).tag().equals(tag) ? i : -1;
      }
      if (at >= 0) {
        fields.set(at, new Field(tag, value));
      } else {
        fields.add(new Field(tag, value));
      }
      return format.encode(b.fields(fields).build(), r.sequence().orElse(0));
    }

    /** The reply without any {@code tag} field, same AY sequence. */
    byte[] replyWithout(String tag) {
      Received r = decodedReply();
      Sip2Message m = r.message();
      Sip2Message.Builder b = Sip2Message.builder(m.type());
      m.fixed().forEach(b::fixed);
      b.fields(m.fields().stream().filter(f -> !f.tag().equals(tag)).toList());
      return format.encode(b.build(), r.sequence().orElse(0));
    }

    /** The reply as is but carrying another AY sequence digit (a correct checksum). */
    byte[] replyWithSequence(int sequence) {
      return format.encode(decodedReply().message(), sequence);
    }
  }

  /** What the client gets for one exchange: bytes to write, {@link #NOTHING}, or {@link #RESET}. */
  @FunctionalInterface
  interface Tamper {
    byte[] answer(Exchange x);
  }

  static final byte[] NOTHING = new byte[0];
  static final byte[] RESET = new byte[0];

  private final ServerSocket server;
  private final int upstreamPort;
  private final Sip2Format format;
  private final Tamper tamper;
  private final AtomicInteger connections = new AtomicInteger();
  private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
  private final Queue<Socket> clients = new ConcurrentLinkedQueue<>();
  private final Thread acceptor;

  TamperingProxy(int upstreamPort, Sip2Format format, Tamper tamper) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstreamPort = upstreamPort;
    this.format = format;
    this.tamper = tamper;
    this.acceptor = Thread.ofVirtual().name("tampering-proxy").start(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections the client opened so far. */
  int connections() {
    return connections.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        int n = connections.incrementAndGet();
        sockets.add(client);
        clients.add(client);
        Thread.ofVirtual().name("tampering-proxy-" + n).start(() -> relay(client, n));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(Socket client, int connection) {
    try (client; Socket sigb = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      sockets.add(sigb);
      client.setTcpNoDelay(true);
      InputStream fromClient = client.getInputStream();
      OutputStream toClient = client.getOutputStream();
      InputStream fromSigb = sigb.getInputStream();
      OutputStream toSigb = sigb.getOutputStream();
      FrameSplitter clientFrames = new FrameSplitter(MAX_FRAME);
      Frames sigbFrames = new Frames(fromSigb);
      byte[] buf = new byte[8192];
      int n;
      while ((n = fromClient.read(buf)) > 0) {
        for (byte[] request : clientFrames.feed(buf, 0, n)) {
          toSigb.write(request);
          toSigb.write('\r');
          toSigb.flush();
          byte[] reply = sigbFrames.next();
          if (reply == null) {
            return;
          }
          byte[] answer = tamper.answer(new Exchange(connection, format.decode(request), reply, format));
          if (answer == RESET) {
            client.setSoLinger(true, 0);
            return;
          }
          toClient.write(answer);
          toClient.flush();
        }
      }
    } catch (IOException | Sip2ParseException e) {
      // the client went away (e.g. it gave up on an endless line): this connection is over
    }
  }

  /** The simulator's replies, one frame at a time, terminator included. */
  private static final class Frames {
    private final InputStream in;
    private final FrameSplitter splitter = new FrameSplitter(MAX_FRAME);
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private final byte[] buf = new byte[8192];

    Frames(InputStream in) {
      this.in = in;
    }

    byte[] next() throws IOException, Sip2ParseException {
      while (ready.isEmpty()) {
        int n = in.read(buf);
        if (n < 0) {
          return null;
        }
        for (byte[] f : splitter.feed(buf, 0, n)) {
          byte[] withCr = java.util.Arrays.copyOf(f, f.length + 1);
          withCr[f.length] = '\r';
          ready.add(withCr);
        }
      }
      return ready.poll();
    }
  }

  /**
   * Writes {@code bytes} to every client connection still open, now, between requests: a reply nobody asked for
   * arriving while the session sits idle. On loopback they are in the client's socket buffer when this returns.
   */
  void sendToClients(byte[] bytes) throws IOException {
    for (Socket c : clients) {
      if (!c.isClosed()) {
        c.getOutputStream().write(bytes);
        c.getOutputStream().flush();
      }
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    Socket s;
    while ((s = sockets.poll()) != null) {
      s.close();
    }
    try {
      acceptor.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
