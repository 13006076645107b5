package fr.navette.launcher.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP relay between one device and the hub's broker that the chaos run can cut: what a broken link
 * between a branch and the hub looks like to both ends. Cut, it closes every connection it carries and closes new
 * ones as soon as they are made, so the device sees its hub gone and the broker sees the device go (its will);
 * restored, it carries new connections again, to whatever listens on the target port (a restarted hub).
 */
final class TcpRelay implements AutoCloseable {
  private final ServerSocket server;
  private final int targetPort;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cut;
  private volatile boolean closed;

  TcpRelay(int targetPort) {
    this.targetPort = targetPort;
    try {
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("chaos relay: cannot listen", e);
    }
    Thread.ofPlatform().daemon().name("chaos-relay-" + server.getLocalPort()).start(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Cuts the link: every connection dropped, new ones refused until {@link #restore()}. */
  void cut() {
    cut = true;
    open.forEach(TcpRelay::closeQuietly);
  }

  void restore() {
    cut = false;
  }

  private void acceptLoop() {
    while (!closed) {
      Socket device;
      try {
        device = server.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      if (cut) {
        closeQuietly(device);
        continue;
      }
      Socket broker = new Socket();
      try {
        device.setTcpNoDelay(true);
        broker.setTcpNoDelay(true);
        broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
      } catch (IOException e) { // the hub is down: the device sees its connection refused, as it would directly
        closeQuietly(device);
        closeQuietly(broker);
        continue;
      }
      open.add(device);
      open.add(broker);
      Thread.ofVirtual().start(() -> pump(device, broker));
      Thread.ofVirtual().start(() -> pump(broker, device));
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side went: both go
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
    open.forEach(TcpRelay::closeQuietly);
  }
}
