package fr.navette.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * A device's plain TCP sockets to the broker, with Nagle's algorithm off. A kiosk's checkout is a request and
 * an answer of a few hundred bytes each way, then small acknowledgements: with Nagle on, each small write that
 * follows another waits for the broker's delayed TCP ACK (40 ms on Linux) — ~100 ms per document, a second for
 * ten (bench/README.md, self-check kiosk). The hub's session does the same for its PUBACKs
 * ({@code hub/ingest/NoDelaySocketFactory}; the modules share no code below {@code message-schema}, which does no
 * I/O).
 */
final class NoDelaySocketFactory extends SocketFactory {
  @Override
  public Socket createSocket() throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    return socket; // Paho connects it itself, with its connection timeout
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(SocketAddress remote, SocketAddress local) throws IOException {
    Socket socket = createSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(remote);
    return socket;
  }
}
