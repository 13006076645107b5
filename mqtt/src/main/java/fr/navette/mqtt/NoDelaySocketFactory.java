package fr.navette.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets to the broker with Nagle's algorithm off, for every session on {@code tcp://}. A QoS 1 PUBACK,
 * a kiosk's request and the hub's answer are small writes that follow one another: with Nagle on, each waits for
 * the broker's delayed TCP ACK (40 ms on Linux) — a hub stalled at ~1,000 messages/s instead of 8,000, a kiosk's
 * ten documents took 1 s instead of 81 ms (FOOTGUNS, MQTT: "Paho's socket has Nagle on").
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
