package fr.navette.sim.sigb;

import fr.navette.sip2.codec.FrameSplitter;
import fr.navette.sip2.codec.FieldTag;
import fr.navette.sip2.codec.MessageType;
import fr.navette.sip2.codec.Received;
import fr.navette.sip2.codec.Sip2Format;
import fr.navette.sip2.codec.Sip2Message;
import fr.navette.sip2.codec.Sip2ParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: read frames, answer each, in order. Garbage or a bad checksum is
 * answered with 96 (please resend), a 97 with the last reply again. The injected faults and the
 * silent idle drop live here, at the wire, so the service stays a plain function.
 */
final class SimSession implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SimSession.class);
  private static final int MAX_FRAME = 64 * 1024;

  private final Socket socket;
  private final SigbSimulatorConfig config;
  private final SigbService service;
  private final SimCounters counters;
  private final SigbService.Session state = new SigbService.Session();
  private byte[] lastReply;

  SimSession(Socket socket, SigbSimulatorConfig config, SigbService service, SimCounters counters) {
    this.socket = socket;
    this.config = config;
    this.service = service;
    this.counters = counters;
  }

  @Override
  public void run() {
    try {
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleTimeout().toMillis()));
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      FrameSplitter splitter = new FrameSplitter(MAX_FRAME);
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        List<byte[]> frames;
        try {
          frames = splitter.feed(buf, 0, n);
        } catch (Sip2ParseException e) {
          LOG.debug("SIGB simulator: {}; closing", e.getMessage());
          return;
        }
        for (byte[] frame : frames) {
          if (!answer(frame, out)) {
            return;
          }
        }
      }
    } catch (SocketTimeoutException e) {
      counters.idleDrops.increment();
      LOG.debug("SIGB simulator: idle for {}, dropping the connection without a word", config.idleTimeout());
    } catch (IOException e) {
      LOG.debug("SIGB simulator: connection ended: {}", e.getMessage());
    }
  }

  /** Answers one frame; false when the connection must end. */
  private boolean answer(byte[] frame, OutputStream out) throws IOException {
    long count = counters.requests.incrementAndGet();
    SigbSimulatorConfig.Faults faults = config.faults();
    if (every(faults.dropRequestEvery(), count)) {
      LOG.debug("SIGB simulator: injected fault: request {} dropped with a connection reset", count);
      reset();
      return false;
    }
    Sip2Format format = config.format();
    Sip2Message reply;
    int sequence = 0;
    try {
      Received r = format.decode(frame);
      sequence = r.sequence().orElse(0);
      LOG.debug("SIGB simulator <- {}", r.message());
      if (r.message().type() == MessageType.REQUEST_ACS_RESEND && lastReply != null) {
        counters.resendsServed.increment();
        pause();
        out.write(lastReply);
        out.flush();
        return true;
      }
      if (r.message().field(FieldTag.ITEM_IDENTIFIER).filter(faults.resetOnItems()::contains).isPresent()) {
        LOG.debug("SIGB simulator: injected fault: request {} names a document it chokes on; connection reset", count);
        reset();
        return false;
      }
      if (every(faults.askResendEvery(), count)) {
        LOG.debug("SIGB simulator: injected fault: asking for a resend of request {}", count);
        reply = Sip2Message.builder(MessageType.REQUEST_SC_RESEND).build();
      } else {
        Optional<Sip2Message> answer = service.handle(r.message(), state);
        if (answer.isEmpty()) {
          LOG.debug("SIGB simulator: {} not served (logged in: {}); closing", r.message().type(), state.loggedIn);
          return false;
        }
        reply = answer.get();
      }
    } catch (Sip2ParseException e) {
      counters.resendsAsked.increment();
      LOG.debug("SIGB simulator: {}; asking for a resend", e.getMessage());
      reply = Sip2Message.builder(MessageType.REQUEST_SC_RESEND).build();
    }
    byte[] bytes = format.encode(reply, sequence);
    lastReply = bytes;
    pause();
    if (every(faults.resetEvery(), count)) {
      LOG.debug("SIGB simulator: injected fault: request {} processed, then the connection reset", count);
      reset();
      return false;
    }
    out.write(Faults.apply(bytes, faults, count, format));
    out.flush();
    LOG.debug("SIGB simulator -> {}", reply);
    return true;
  }

  private void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  static boolean every(int n, long count) {
    return n > 0 && count % n == 0;
  }

  private void pause() {
    if (!config.responseDelay().isZero()) {
      try {
        Thread.sleep(config.responseDelay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
